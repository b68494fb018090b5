import { randomBytes } from 'node:crypto';
import type {
  Bilingual,
  Call,
  CounterAction,
  CounterActionResponse,
  CounterTicket,
  KioskStatus,
  OpeningHoursDto,
  PhoneTicket,
  PublicCounter,
  PublicService,
  QueueBoard,
  QueueStaff,
  TicketStatus,
} from '../../contract';
import type { Db } from '../../store/db';
import { inTransaction } from '../../store/db';
import { addDays, localDay, localIso, steadyClock, type Clock, type ClockJump } from '../../store/clock';
import type { EventBus } from '../events';
import { DomainError } from '../errors';
import { estimateWaitMinutes } from './estimates';
import { isOpen } from './hours';
import { announcementFor } from './announce';
import { clockJumpNotice, isNotableJump, type ClockNotice } from './clock-jumps';
import { callsBefore, chooseNext, normalsSincePriorityAfter, type ServiceHeads, type WaitingTicket } from './ordering';

export interface QueueRules {
  priorityEvery: number;
  agingMinutes: number;
  graceMinutes: number;
}

export interface QueueSite {
  timeZone: string;
  services: readonly (PublicService & { hours: OpeningHoursDto[] | null; dailyReset: boolean })[];
  counters: readonly PublicCounter[];
  rules: QueueRules;
  counterWord: Bilingual;
}

export interface Ticket {
  id: number;
  serviceId: string;
  serviceName: Bilingual;
  day: string;
  number: string;
  token: string;
  status: TicketStatus;
  priority: boolean;
  issuedAt: number;
  /**
   * Waiting tickets of the same service that will be called before this one,
   * by the ordering rule (博愛 tickets included where the rule lets them in).
   */
  waitingAhead: number;
  estimatedWaitMinutes: number | null;
}

interface TicketRow {
  id: number;
  service_id: string;
  day: string;
  seq_key: string;
  seq: number;
  number: string;
  priority: number;
  status: TicketStatus;
  sort_key: number;
  only_counter_id: string | null;
  token: string;
  issued_at: number;
  waiting_since: number;
  called_at: number | null;
  serving_at: number | null;
  finished_at: number | null;
  skipped_at: number | null;
  counter_id: string | null;
}

const RECENT_CALLS = 8;
const HISTORY = 20;
const STAFF_LINE_LIMIT = 50;
const MAX_SEQ = 999;
const ACTIVE = `('called','serving')`;

export function formatNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

export function createQueue(deps: { db: Db; site: QueueSite; clock: Clock; bus: EventBus }) {
  const { db, site, bus } = deps;
  // The queue's time never goes back, whatever the computer's clock does (see steadyClock).
  const jumps: { jump: ClockJump; day: string }[] = [];
  const clock = steadyClock(deps.clock, { timeZone: site.timeZone, onJump: noteJump });
  const services = new Map(site.services.map((s) => [s.id, s]));
  const counters = new Map(site.counters.map((c) => [c.id, c]));
  const resetServices = site.services.filter((s) => s.dailyReset).map((s) => s.id);
  const agingMs = site.rules.agingMinutes * 60_000;
  const graceMs = site.rules.graceMinutes * 60_000;

  const stmts = {
    lastSeq: db.prepare('SELECT seq_key, seq FROM tickets WHERE issued_service_id = ? ORDER BY id DESC LIMIT 1'),
    nextSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM tickets WHERE issued_service_id = ? AND seq_key = ?'),
    insert: db.prepare(
      `INSERT INTO tickets (service_id, issued_service_id, day, seq_key, seq, number, priority, status, sort_key, token, issued_at, waiting_since)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?)`,
    ),
    maxSort: db.prepare(`SELECT COALESCE(MAX(sort_key), 0) AS k FROM tickets WHERE status = 'waiting' AND service_id = ?`),
    minSort: db.prepare(`SELECT COALESCE(MIN(sort_key), 0) AS k FROM tickets WHERE status = 'waiting' AND service_id = ?`),
    line: db.prepare(`SELECT id, priority, waiting_since FROM tickets WHERE status = 'waiting' AND service_id = ? ORDER BY sort_key`),
    prioritiesWaiting: db.prepare(`SELECT COUNT(*) FROM tickets WHERE status = 'waiting' AND service_id = ? AND priority = 1`).pluck(),
    normalsAhead: db.prepare(`SELECT COUNT(*) FROM tickets WHERE status = 'waiting' AND service_id = ? AND sort_key < ?`).pluck(),
    waitingByService: db.prepare(`SELECT service_id, COUNT(*) AS n FROM tickets WHERE status = 'waiting' GROUP BY service_id`),
    head: db.prepare(
      `SELECT id, waiting_since FROM tickets WHERE status = 'waiting' AND service_id = ? AND priority = ?
       AND (only_counter_id IS NULL OR only_counter_id = ?) ORDER BY sort_key LIMIT 1`,
    ),
    lastCalledByService: db.prepare(
      `SELECT t.service_id, t.number FROM calls c JOIN tickets t ON t.id = c.ticket_id
       WHERE c.id IN (SELECT MAX(c2.id) FROM calls c2 JOIN tickets t2 ON t2.id = c2.ticket_id WHERE c2.called_at >= ? GROUP BY t2.service_id)`,
    ),
    recentCalls: db.prepare(
      `SELECT c.id, t.number, t.service_id, t.priority, c.counter_id, c.called_at, c.recall FROM calls c JOIN tickets t ON t.id = c.ticket_id
       WHERE c.called_at >= ? ORDER BY c.id DESC LIMIT ${RECENT_CALLS}`,
    ),
    callById: db.prepare(
      `SELECT c.id, t.number, t.service_id, t.priority, c.counter_id, c.called_at, c.recall FROM calls c JOIN tickets t ON t.id = c.ticket_id WHERE c.id = ?`,
    ),
    byToken: db.prepare('SELECT * FROM tickets WHERE token = ?'),
    byId: db.prepare('SELECT * FROM tickets WHERE id = ?'),
    // Today's ticket, or a carried-over service's ticket still in its line.
    byNumberToday: db.prepare(
      `SELECT * FROM tickets WHERE number = ? AND (day = ? OR (status IN ('waiting','skipped')
       AND service_id NOT IN (SELECT value FROM json_each(?)))) ORDER BY id DESC LIMIT 1`,
    ),
    current: db.prepare(`SELECT * FROM tickets WHERE counter_id = ? AND status IN ${ACTIVE} ORDER BY called_at DESC LIMIT 1`),
    finishActive: db.prepare(`UPDATE tickets SET status = 'done', finished_at = ? WHERE counter_id = ? AND status IN ${ACTIVE}`),
    markCalled: db.prepare(
      `UPDATE tickets SET status = 'called', called_at = ?, serving_at = NULL, counter_id = ? WHERE id = ? AND status IN ('waiting','skipped')`,
    ),
    insertCall: db.prepare('INSERT INTO calls (ticket_id, counter_id, called_at, called_by, recall) VALUES (?, ?, ?, ?, ?)'),
    recalls: db.prepare('SELECT COUNT(*) AS n FROM calls WHERE ticket_id = ? AND recall = 1'),
    counterState: db.prepare('SELECT normals_since_priority AS n FROM counter_state WHERE counter_id = ?'),
    setCounterState: db.prepare(
      `INSERT INTO counter_state (counter_id, normals_since_priority) VALUES (?, ?)
       ON CONFLICT(counter_id) DO UPDATE SET normals_since_priority = excluded.normals_since_priority`,
    ),
    skip: db.prepare(`UPDATE tickets SET status = 'skipped', skipped_at = ? WHERE id = ?`),
    start: db.prepare(`UPDATE tickets SET status = 'serving', serving_at = ? WHERE id = ? AND status = 'called'`),
    finish: db.prepare(`UPDATE tickets SET status = 'done', finished_at = ? WHERE id = ?`),
    requeue: db.prepare(
      `UPDATE tickets SET status = 'waiting', service_id = ?, sort_key = ?, only_counter_id = ?, waiting_since = ?, counter_id = NULL,
       called_at = NULL, serving_at = NULL WHERE id = ?`,
    ),
    noShows: db.prepare(`UPDATE tickets SET status = 'no_show' WHERE status = 'skipped' AND skipped_at < ?`),
    // Looked at first: a sweep that finds nothing to do takes no write lock (an import on a worker may hold it).
    sweepDue: db.prepare(
      `SELECT EXISTS (SELECT 1 FROM tickets WHERE status = 'skipped' AND skipped_at < ?)
           OR EXISTS (SELECT 1 FROM tickets WHERE status IN ('waiting','called','serving','skipped') AND day < ? AND service_id IN (SELECT value FROM json_each(?))) AS due`,
    ),
    expire: db.prepare(
      `UPDATE tickets SET status = 'expired' WHERE status IN ('waiting','called','serving','skipped') AND day < ?
       AND service_id IN (SELECT value FROM json_each(?))`,
    ),
    serviceTimes: db.prepare(
      `SELECT finished_at - COALESCE(serving_at, called_at) AS ms FROM tickets
       WHERE service_id = ? AND status = 'done' AND finished_at IS NOT NULL AND called_at IS NOT NULL ORDER BY finished_at DESC LIMIT ${HISTORY}`,
    ),
    staffWaiting: db.prepare(
      `SELECT number, priority, waiting_since, only_counter_id FROM tickets WHERE status = 'waiting' AND service_id = ?
       ORDER BY priority DESC, sort_key LIMIT ${STAFF_LINE_LIMIT}`,
    ),
    staffSkipped: db.prepare(`SELECT number, skipped_at FROM tickets WHERE status = 'skipped' AND service_id = ? ORDER BY skipped_at`),
  };

  // Issuing pauses when no ticket can come out of the printer; nothing else stops it.
  let pauseReason: KioskStatus['reason'] = null;
  let lastSweepDay = '';
  let lastSweepAt = 0;
  /**
   * The latest day a ticket was filed under, from the database: after a restart
   * that follows a clock set back across midnight, tickets keep being filed
   * under the day already begun (only one day ahead: a date further out came
   * from a clock that was plainly wrong and is not followed).
   */
  let lastFiledDay = (db.prepare('SELECT MAX(day) FROM tickets').pluck().get() as string | null) ?? '';

  function noteJump(jump: ClockJump): void {
    if (!isNotableJump(jump)) return;
    jumps.push({ jump, day: localDay(jump.actual > jump.expected ? jump.actual : jump.expected, site.timeZone) });
    if (jumps.length > 20) jumps.shift();
    // Noticed inside a read, maybe inside a transaction: staff hear of it once that is over.
    queueMicrotask(() => bus.emit('devices.changed', {}));
  }

  /** Staff see a clock jump for the rest of the lobby day it happened on. */
  function clockNotices(): ClockNotice[] {
    const day = today();
    const todays = jumps.filter((j) => j.day >= day).map((j) => j.jump);
    return todays.length === 0 ? [] : [clockJumpNotice(todays, site.timeZone)];
  }

  function setPaused(reason: KioskStatus['reason']): void {
    if (reason === pauseReason) return;
    pauseReason = reason;
    bus.emit('kiosk.status.changed', {});
  }

  function kioskStatus(): KioskStatus {
    return { canIssue: pauseReason === null, reason: pauseReason };
  }

  /** The day a ticket issued at `now` is filed under: never one before a day already begun. */
  function dayAt(now: number): string {
    const day = localDay(now, site.timeZone);
    return lastFiledDay > day && lastFiledDay <= addDays(day, 1) ? lastFiledDay : day;
  }

  function today(): string {
    return dayAt(clock.now());
  }

  /** Start of the local day, for "today's calls" without storing a day on calls. */
  function dayStartMs(): number {
    const now = clock.now();
    const day = localDay(now, site.timeZone);
    // Taipei has no DST: the offset is fixed at +08:00; derive it from the clock's own formatting.
    const offsetIso = localIso(now, site.timeZone).slice(-6);
    return Date.parse(`${day}T00:00:00${offsetIso}`);
  }

  /**
   * Housekeeping run inside every command's transaction: yesterday's tickets
   * of resetting services expire (never called today), and a skipped ticket
   * whose grace has passed becomes a no-show. "Yesterday" is judged by
   * `dayNow`, so a clock jumping far ahead does not end the day early.
   */
  function sweep(now: number): void {
    const day = localDay(clock.dayNow(), site.timeZone);
    if (day !== lastSweepDay) {
      stmts.expire.run(day, JSON.stringify(resetServices));
      lastSweepDay = day;
    }
    stmts.noShows.run(now - graceMs);
    lastSweepAt = now;
  }

  /**
   * Reads call this first, so a board shows no leftovers after midnight even
   * before the day's first command. Returns whether anything changed.
   */
  function sweepIfDue(): boolean {
    const now = clock.now();
    const day = localDay(clock.dayNow(), site.timeZone);
    if (day === lastSweepDay && now - lastSweepAt < 30_000) return false;
    if (!(stmts.sweepDue.get(now - graceMs, day, JSON.stringify(resetServices)) as { due: number }).due) {
      lastSweepDay = day;
      lastSweepAt = now;
      return false;
    }
    const before = db.prepare('SELECT total_changes() AS n').get() as { n: number };
    inTransaction(db, () => sweep(now));
    const after = db.prepare('SELECT total_changes() AS n').get() as { n: number };
    return after.n !== before.n;
  }

  function countersServing(serviceId: string): number {
    return site.counters.filter((c) => c.serviceIds.includes(serviceId)).length;
  }

  const orderingRules = { priorityEvery: site.rules.priorityEvery, agingMs };

  /**
   * How many waiting tickets the ordering rule calls before ticket `id` of the
   * service (`null`: a ticket issued now, normal, at the back of the line).
   * The service's own order (see `callsBefore`), from the state of the
   * serving counter nearest to its next priority call: that counter is the
   * one that decides whether a priority ticket goes next.
   */
  function aheadOf(serviceId: string, id: number | null, sortKey = Number.MAX_SAFE_INTEGER): number {
    // No 博愛 ticket waiting and this one normal: plain line order, counted on the index (a long line stays cheap).
    if (stmts.prioritiesWaiting.get(serviceId) === 0) return stmts.normalsAhead.get(serviceId, sortKey) as number;
    const now = clock.now();
    const line: WaitingTicket[] = (stmts.line.all(serviceId) as { id: number; priority: number; waiting_since: number }[]).map((r) => ({
      id: r.id,
      priority: r.priority === 1,
      waitedMs: now - r.waiting_since,
    }));
    if (id === null) line.push({ id: -1, priority: false, waitedMs: 0 });
    const n = Math.max(
      0,
      ...site.counters
        .filter((c) => c.serviceIds.includes(serviceId))
        .map((c) => (stmts.counterState.get(c.id) as { n: number } | undefined)?.n ?? 0),
    );
    return callsBefore(serviceId, line, id ?? -1, n, orderingRules);
  }

  function estimate(serviceId: string, ahead: number): number | null {
    const times = (stmts.serviceTimes.all(serviceId) as { ms: number }[]).map((r) => r.ms);
    return estimateWaitMinutes(times, ahead, countersServing(serviceId));
  }

  function toTicket(row: TicketRow): Ticket {
    const service = services.get(row.service_id);
    const ahead = row.status === 'waiting' ? aheadOf(row.service_id, row.id, row.sort_key) : 0;
    return {
      id: row.id,
      serviceId: row.service_id,
      serviceName: service?.name ?? { zh: row.service_id, en: row.service_id },
      day: row.day,
      number: row.number,
      token: row.token,
      status: row.status,
      priority: row.priority === 1,
      issuedAt: row.issued_at,
      waitingAhead: ahead,
      estimatedWaitMinutes: row.status === 'waiting' ? estimate(row.service_id, ahead) : null,
    };
  }

  function seqKeyFor(serviceId: string, dailyReset: boolean, day: string): { key: string; seq: number } {
    if (dailyReset) return { key: day, seq: (stmts.nextSeq.get(serviceId, day) as { seq: number }).seq };
    // A carried-over queue runs one sequence across days and starts a new cycle after 999.
    const last = stmts.lastSeq.get(serviceId) as { seq_key: string; seq: number } | undefined;
    const cycle = last?.seq_key.startsWith('cycle-') ? Number(last.seq_key.slice(6)) : 1;
    if (last && last.seq_key.startsWith('cycle-') && last.seq >= MAX_SEQ) return { key: `cycle-${cycle + 1}`, seq: 1 };
    const key = `cycle-${cycle}`;
    return { key, seq: (stmts.nextSeq.get(serviceId, key) as { seq: number }).seq };
  }

  /**
   * Issues the next number of a service. The read of the last sequence and the
   * insert share one immediate transaction, so two kiosks tapping at once can
   * never get the same number.
   */
  function issue(serviceId: string, priority = false): Ticket {
    const service = services.get(serviceId);
    if (!service) throw new DomainError('not_found', `Unknown service: ${serviceId}`);
    if (pauseReason) {
      throw new DomainError('unavailable', '暫停取號，請洽服務台 / Ticket issuing is paused: please ask at the information desk.');
    }
    const ticket = inTransaction(db, () => {
      const now = clock.now();
      if (!isOpen(service.hours, now, site.timeZone)) {
        throw new DomainError('unavailable', `${service.name.zh}目前非服務時間 / ${service.name.en} is closed now.`);
      }
      sweep(now);
      const day = dayAt(now);
      if (day > lastFiledDay) lastFiledDay = day;
      const { key, seq } = seqKeyFor(serviceId, service.dailyReset, day);
      if (seq > MAX_SEQ) throw new DomainError('unavailable', `今日號碼已發完 / ${service.name.en} has issued its last number for today.`);
      const token = randomBytes(16).toString('base64url');
      const sortKey = (stmts.maxSort.get(serviceId) as { k: number }).k + 1;
      const info = stmts.insert.run(serviceId, serviceId, day, key, seq, formatNumber(service.prefix, seq), priority ? 1 : 0, sortKey, token, now, now);
      return toTicket(stmts.byId.get(info.lastInsertRowid) as TicketRow);
    });
    bus.emit('ticket.issued', { ticketId: ticket.id, serviceId, number: ticket.number });
    return ticket;
  }

  function counterOf(counterId: string): PublicCounter {
    const counter = counters.get(counterId);
    if (!counter) throw new DomainError('not_found', `Unknown counter: ${counterId}`);
    return counter;
  }

  function currentRow(counterId: string): TicketRow | undefined {
    return stmts.current.get(counterId) as TicketRow | undefined;
  }

  function requireCurrent(counterId: string): TicketRow {
    const row = currentRow(counterId);
    if (!row) throw new DomainError('conflict', 'This counter is not serving a ticket.');
    return row;
  }

  /** Records a call and returns its id; the board announces each id once. */
  function call(row: TicketRow, counterId: string, now: number, actor: number | null, recall: boolean): number {
    if (!recall) stmts.markCalled.run(now, counterId, row.id);
    return Number(stmts.insertCall.run(row.id, counterId, now, actor, recall ? 1 : 0).lastInsertRowid);
  }

  function pickNext(counter: PublicCounter, now: number): { row: TicketRow; priority: boolean } | null {
    const heads: ServiceHeads[] = counter.serviceIds.map((serviceId) => {
      const head = (p: number) => {
        const r = stmts.head.get(serviceId, p, counter.id) as { id: number; waiting_since: number } | undefined;
        return r ? { id: r.id, waitedMs: now - r.waiting_since } : null;
      };
      return { serviceId, normal: head(0), priority: head(1) };
    });
    const n = (stmts.counterState.get(counter.id) as { n: number } | undefined)?.n ?? 0;
    const choice = chooseNext(heads, n, orderingRules);
    if (!choice) return null;
    stmts.setCounterState.run(counter.id, normalsSincePriorityAfter(choice, n));
    return { row: stmts.byId.get(choice.id) as TicketRow, priority: choice.priority };
  }

  /**
   * One counter action, atomically. "next" finishes what the counter was
   * serving and calls the next ticket by the ordering rules.
   */
  function act(action: CounterAction, actorUserId: number | null): CounterActionResponse {
    const counter = counterOf(action.counterId);
    let finished: TicketRow | undefined;
    const result = inTransaction(db, () => {
      const now = clock.now();
      sweep(now);
      let callId: number | null = null;
      // Whatever this action finishes at the counter opens a rating prompt once committed.
      if (action.action === 'next' || action.action === 'finish' || action.action === 'call-number') finished = currentRow(counter.id);
      switch (action.action) {
        case 'next': {
          stmts.finishActive.run(now, counter.id);
          const next = pickNext(counter, now);
          if (next) callId = call(next.row, counter.id, now, actorUserId, false);
          break;
        }
        case 'recall': {
          callId = call(requireCurrent(counter.id), counter.id, now, actorUserId, true);
          break;
        }
        case 'call-number': {
          const row = stmts.byNumberToday.get(action.number, dayAt(now), JSON.stringify(resetServices)) as TicketRow | undefined;
          if (!row || !counter.serviceIds.includes(row.service_id) && row.only_counter_id !== counter.id) {
            throw new DomainError('not_found', `No ticket ${action.number} for this counter.`);
          }
          if (row.status !== 'waiting' && row.status !== 'skipped') {
            throw new DomainError('conflict', `Ticket ${action.number} cannot be called: it is ${row.status.replace('_', '-')}.`);
          }
          stmts.finishActive.run(now, counter.id);
          callId = call(row, counter.id, now, actorUserId, false);
          break;
        }
        case 'skip': {
          stmts.skip.run(now, requireCurrent(counter.id).id);
          break;
        }
        case 'start': {
          const row = requireCurrent(counter.id);
          if (row.status === 'serving') throw new DomainError('conflict', 'Service has already started.');
          stmts.start.run(now, row.id);
          break;
        }
        case 'finish': {
          stmts.finish.run(now, requireCurrent(counter.id).id);
          break;
        }
        case 'transfer': {
          const row = requireCurrent(counter.id);
          const toService = action.toServiceId ?? row.service_id;
          if (!services.has(toService)) throw new DomainError('not_found', `Unknown service: ${toService}`);
          if (action.toCounterId !== undefined) {
            const target = counterOf(action.toCounterId);
            if (!target.serviceIds.includes(toService)) throw new DomainError('invalid', `Counter ${target.number} does not serve ${toService}.`);
          }
          const sortKey =
            action.position === 'front'
              ? (stmts.minSort.get(toService) as { k: number }).k - 1
              : (stmts.maxSort.get(toService) as { k: number }).k + 1;
          stmts.requeue.run(toService, sortKey, action.toCounterId ?? null, now, row.id);
          break;
        }
      }
      return { callId };
    });
    if (finished && currentRow(counter.id)?.id !== finished.id && (stmts.byId.get(finished.id) as TicketRow).status === 'done') {
      bus.emit('ticket.finished', { ticketId: finished.id, serviceId: finished.service_id, counterId: counter.id });
    }
    const current = counterTicket(counter.id);
    const madeCall = result.callId === null ? null : callDto(result.callId);
    if (madeCall) bus.emit('ticket.called', { ticketId: 0, number: madeCall.number, serviceId: madeCall.serviceId, counterId: counter.id, callId: madeCall.id, recall: madeCall.recall });
    bus.emit('queue.changed', {});
    return { current, call: madeCall };
  }

  /** Kept for the first console and the keypad: finish and call next. */
  function callNext(counterId: string, actorUserId: number | null): Call | null {
    return act({ action: 'next', counterId }, actorUserId).call;
  }

  function callDto(id: number): Call {
    const r = stmts.callById.get(id) as {
      id: number;
      number: string;
      service_id: string;
      priority: number;
      counter_id: string;
      called_at: number;
      recall: number;
    };
    const counterNumber = counters.get(r.counter_id)?.number ?? 0;
    return {
      id: r.id,
      number: r.number,
      serviceId: r.service_id,
      counterId: r.counter_id,
      counterNumber,
      calledAt: localIso(r.called_at, site.timeZone),
      recall: r.recall === 1,
      priority: r.priority === 1,
      announcement: announcementFor(r.number, counterNumber, site.counterWord),
    };
  }

  function counterTicket(counterId: string): CounterTicket | null {
    const row = currentRow(counterId);
    if (!row || (row.status !== 'called' && row.status !== 'serving')) return null;
    return {
      number: row.number,
      serviceId: row.service_id,
      status: row.status,
      priority: row.priority === 1,
      calledAt: localIso(row.called_at ?? row.issued_at, site.timeZone),
      servingAt: row.serving_at ? localIso(row.serving_at, site.timeZone) : null,
      recalls: (stmts.recalls.get(row.id) as { n: number }).n,
    };
  }

  function board(): QueueBoard {
    sweepIfDue();
    const now = clock.now();
    const since = dayStartMs();
    const waiting = new Map((stmts.waitingByService.all() as { service_id: string; n: number }[]).map((r) => [r.service_id, r.n]));
    const lastCalled = new Map(
      (stmts.lastCalledByService.all(since) as { service_id: string; number: string }[]).map((r) => [r.service_id, r.number]),
    );
    const recent = (stmts.recentCalls.all(since) as { id: number }[]).map((r) => callDto(r.id));
    return {
      day: today(),
      services: site.services.map((s) => {
        const n = waiting.get(s.id) ?? 0;
        return {
          serviceId: s.id,
          waiting: n,
          lastCalled: lastCalled.get(s.id) ?? null,
          open: isOpen(s.hours, now, site.timeZone),
          // What a normal ticket taken now would be told: the same count its ticket prints.
          estimatedWaitMinutes: estimate(s.id, n === 0 ? 0 : aheadOf(s.id, null)),
        };
      }),
      recentCalls: recent,
    };
  }

  function staffView(): QueueStaff {
    sweepIfDue();
    const now = clock.now();
    return {
      counters: site.counters.map((c) => ({ counterId: c.id, current: counterTicket(c.id) })),
      lines: site.services.map((s) => ({
        serviceId: s.id,
        waiting: (stmts.staffWaiting.all(s.id) as { number: string; priority: number; waiting_since: number; only_counter_id: string | null }[]).map(
          (r) => ({ number: r.number, priority: r.priority === 1, waitingSince: localIso(r.waiting_since, site.timeZone), onlyCounterId: r.only_counter_id }),
        ),
        waitingTotal: ((stmts.waitingByService.all() as { service_id: string; n: number }[]).find((r) => r.service_id === s.id)?.n) ?? 0,
        skipped: (stmts.staffSkipped.all(s.id) as { number: string; skipped_at: number }[])
          .filter((r) => r.skipped_at >= now - graceMs)
          .map((r) => ({ number: r.number, skippedAt: localIso(r.skipped_at, site.timeZone), graceUntil: localIso(r.skipped_at + graceMs, site.timeZone) })),
      })),
    };
  }

  /** What the ticket's QR page shows: this ticket only. */
  function phoneTicket(token: string): PhoneTicket {
    sweepIfDue();
    const row = stmts.byToken.get(token) as TicketRow | undefined;
    if (!row) throw new DomainError('not_found', 'No such ticket');
    const t = toTicket(row);
    return {
      number: t.number,
      serviceName: t.serviceName,
      status: t.status,
      ahead: t.waitingAhead,
      counterNumber: row.counter_id ? (counters.get(row.counter_id)?.number ?? null) : null,
      estimatedWaitMinutes: t.estimatedWaitMinutes,
    };
  }

  function ticketById(id: number): Ticket | null {
    const row = stmts.byId.get(id) as TicketRow | undefined;
    return row ? toTicket(row) : null;
  }

  /** Today's ticket by its printed number, for staff (reprint). */
  function ticketByNumber(number: string): Ticket {
    sweepIfDue();
    const row = stmts.byNumberToday.get(number, today(), JSON.stringify(resetServices)) as TicketRow | undefined;
    if (!row) throw new DomainError('not_found', `No ticket ${number} today.`);
    return toTicket(row);
  }

  return { issue, act, callNext, board, staffView, phoneTicket, ticketById, ticketByNumber, today, setPaused, kioskStatus, counterTicket, sweepIfDue, clockNotices };
}

export type Queue = ReturnType<typeof createQueue>;
