/**
 * The queue's SQL, and the rows it reads mapped to checked, typed values.
 * Commands and views call these functions; nothing else of the queue
 * touches a statement or a raw row.
 */
import { ticketStatusSchema, type TicketStatus } from '../../contract';
import type { Db } from '../../store/db';
import { columnChecks, intValue, maybeRow, numValue, textOrNullValue } from '../row-check';

export const RECENT_CALLS = 8;
const HISTORY = 20;
const STAFF_LINE_LIMIT = 50;
const ACTIVE = `('called','serving')`;
const OPEN = `('waiting','called','serving','skipped')`;
const TICKET_STATUSES = ticketStatusSchema.options;
const TICKET = columnChecks('tickets row');
const CALL = columnChecks('calls row');
const LINE = columnChecks('waiting line row');
const SEQ = columnChecks('ticket sequence row');
const LAST_CALL = columnChecks('last call row');
const WAITING = columnChecks('waiting count row');
const STAFF_LINE = columnChecks('staff line row');
const SKIPPED = columnChecks('skipped ticket row');
const ARRIVALS = columnChecks('recent arrivals row');

export interface TicketRecord {
  id: number;
  /** The line it waits in now; a transfer moves it. */
  serviceId: string;
  day: string;
  number: string;
  priority: boolean;
  status: TicketStatus;
  sortKey: number;
  onlyCounterId: string | null;
  token: string;
  issuedAt: number;
  waitingSince: number;
  calledAt: number | null;
  servingAt: number | null;
  skippedAt: number | null;
  counterId: string | null;
}

export interface CallRecord {
  id: number;
  ticketId: number;
  number: string;
  serviceId: string;
  priority: boolean;
  counterId: string;
  calledAt: number;
  recall: boolean;
}

/** One ticket of a waiting line, in line order. */
export interface LineRecord {
  id: number;
  priority: boolean;
  waitingSince: number;
  /** Held for this counter alone (a transfer to a counter). */
  onlyCounterId: string | null;
}

/**
 * Yesterday's open tickets of the services that reset at midnight, while the
 * sweep has not yet expired them: views leave them out (or read them as
 * expired) so a screen never shows them, without writing anything itself.
 * `services` is the resetting services' ids as a JSON array.
 */
export interface Leftovers {
  day: string;
  services: string;
}

function ticketOf(row: unknown): TicketRecord {
  const r = TICKET.row(row);
  return {
    id: TICKET.int(r.id, 'id'),
    serviceId: TICKET.text(r.service_id, 'service_id'),
    day: TICKET.text(r.day, 'day'),
    number: TICKET.text(r.number, 'number'),
    priority: TICKET.flag(r.priority, 'priority'),
    status: TICKET.oneOf(r.status, TICKET_STATUSES, 'status'),
    sortKey: TICKET.num(r.sort_key, 'sort_key'),
    onlyCounterId: TICKET.textOrNull(r.only_counter_id, 'only_counter_id'),
    token: TICKET.text(r.token, 'token'),
    issuedAt: TICKET.time(r.issued_at, 'issued_at'),
    waitingSince: TICKET.time(r.waiting_since, 'waiting_since'),
    calledAt: TICKET.timeOrNull(r.called_at, 'called_at'),
    servingAt: TICKET.timeOrNull(r.serving_at, 'serving_at'),
    skippedAt: TICKET.timeOrNull(r.skipped_at, 'skipped_at'),
    counterId: TICKET.textOrNull(r.counter_id, 'counter_id'),
  };
}

function callOf(row: unknown): CallRecord {
  const r = CALL.row(row);
  return {
    id: CALL.int(r.id, 'id'),
    ticketId: CALL.int(r.ticket_id, 'ticket_id'),
    number: CALL.text(r.number, 'number'),
    serviceId: CALL.text(r.service_id, 'service_id'),
    priority: CALL.flag(r.priority, 'priority'),
    counterId: CALL.text(r.counter_id, 'counter_id'),
    calledAt: CALL.time(r.called_at, 'called_at'),
    recall: CALL.flag(r.recall, 'recall'),
  };
}

function lineOf(row: unknown): LineRecord {
  const r = LINE.row(row);
  return {
    id: LINE.int(r.id, 'id'),
    priority: LINE.flag(r.priority, 'priority'),
    waitingSince: LINE.time(r.waiting_since, 'waiting_since'),
    onlyCounterId: LINE.textOrNull(r.only_counter_id, 'only_counter_id'),
  };
}

export function createQueueRows(db: Db) {
  const CALL = `SELECT c.id, c.ticket_id, t.number, t.service_id, t.priority, c.counter_id, c.called_at, c.recall FROM calls c JOIN tickets t ON t.id = c.ticket_id`;
  const stmts = {
    lastFiledDay: db.prepare('SELECT MAX(day) FROM tickets').pluck(),
    lastSeq: db.prepare('SELECT seq_key, seq FROM tickets WHERE issued_service_id = ? ORDER BY id DESC LIMIT 1'),
    nextSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM tickets WHERE issued_service_id = ? AND seq_key = ?').pluck(),
    insert: db.prepare(
      `INSERT INTO tickets (service_id, issued_service_id, day, seq_key, seq, number, priority, status, sort_key, token, issued_at, waiting_since)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?)`,
    ),
    maxSort: db.prepare(`SELECT COALESCE(MAX(sort_key), 0) FROM tickets WHERE status = 'waiting' AND service_id = ?`).pluck(),
    minSort: db.prepare(`SELECT COALESCE(MIN(sort_key), 0) FROM tickets WHERE status = 'waiting' AND service_id = ?`).pluck(),
    head: db.prepare(
      `SELECT id, priority, waiting_since, only_counter_id FROM tickets WHERE status = 'waiting' AND service_id = ? AND priority = ?
       AND (only_counter_id IS NULL OR only_counter_id = ?) ORDER BY sort_key LIMIT 1`,
    ),
    lastCalledByService: db.prepare(
      `SELECT t.service_id, t.number FROM calls c JOIN tickets t ON t.id = c.ticket_id
       WHERE c.id IN (SELECT MAX(c2.id) FROM calls c2 JOIN tickets t2 ON t2.id = c2.ticket_id WHERE c2.called_at >= ? GROUP BY t2.service_id)`,
    ),
    recentCalls: db.prepare(`${CALL} WHERE c.called_at >= ? ORDER BY c.id DESC LIMIT ${RECENT_CALLS}`),
    callById: db.prepare(`${CALL} WHERE c.id = ?`),
    byToken: db.prepare('SELECT * FROM tickets WHERE token = ?'),
    byId: db.prepare('SELECT * FROM tickets WHERE id = ?'),
    // Today's ticket, or a carried-over service's ticket still in its line.
    byNumberToday: db.prepare(
      `SELECT * FROM tickets WHERE number = ? AND (day = ? OR (status IN ('waiting','skipped')
       AND service_id NOT IN (SELECT value FROM json_each(?)))) ORDER BY id DESC LIMIT 1`,
    ),
    finishActive: db.prepare(`UPDATE tickets SET status = 'done', finished_at = ? WHERE counter_id = ? AND status IN ${ACTIVE}`),
    markCalled: db.prepare(
      `UPDATE tickets SET status = 'called', called_at = ?, serving_at = NULL, counter_id = ? WHERE id = ? AND status IN ('waiting','skipped')`,
    ),
    insertCall: db.prepare('INSERT INTO calls (ticket_id, counter_id, called_at, called_by, recall) VALUES (?, ?, ?, ?, ?)'),
    recalls: db.prepare('SELECT COUNT(*) FROM calls WHERE ticket_id = ? AND recall = 1').pluck(),
    counterState: db.prepare('SELECT normals_since_priority FROM counter_state WHERE counter_id = ?').pluck(),
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
    noShowsDue: db.prepare(`SELECT EXISTS (SELECT 1 FROM tickets WHERE status = 'skipped' AND skipped_at < ?)`).pluck(),
    expireDue: db.prepare(
      `SELECT EXISTS (SELECT 1 FROM tickets WHERE status IN ${OPEN} AND day < ? AND service_id IN (SELECT value FROM json_each(?)))`,
    ).pluck(),
    expire: db.prepare(`UPDATE tickets SET status = 'expired' WHERE status IN ${OPEN} AND day < ? AND service_id IN (SELECT value FROM json_each(?))`),
    // Issue times never go back with the id (steadyClock), so "issued since" is an id range, found by rowid lookups.
    lastId: db.prepare('SELECT MAX(id) FROM tickets').pluck(),
    issuedAtOrAfterId: db.prepare('SELECT id, issued_at FROM tickets WHERE id >= ? ORDER BY id LIMIT 1'),
    arrivalsFromId: db.prepare(
      `SELECT issued_service_id AS service_id, priority, COUNT(*) AS n FROM tickets WHERE id >= ? AND issued_at >= ?
       GROUP BY issued_service_id, priority`,
    ),
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    totalChanges: db.prepare('SELECT total_changes()').pluck(),
    countersAtWork: db.prepare(
      `SELECT counter_id FROM calls WHERE called_at >= ?
       UNION SELECT counter_id FROM tickets WHERE status IN ${ACTIVE} AND counter_id IS NOT NULL`,
    ).pluck(),
    serviceTimes: db.prepare(
      `SELECT finished_at - COALESCE(serving_at, called_at) FROM tickets
       WHERE service_id = ? AND status = 'done' AND finished_at IS NOT NULL AND called_at IS NOT NULL ORDER BY finished_at DESC LIMIT ${HISTORY}`,
    ).pluck(),
  };

  /**
   * The reads a view makes, each prepared twice: as is, and leaving out
   * leftovers (see `Leftovers`). The second runs only between midnight and
   * the sweep, so the usual read keeps its index-only plan.
   */
  const NOT_LEFTOVER = `AND (day >= ? OR service_id NOT IN (SELECT value FROM json_each(?)))`;
  function viewRead(sql: string, opts: { pluck?: boolean } = {}) {
    const plain = db.prepare(sql.replace('$live', '')).pluck(opts.pluck ?? false);
    const live = db.prepare(sql.replace('$live', NOT_LEFTOVER)).pluck(opts.pluck ?? false);
    return {
      get: (leftovers: Leftovers | null, ...params: unknown[]): unknown =>
        leftovers ? live.get(...params, leftovers.day, leftovers.services) : plain.get(...params),
      all: (leftovers: Leftovers | null, ...params: unknown[]): unknown[] =>
        leftovers ? live.all(...params, leftovers.day, leftovers.services) : plain.all(...params),
    };
  }
  const views = {
    line: viewRead(`SELECT id, priority, waiting_since, only_counter_id FROM tickets WHERE status = 'waiting' AND service_id = ? $live ORDER BY sort_key`),
    prioritiesWaiting: viewRead(`SELECT COUNT(*) FROM tickets WHERE status = 'waiting' AND service_id = ? AND priority = 1 $live`, { pluck: true }),
    normalsAhead: viewRead(`SELECT COUNT(*) FROM tickets WHERE status = 'waiting' AND service_id = ? AND sort_key < ? $live`, { pluck: true }),
    waitingByService: viewRead(`SELECT service_id, COUNT(*) AS n FROM tickets WHERE status = 'waiting' $live GROUP BY service_id`),
    current: viewRead(`SELECT * FROM tickets WHERE counter_id = ? AND status IN ${ACTIVE} $live ORDER BY called_at DESC LIMIT 1`),
    staffWaiting: viewRead(
      `SELECT number, priority, waiting_since, only_counter_id FROM tickets WHERE status = 'waiting' AND service_id = ? $live
       ORDER BY priority DESC, sort_key LIMIT ${STAFF_LINE_LIMIT}`,
    ),
    staffSkipped: viewRead(`SELECT number, skipped_at FROM tickets WHERE status = 'skipped' AND service_id = ? $live ORDER BY skipped_at`),
  };

  return {
    /** The latest day a ticket was filed under ('' with none). */
    lastFiledDay: (): string => textOrNullValue(stmts.lastFiledDay.get(), 'latest ticket day') ?? '',
    lastSeq(serviceId: string): { seqKey: string; seq: number } | undefined {
      return maybeRow(stmts.lastSeq.get(serviceId), (row) => {
        const r = SEQ.row(row);
        return { seqKey: SEQ.text(r.seq_key, 'seq_key'), seq: SEQ.int(r.seq, 'seq') };
      });
    },
    nextSeq: (serviceId: string, seqKey: string): number => intValue(stmts.nextSeq.get(serviceId, seqKey), 'next sequence'),
    insertTicket(t: { serviceId: string; day: string; seqKey: string; seq: number; number: string; priority: boolean; sortKey: number; token: string; now: number }): number {
      const info = stmts.insert.run(t.serviceId, t.serviceId, t.day, t.seqKey, t.seq, t.number, t.priority ? 1 : 0, t.sortKey, t.token, t.now, t.now);
      return Number(info.lastInsertRowid);
    },
    /** The back of a service's waiting line (0 when empty). */
    maxSort: (serviceId: string): number => numValue(stmts.maxSort.get(serviceId), 'back of the line'),
    /** The front of a service's waiting line (0 when empty). */
    minSort: (serviceId: string): number => numValue(stmts.minSort.get(serviceId), 'front of the line'),
    /** The first waiting ticket of a line (normal or priority) a counter may call. */
    head: (serviceId: string, priority: boolean, counterId: string): LineRecord | undefined =>
      maybeRow(stmts.head.get(serviceId, priority ? 1 : 0, counterId), lineOf),
    lastCalledByService(since: number): Map<string, string> {
      return new Map(
        stmts.lastCalledByService.all(since).map((row) => {
          const r = LAST_CALL.row(row);
          return [LAST_CALL.text(r.service_id, 'service_id'), LAST_CALL.text(r.number, 'number')] as const;
        }),
      );
    },
    recentCalls: (since: number): CallRecord[] => stmts.recentCalls.all(since).map(callOf),
    callById: (id: number): CallRecord | undefined => maybeRow(stmts.callById.get(id), callOf),
    ticketByToken: (token: string): TicketRecord | undefined => maybeRow(stmts.byToken.get(token), ticketOf),
    ticketById: (id: number): TicketRecord | undefined => maybeRow(stmts.byId.get(id), ticketOf),
    /** Today's ticket by its number, or a carried-over service's ticket still in its line. */
    ticketByNumberToday: (number: string, day: string, resetServices: string): TicketRecord | undefined =>
      maybeRow(stmts.byNumberToday.get(number, day, resetServices), ticketOf),
    finishActive: (now: number, counterId: string): void => void stmts.finishActive.run(now, counterId),
    markCalled: (now: number, counterId: string, ticketId: number): void => void stmts.markCalled.run(now, counterId, ticketId),
    insertCall(ticketId: number, counterId: string, now: number, actor: number | null, recall: boolean): number {
      return Number(stmts.insertCall.run(ticketId, counterId, now, actor, recall ? 1 : 0).lastInsertRowid);
    },
    recalls: (ticketId: number): number => intValue(stmts.recalls.get(ticketId), 'recall count'),
    /** Normal calls a counter made since its last priority one (0 before its first call). */
    counterState(counterId: string): number {
      const n = stmts.counterState.get(counterId);
      return n === undefined ? 0 : intValue(n, 'counter_state.normals_since_priority');
    },
    setCounterState: (counterId: string, n: number): void => void stmts.setCounterState.run(counterId, n),
    skip: (now: number, ticketId: number): void => void stmts.skip.run(now, ticketId),
    start: (now: number, ticketId: number): void => void stmts.start.run(now, ticketId),
    finish: (now: number, ticketId: number): void => void stmts.finish.run(now, ticketId),
    requeue(ticketId: number, to: { serviceId: string; sortKey: number; onlyCounterId: string | null; now: number }): void {
      stmts.requeue.run(to.serviceId, to.sortKey, to.onlyCounterId, to.now, ticketId);
    },
    noShowsDue: (cutoff: number): boolean => intValue(stmts.noShowsDue.get(cutoff), 'no-shows due') === 1,
    expireDue: (day: string, resetServices: string): boolean => intValue(stmts.expireDue.get(day, resetServices), 'expiry due') === 1,
    /** Skipped tickets whose grace ended before `cutoff` become no-shows; returns how many. */
    noShows: (cutoff: number): number => stmts.noShows.run(cutoff).changes,
    /** Open tickets of the resetting services filed before `day` expire; returns how many. */
    expire: (day: string, resetServices: string): number => stmts.expire.run(day, resetServices).changes,
    /** Tickets issued since `since`, by the service and line they were issued to: a read of those rows only. */
    recentArrivals(since: number): { serviceId: string; priority: boolean; count: number }[] {
      // The first id issued at or after `since`, by halving the id range (each probe one rowid lookup).
      const last = stmts.lastId.get();
      let lo = 0;
      let hi = last === null ? 0 : intValue(last, 'last ticket id') + 1;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        const probe = stmts.issuedAtOrAfterId.get(mid);
        if (probe === undefined) {
          hi = mid;
          continue;
        }
        const r = ARRIVALS.row(probe);
        if (ARRIVALS.time(r.issued_at, 'issued_at') >= since) hi = mid;
        else lo = ARRIVALS.int(r.id, 'id') + 1;
      }
      return stmts.arrivalsFromId.all(lo, since).map((row) => {
        const r = ARRIVALS.row(row);
        return { serviceId: ARRIVALS.text(r.service_id, 'service_id'), priority: ARRIVALS.flag(r.priority, 'priority'), count: ARRIVALS.int(r.n, 'n') };
      });
    },
    /**
     * Differs after any change to the database, by this connection (its change count)
     * or another (SQLite's data_version): what was read before it may be read again.
     */
    version: (): string => `${intValue(stmts.dataVersion.get(), 'data_version')}:${intValue(stmts.totalChanges.get(), 'total_changes()')}`,
    /** Counters that have called since `since` or hold a called or serving ticket. */
    countersAtWork(since: number): Set<string> {
      const ids = stmts.countersAtWork.all(since).map((id) => textOrNullValue(id, 'counter at work'));
      return new Set(ids.filter((id): id is string => id !== null));
    },
    /** How long the service's latest finished tickets took at a counter, newest first. */
    serviceTimes: (serviceId: string): number[] => stmts.serviceTimes.all(serviceId).map((ms) => numValue(ms, 'service time')),

    line: (serviceId: string, leftovers: Leftovers | null): LineRecord[] => views.line.all(leftovers, serviceId).map(lineOf),
    prioritiesWaiting: (serviceId: string, leftovers: Leftovers | null): number =>
      intValue(views.prioritiesWaiting.get(leftovers, serviceId), 'priority tickets waiting'),
    /** Waiting tickets ahead of `sortKey` in line order. */
    normalsAhead: (serviceId: string, sortKey: number, leftovers: Leftovers | null): number =>
      intValue(views.normalsAhead.get(leftovers, serviceId, sortKey), 'tickets ahead'),
    waitingByService(leftovers: Leftovers | null): Map<string, number> {
      return new Map(
        views.waitingByService.all(leftovers).map((row) => {
          const r = WAITING.row(row);
          return [WAITING.text(r.service_id, 'service_id'), WAITING.int(r.n, 'n')] as const;
        }),
      );
    },
    /** The ticket a counter has called or is serving. */
    current: (counterId: string, leftovers: Leftovers | null): TicketRecord | undefined => maybeRow(views.current.get(leftovers, counterId), ticketOf),
    staffWaiting(serviceId: string, leftovers: Leftovers | null) {
      return views.staffWaiting.all(leftovers, serviceId).map((row) => {
        const r = STAFF_LINE.row(row);
        return {
          number: STAFF_LINE.text(r.number, 'number'),
          priority: STAFF_LINE.flag(r.priority, 'priority'),
          waitingSince: STAFF_LINE.time(r.waiting_since, 'waiting_since'),
          onlyCounterId: STAFF_LINE.textOrNull(r.only_counter_id, 'only_counter_id'),
        };
      });
    },
    staffSkipped(serviceId: string, leftovers: Leftovers | null) {
      return views.staffSkipped.all(leftovers, serviceId).map((row) => {
        const r = SKIPPED.row(row);
        return { number: SKIPPED.text(r.number, 'number'), skippedAt: SKIPPED.time(r.skipped_at, 'skipped_at') };
      });
    },
  };
}

export type QueueRows = ReturnType<typeof createQueueRows>;
