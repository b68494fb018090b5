/**
 * Changes that come with time, not a command, asked of each domain as
 * `tick(now)`: a domain whose service has no `tick` of its own yet (the queue
 * and detainees have theirs) is asked through one of these, which tells the
 * bus when its state moved.
 */
import type { EventBus } from '../domain/events';
import type { Marquee } from '../domain/marquee/marquee';
import type { Emergencies } from '../domain/marquee/emergency';
import type { Ratings } from '../domain/survey/ratings';
import type { Ticking, Waking } from './scheduler';

/** A message's schedule starting or ending. */
export function marqueeSchedule(marquee: Pick<Marquee, 'activeKey'>, bus: EventBus): Ticking {
  let key = marquee.activeKey();
  return {
    tick() {
      const now = marquee.activeKey();
      if (now === key) return;
      key = now;
      bus.emit('marquee.changed', {});
    },
  };
}

/** An emergency notice reaching its end. */
export function emergencyEnd(emergencies: Pick<Emergencies, 'state'>, bus: EventBus): Ticking {
  let active = emergencies.state().active?.id ?? null;
  return {
    tick() {
      const now = emergencies.state().active?.id ?? null;
      if (now === active) return;
      active = now;
      bus.emit('emergency.changed', {});
    },
  };
}

/** A rating prompt nobody answered closes by itself: its tablet hears of it just after it ends. */
export function ratingPromptsEnd(ratings: Pick<Ratings, 'nextExpiry'>, bus: EventBus): Waking {
  let due: number | null = null;
  return {
    nextDue() {
      due = ratings.nextExpiry();
      return due;
    },
    tick(now) {
      if (due === null || due > now) return;
      due = null;
      bus.emit('rating.changed', {});
    },
  };
}
