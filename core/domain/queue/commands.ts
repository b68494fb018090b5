/**
 * What changes the queue: issuing a ticket, a counter's actions, pausing the
 * kiosks, and the sweep time brings (midnight expiry, the end of a skipped
 * ticket's grace). Each command is one immediate transaction.
 */
import { randomBytes } from 'node:crypto';
import type { Call, CounterAction, CounterActionResponse, KioskStatus, PublicCounter } from '../../contract';
import { inTransaction } from '../../store/db';
import { DomainError } from '../errors';
import type { QueueContext } from './context';
import { isOpen } from './hours';
import { chooseNext, normalsSincePriorityAfter, type ServiceHeads } from './ordering';
import type { TicketRecord } from './rows';
import type { QueueViews, Ticket } from './views';

const MAX_SEQ = 999;

export function formatNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

export function createQueueCommands(ctx: QueueContext, views: QueueViews) {
  const { db, site, clock, bus, rows, services, counters, state } = ctx;

  /**
   * Housekeeping run inside every command's transaction and by `tick`:
   * yesterday's open tickets of resetting services expire (never called
   * today), and a skipped ticket whose grace has passed becomes a no-show.
   * Returns how many tickets changed.
   */
  function sweep(now: number): number {
    const day = ctx.expiryDay();
    let changed = 0;
    if (day !== state.sweptDay) {
      changed += rows.expire(day, ctx.resetServices);
      state.sweptDay = day;
    }
    return changed + rows.noShows(now - ctx.graceMs);
  }

  /**
   * The sweep when something is due, else nothing: a sweep with nothing to do
   * takes no write lock (an import on a worker may hold it). Returns whether
   * any ticket changed.
   */
  function sweepIfDue(now: number): boolean {
    const day = ctx.expiryDay();
    const expiryDue = day !== state.sweptDay && rows.expireDue(day, ctx.resetServices);
    if (!expiryDue && !rows.noShowsDue(now - ctx.graceMs)) {
      state.sweptDay = day;
      return false;
    }
    return inTransaction(db, () => sweep(now)) > 0;
  }

  function setPaused(reason: KioskStatus['reason']): void {
    if (reason === state.pauseReason) return;
    state.pauseReason = reason;
    bus.emit('kiosk.status.changed', {});
  }

  function seqKeyFor(serviceId: string, dailyReset: boolean, day: string): { key: string; seq: number } {
    if (dailyReset) return { key: day, seq: rows.nextSeq(serviceId, day) };
    // A carried-over queue runs one sequence across days and starts a new cycle after 999.
    const last = rows.lastSeq(serviceId);
    const cycle = last?.seqKey.startsWith('cycle-') ? Number(last.seqKey.slice(6)) : 1;
    if (last && last.seqKey.startsWith('cycle-') && last.seq >= MAX_SEQ) return { key: `cycle-${cycle + 1}`, seq: 1 };
    const key = `cycle-${cycle}`;
    return { key, seq: rows.nextSeq(serviceId, key) };
  }

  /**
   * Issues the next number of a service. The read of the last sequence and the
   * insert share one immediate transaction, so two kiosks tapping at once can
   * never get the same number.
   */
  function issue(serviceId: string, priority = false): Ticket {
    const service = services.get(serviceId);
    if (!service) throw new DomainError('not_found', `Unknown service: ${serviceId}`);
    if (state.pauseReason) {
      throw new DomainError('unavailable', '暫停取號，請洽服務台 / Ticket issuing is paused: please ask at the information desk.');
    }
    const ticket = inTransaction(db, () => {
      const now = clock.now();
      if (!isOpen(ctx.hoursOf(service), now, site.timeZone)) {
        throw new DomainError('unavailable', `${service.name.zh}目前非服務時間 / ${service.name.en} is closed now.`);
      }
      sweep(now);
      const day = ctx.dayAt(now);
      if (day > state.lastFiledDay) state.lastFiledDay = day;
      const { key, seq } = seqKeyFor(serviceId, service.dailyReset, day);
      if (seq > MAX_SEQ) throw new DomainError('unavailable', `今日號碼已發完 / ${service.name.en} has issued its last number for today.`);
      const id = rows.insertTicket({
        serviceId,
        day,
        seqKey: key,
        seq,
        number: formatNumber(service.prefix, seq),
        priority,
        sortKey: rows.maxSort(serviceId) + 1,
        token: randomBytes(16).toString('base64url'),
        now,
      });
      return views.toTicket(rows.ticketById(id)!);
    });
    bus.emit('ticket.issued', { ticketId: ticket.id, serviceId, number: ticket.number });
    return ticket;
  }

  function counterOf(counterId: string): PublicCounter {
    const counter = counters.get(counterId);
    if (!counter) throw new DomainError('not_found', `Unknown counter: ${counterId}`);
    return counter;
  }

  /** Inside a command, after its sweep: nothing is left over to leave out. */
  function currentRow(counterId: string): TicketRecord | undefined {
    return rows.current(counterId, null);
  }

  function requireCurrent(counterId: string): TicketRecord {
    const row = currentRow(counterId);
    if (!row) throw new DomainError('conflict', 'This counter is not serving a ticket.');
    return row;
  }

  /** Records a call and returns its id; the board announces each id once. */
  function call(row: TicketRecord, counterId: string, now: number, actor: number | null, recall: boolean): number {
    if (!recall) rows.markCalled(now, counterId, row.id);
    return rows.insertCall(row.id, counterId, now, actor, recall);
  }

  function pickNext(counter: PublicCounter, now: number): TicketRecord | null {
    const heads: ServiceHeads[] = counter.serviceIds.map((serviceId) => {
      const head = (priority: boolean) => {
        const r = rows.head(serviceId, priority, counter.id);
        return r ? { id: r.id, waitedMs: now - r.waitingSince } : null;
      };
      return { serviceId, normal: head(false), priority: head(true) };
    });
    const n = rows.counterState(counter.id);
    const choice = chooseNext(heads, n, ctx.ordering);
    if (!choice) return null;
    rows.setCounterState(counter.id, normalsSincePriorityAfter(choice, n));
    return rows.ticketById(choice.id) ?? null;
  }

  /**
   * One counter action, atomically. "next" finishes what the counter was
   * serving and calls the next ticket by the ordering rules.
   */
  function act(action: CounterAction, actorUserId: number | null): CounterActionResponse {
    const counter = counterOf(action.counterId);
    let finished: TicketRecord | undefined;
    const result = inTransaction(db, () => {
      const now = clock.now();
      sweep(now);
      let callId: number | null = null;
      // Whatever this action finishes at the counter opens a rating prompt once committed.
      if (action.action === 'next' || action.action === 'finish' || action.action === 'call-number') finished = currentRow(counter.id);
      switch (action.action) {
        case 'next': {
          rows.finishActive(now, counter.id);
          const next = pickNext(counter, now);
          if (next) callId = call(next, counter.id, now, actorUserId, false);
          break;
        }
        case 'recall': {
          callId = call(requireCurrent(counter.id), counter.id, now, actorUserId, true);
          break;
        }
        case 'call-number': {
          const row = rows.ticketByNumberToday(action.number, ctx.dayAt(now), ctx.resetServices);
          if (!row || !counter.serviceIds.includes(row.serviceId) && row.onlyCounterId !== counter.id) {
            throw new DomainError('not_found', `No ticket ${action.number} for this counter.`);
          }
          if (row.status !== 'waiting' && row.status !== 'skipped') {
            throw new DomainError('conflict', `Ticket ${action.number} cannot be called: it is ${row.status.replace('_', '-')}.`);
          }
          rows.finishActive(now, counter.id);
          callId = call(row, counter.id, now, actorUserId, false);
          break;
        }
        case 'skip': {
          rows.skip(now, requireCurrent(counter.id).id);
          break;
        }
        case 'start': {
          const row = requireCurrent(counter.id);
          if (row.status === 'serving') throw new DomainError('conflict', 'Service has already started.');
          rows.start(now, row.id);
          break;
        }
        case 'finish': {
          rows.finish(now, requireCurrent(counter.id).id);
          break;
        }
        case 'transfer': {
          const row = requireCurrent(counter.id);
          const toService = action.toServiceId ?? row.serviceId;
          if (!services.has(toService)) throw new DomainError('not_found', `Unknown service: ${toService}`);
          if (action.toCounterId !== undefined) {
            const target = counterOf(action.toCounterId);
            if (!target.serviceIds.includes(toService)) throw new DomainError('invalid', `Counter ${target.number} does not serve ${toService}.`);
          }
          const sortKey = action.position === 'front' ? rows.minSort(toService) - 1 : rows.maxSort(toService) + 1;
          rows.requeue(row.id, { serviceId: toService, sortKey, onlyCounterId: action.toCounterId ?? null, now });
          break;
        }
      }
      return { callId };
    });
    if (finished && currentRow(counter.id)?.id !== finished.id && rows.ticketById(finished.id)?.status === 'done') {
      bus.emit('ticket.finished', { ticketId: finished.id, serviceId: finished.serviceId, counterId: counter.id });
    }
    const current = views.counterTicket(counter.id);
    const made = result.callId === null ? undefined : rows.callById(result.callId);
    const madeCall = made ? views.toCall(made) : null;
    if (made) {
      bus.emit('ticket.called', { ticketId: made.ticketId, number: made.number, serviceId: made.serviceId, counterId: counter.id, callId: made.id, recall: made.recall });
    }
    bus.emit('queue.changed', {});
    return { current, call: madeCall };
  }

  return {
    issue,
    act,
    /** Kept for the first console and the keypad: finish and call next. */
    callNext(counterId: string, actorUserId: number | null): Call | null {
      return act({ action: 'next', counterId }, actorUserId).call;
    },
    setPaused,
    /**
     * Time-driven work, asked by the lobby's scheduler: writes what the views
     * already read as so (yesterday's leftovers expired, skips past their
     * grace no-shows) and tells the screens when anything changed. The queue
     * judges by its own time, which never runs behind the wall clock.
     */
    tick(now: number): void {
      if (sweepIfDue(Math.max(now, clock.now()))) bus.emit('queue.changed', {});
    },
    /**
     * The sweep alone, for the lobby's timer until it calls `tick`: returns
     * whether anything changed, and emits nothing.
     * @deprecated call `tick(now)`, which also emits `queue.changed`.
     */
    sweepIfDue: (): boolean => sweepIfDue(clock.now()),
  };
}

export type QueueCommands = ReturnType<typeof createQueueCommands>;
