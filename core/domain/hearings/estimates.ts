import { IN_ROOM_HEARING_STATES, UPCOMING_HEARING_STATES, type HearingState } from '../../contract';

export interface RoomHearing {
  id: number;
  /** Scheduled start, epoch ms. */
  scheduledAt: number;
  state: HearingState;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface RoomEstimate {
  /** Estimated start (epoch ms) of each hearing still to start. */
  starts: Map<number, number>;
  /** How late the room runs now, in minutes. */
  delayMinutes: number;
}

/**
 * Estimated starts from how the room has run today: hearings take as long as
 * today's finished ones did on average (or the site's typical length before
 * any has finished); none starts before its scheduled time.
 */
export function estimateRoom(hearings: readonly RoomHearing[], now: number, typicalMs: number): RoomEstimate {
  const done = hearings.filter((h) => h.finishedAt !== null && h.startedAt !== null);
  const avg = done.length ? done.reduce((sum, h) => sum + (h.finishedAt! - h.startedAt!), 0) / done.length : typicalMs;
  const sorted = [...hearings].sort((a, b) => a.scheduledAt - b.scheduledAt || a.id - b.id);
  let cursor = now;
  const current = sorted.find((h) => IN_ROOM_HEARING_STATES.includes(h.state));
  if (current) {
    const expectedEnd = (current.startedAt ?? now) + avg;
    // A hearing running over its expected length is expected to end a little later, never in the past.
    cursor = Math.max(expectedEnd, now + 5 * 60_000);
  }
  const starts = new Map<number, number>();
  for (const h of sorted) {
    if (!UPCOMING_HEARING_STATES.includes(h.state)) continue;
    const start = Math.max(h.scheduledAt, cursor);
    starts.set(h.id, start);
    cursor = start + avg;
  }
  const firstUpcoming = sorted.find((h) => UPCOMING_HEARING_STATES.includes(h.state));
  const lateNext = firstUpcoming ? starts.get(firstUpcoming.id)! - firstUpcoming.scheduledAt : 0;
  const lateCurrent = current?.startedAt ? current.startedAt - current.scheduledAt : 0;
  return { starts, delayMinutes: Math.max(0, Math.round(Math.max(lateNext, firstUpcoming ? 0 : lateCurrent) / 60_000)) };
}
