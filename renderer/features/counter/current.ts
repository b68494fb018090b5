/**
 * What a counter is serving and what time it is on the server, from the
 * console's own answers and the `queue.staff` / `queue.board` snapshots.
 */
import type { Call, CounterTicket, QueueStaff } from '../../../core/contract';
import type { ActionAck } from './slice';

/**
 * What the counter is serving, as the server says: its answer to our last
 * action until a newer `queue.staff` snapshot arrives, then the snapshot
 * (so a reload or a second console shows the same ticket).
 */
export function currentTicketFor(counterId: string | null, staff: QueueStaff | undefined, ack: ActionAck | null): CounterTicket | null {
  if (!counterId) return null;
  if (ack && ack.counterId === counterId && ack.basis === staff) return ack.current;
  return staff?.counters.find((c) => c.counterId === counterId)?.current ?? null;
}

/** The call this counter is serving: the newer of our own last call and the board's. */
export function currentCallFor(counterId: string | null, lastCall: Call | null, recent: readonly Call[] | undefined): Call | null {
  if (!counterId) return null;
  const mine = lastCall && lastCall.counterId === counterId ? lastCall : null;
  const fromBoard = (recent ?? [])
    .filter((c) => c.counterId === counterId)
    .reduce<Call | null>((best, c) => (!best || c.calledAt > best.calledAt ? c : best), null);
  if (!mine) return fromBoard;
  if (!fromBoard) return mine;
  return fromBoard.calledAt > mine.calledAt ? fromBoard : mine;
}

/** The latest instant a `queue.staff` snapshot mentions (the server's clock had reached it), or null. */
export function newestServerTime(staff: QueueStaff): number | null {
  let newest = -Infinity;
  const see = (iso: string | null | undefined) => {
    const t = iso ? Date.parse(iso) : NaN;
    if (Number.isFinite(t) && t > newest) newest = t;
  };
  for (const c of staff.counters) {
    see(c.current?.calledAt);
    see(c.current?.servingAt);
  }
  for (const l of staff.lines) {
    for (const w of l.waiting) see(w.waitingSince);
    for (const k of l.skipped) see(k.skippedAt);
  }
  return Number.isFinite(newest) ? newest : null;
}

/** Every server time seen on arrival is a lower bound of the server clock: keep the largest lead. */
export function raiseClockOffset(prev: number, serverTime: number | null, receivedAt: number): number {
  if (serverTime === null) return prev;
  return Math.max(prev, serverTime - receivedAt, 0);
}
