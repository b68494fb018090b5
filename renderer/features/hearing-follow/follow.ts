/**
 * Following the looked-up case on the phone: the public `hearings.board` is
 * the signal that its room moved, the look-up (rate-limited per address) is
 * asked again only then, spaced out, with a slow timer as the fallback.
 */
import type { StoreApi } from 'zustand';
import { FINAL_HEARING_STATES, type HearingLookup, type Topic } from '../../../core/contract';
import type { LiveClient, LiveClientOptions } from '../../client/live';
import { roomKey } from '../hearings/board';
import { bridgeLive, type LiveSlice } from '../live/slice';
import type { HearingFollowSlice } from './slice';

/**
 * The look-up is rate-limited per address (20 per 10 minutes), so a phone
 * fetches again only when its own room changed on the public board, after a
 * short debounce, and keeps under FOLLOW_LIMITS: quick for the first changes,
 * spaced out when its room is busy.
 */
export const FOLLOW_DEBOUNCE_MS = 800;
export const FOLLOW_JITTER_MS = 1200;
export const FOLLOW_LIMITS: readonly { count: number; windowMs: number }[] = [
  { count: 15, windowMs: 10 * 60_000 },
  { count: 3, windowMs: 60_000 },
];
export const FOLLOW_SLOW_MS = 120_000;
/** After a 429: wait this long before asking again. */
export const FOLLOW_BACKOFF_MS = 120_000;

/** How long to wait before the next fetch, given when the recent ones went out. */
export function followDelay(
  now: number,
  fetches: readonly number[],
  debounceMs: number,
  jitter: number,
  limits: readonly { count: number; windowMs: number }[] = FOLLOW_LIMITS,
): number {
  let allowedAt = now;
  for (const { count, windowMs } of limits) {
    const recent = fetches.filter((t) => t > now - windowMs).sort((a, b) => a - b);
    if (recent.length >= count) allowedAt = Math.max(allowedAt, recent[recent.length - count]! + windowMs);
  }
  return Math.max(debounceMs + jitter, allowedAt - now);
}

export interface FollowOptions {
  debounceMs?: number;
  jitterMs?: number;
  slowMs?: number;
  backoffMs?: number;
  limits?: readonly { count: number; windowMs: number }[];
  random?: () => number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  visible?: () => boolean;
  live?: Partial<LiveClientOptions>;
  /** For tests: no socket, the caller sets snapshots. */
  noSocket?: boolean;
}

/** Nothing more will happen to a hearing in these states today. */
export function followDone(lookup: HearingLookup | null): boolean {
  return lookup !== null && FINAL_HEARING_STATES.includes(lookup.state);
}

/**
 * Follow the looked-up case: every change of its room on the public
 * `hearings.board` schedules one fetch (debounced, spaced for the rate
 * limit), a slow timer the fallback. Returns `wake()` and `stop()`.
 */
export function bindHearingFollow(store: StoreApi<HearingFollowSlice & LiveSlice>, o: FollowOptions = {}) {
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = o.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const random = o.random ?? Math.random;
  const now = o.now ?? Date.now;
  const visible = o.visible ?? (() => typeof document === 'undefined' || document.visibilityState !== 'hidden');
  const debounceMs = o.debounceMs ?? FOLLOW_DEBOUNCE_MS;
  const jitterMs = o.jitterMs ?? FOLLOW_JITTER_MS;
  const slowMs = o.slowMs ?? FOLLOW_SLOW_MS;
  const backoffMs = o.backoffMs ?? FOLLOW_BACKOFF_MS;

  let pending: unknown = null;
  let slow: unknown = null;
  let lastKey: string | null = null;
  let missed = false;
  let stopped = false;

  const fetchNow = () => {
    const s = store.getState();
    if (stopped || !s.ref || followDone(s.lookup) || s.problem === 'not_found') return;
    if (!visible()) {
      missed = true;
      return;
    }
    missed = false;
    void s.look(s.ref);
  };

  const schedule = (extra = 0) => {
    if (stopped || pending !== null) return;
    const s = store.getState();
    if (!s.ref || followDone(s.lookup)) return;
    const delay = Math.max(extra, followDelay(now(), s.fetches, debounceMs, Math.round(random() * jitterMs), o.limits));
    pending = setTimer(() => {
      pending = null;
      fetchNow();
    }, delay);
  };

  const tick = () => {
    slow = setTimer(() => {
      const last = store.getState().fetches.at(-1);
      if (last === undefined || now() - last >= slowMs - 1) schedule();
      tick();
    }, slowMs);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.problem === 'too_many' && prev.problem !== 'too_many') {
      schedule(backoffMs);
      return;
    }
    const roomId = s.lookup?.courtroom.id;
    if (!roomId) return;
    const key = roomKey(s.snapshots['hearings.board'], roomId);
    if (key === null) return;
    // The first sight of the room after a look-up is what that look-up saw.
    if (lastKey === null || prev.lookup?.courtroom.id !== roomId) {
      lastKey = key;
      return;
    }
    if (key !== lastKey) {
      lastKey = key;
      schedule();
    }
  });
  const live: LiveClient | null = o.noSocket ? null : bridgeLive(store, ['hearings.board'] satisfies Topic[], o.live ?? {});
  tick();

  return {
    live,
    /** The page is visible again: catch up on a change missed while hidden. */
    wake: () => {
      if (missed) schedule();
    },
    stop: () => {
      stopped = true;
      unsubscribe();
      live?.stop();
      if (pending !== null) clearTimer(pending);
      if (slow !== null) clearTimer(slow);
    },
  };
}
