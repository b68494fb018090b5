import { randomBytes } from 'node:crypto';
import type { Bilingual, Call, KioskStatus, PhoneTicket, PublicCounter, PublicService, QueueBoard, TicketStatus } from '../../contract';
import type { Db } from '../../store/db';
import { inTransaction } from '../../store/db';
import { localDay, localIso, type Clock } from '../../store/clock';
import type { EventBus } from '../events';
import { DomainError } from '../errors';

export interface QueueSite {
  timeZone: string;
  services: readonly PublicService[];
  counters: readonly PublicCounter[];
}

export interface Ticket {
  id: number;
  serviceId: string;
  serviceName: Bilingual;
  day: string;
  number: string;
  token: string;
  status: TicketStatus;
  issuedAt: number;
  /** People with a waiting ticket of the same service issued before this one. */
  waitingAhead: number;
}

interface TicketRow {
  id: number;
  service_id: string;
  day: string;
  seq: number;
  number: string;
  status: TicketStatus;
  token: string;
  issued_at: number;
  called_at: number | null;
  counter_id: string | null;
}

const RECENT_CALLS = 8;

export function formatNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

export function createQueue(deps: { db: Db; site: QueueSite; clock: Clock; bus: EventBus }) {
  const { db, site, clock, bus } = deps;
  const services = new Map(site.services.map((s) => [s.id, s]));
  const counters = new Map(site.counters.map((c) => [c.id, c]));

  const stmts = {
    nextSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM tickets WHERE service_id = ? AND day = ?'),
    insert: db.prepare(
      `INSERT INTO tickets (service_id, day, seq, number, status, token, issued_at) VALUES (?, ?, ?, ?, 'waiting', ?, ?)`,
    ),
    ahead: db.prepare(`SELECT COUNT(*) AS n FROM tickets WHERE service_id = ? AND day = ? AND status = 'waiting' AND id < ?`),
    waitingByService: db.prepare(
      `SELECT service_id, COUNT(*) AS n FROM tickets WHERE day = ? AND status = 'waiting' GROUP BY service_id`,
    ),
    lastCalledByService: db.prepare(
      `SELECT t.service_id, t.number FROM calls c JOIN tickets t ON t.id = c.ticket_id
       WHERE t.day = ? AND c.id IN (SELECT MAX(c2.id) FROM calls c2 JOIN tickets t2 ON t2.id = c2.ticket_id WHERE t2.day = ? GROUP BY t2.service_id)`,
    ),
    recentCalls: db.prepare(
      `SELECT t.number, t.service_id, c.counter_id, c.called_at FROM calls c JOIN tickets t ON t.id = c.ticket_id
       WHERE t.day = ? ORDER BY c.id DESC LIMIT ${RECENT_CALLS}`,
    ),
    byToken: db.prepare('SELECT * FROM tickets WHERE token = ?'),
    byNumber: db.prepare('SELECT * FROM tickets WHERE day = ? AND number = ?'),
    byId: db.prepare('SELECT * FROM tickets WHERE id = ?'),
    finishCurrent: db.prepare(`UPDATE tickets SET status = 'done' WHERE day = ? AND status = 'called' AND counter_id = ?`),
    oldestWaiting: db.prepare(
      `SELECT * FROM tickets WHERE day = ? AND status = 'waiting' AND service_id = ? ORDER BY id LIMIT 1`,
    ),
    markCalled: db.prepare(`UPDATE tickets SET status = 'called', called_at = ?, counter_id = ? WHERE id = ? AND status = 'waiting'`),
    insertCall: db.prepare('INSERT INTO calls (ticket_id, counter_id, called_at, called_by) VALUES (?, ?, ?, ?)'),
  };

  // Issuing pauses when no ticket can come out of the printer; nothing else stops it.
  let pauseReason: KioskStatus['reason'] = null;

  function setPaused(reason: KioskStatus['reason']): void {
    if (reason === pauseReason) return;
    pauseReason = reason;
    bus.emit('kiosk.status.changed', {});
  }

  function kioskStatus(): KioskStatus {
    return { canIssue: pauseReason === null, reason: pauseReason };
  }

  function today(): string {
    return localDay(clock.now(), site.timeZone);
  }

  function toTicket(row: TicketRow): Ticket {
    const service = services.get(row.service_id);
    const ahead = (stmts.ahead.get(row.service_id, row.day, row.id) as { n: number }).n;
    return {
      id: row.id,
      serviceId: row.service_id,
      serviceName: service?.name ?? { zh: row.service_id, en: row.service_id },
      day: row.day,
      number: row.number,
      token: row.token,
      status: row.status,
      issuedAt: row.issued_at,
      waitingAhead: ahead,
    };
  }

  /**
   * Issues the next number of a service for the local day. The read of the
   * last sequence and the insert share one immediate transaction, so two
   * kiosks tapping at once can never get the same number.
   */
  function issue(serviceId: string): Ticket {
    const service = services.get(serviceId);
    if (!service) throw new DomainError('not_found', `Unknown service: ${serviceId}`);
    if (pauseReason) {
      throw new DomainError('unavailable', '暫停取號，請洽服務台 / Ticket issuing is paused: please ask at the information desk.');
    }
    const ticket = inTransaction(db, () => {
      const now = clock.now();
      const day = localDay(now, site.timeZone);
      const { seq } = stmts.nextSeq.get(serviceId, day) as { seq: number };
      if (seq > 999) throw new DomainError('unavailable', `Service ${serviceId} has issued its last number for today`);
      const token = randomBytes(16).toString('base64url');
      const info = stmts.insert.run(serviceId, day, seq, formatNumber(service.prefix, seq), token, now);
      return toTicket(stmts.byId.get(info.lastInsertRowid) as TicketRow);
    });
    bus.emit('ticket.issued', { ticketId: ticket.id, serviceId, number: ticket.number });
    return ticket;
  }

  /**
   * The counter finishes the ticket it was serving and takes the oldest
   * waiting ticket of the services it serves, in its order of preference.
   */
  function callNext(counterId: string, actorUserId: number | null): Call | null {
    const counter = counters.get(counterId);
    if (!counter) throw new DomainError('not_found', `Unknown counter: ${counterId}`);
    const call = inTransaction(db, () => {
      const now = clock.now();
      const day = localDay(now, site.timeZone);
      stmts.finishCurrent.run(day, counterId);
      for (const serviceId of counter.serviceIds) {
        const row = stmts.oldestWaiting.get(day, serviceId) as TicketRow | undefined;
        if (!row) continue;
        stmts.markCalled.run(now, counterId, row.id);
        stmts.insertCall.run(row.id, counterId, now, actorUserId);
        return { row, now };
      }
      return null;
    });
    if (!call) return null;
    bus.emit('ticket.called', { ticketId: call.row.id, number: call.row.number, serviceId: call.row.service_id, counterId });
    return {
      number: call.row.number,
      serviceId: call.row.service_id,
      counterId,
      counterNumber: counter.number,
      calledAt: localIso(call.now, site.timeZone),
    };
  }

  function board(): QueueBoard {
    const day = today();
    const waiting = new Map(
      (stmts.waitingByService.all(day) as { service_id: string; n: number }[]).map((r) => [r.service_id, r.n]),
    );
    const lastCalled = new Map(
      (stmts.lastCalledByService.all(day, day) as { service_id: string; number: string }[]).map((r) => [r.service_id, r.number]),
    );
    const recent = stmts.recentCalls.all(day) as { number: string; service_id: string; counter_id: string; called_at: number }[];
    return {
      day,
      services: site.services.map((s) => ({
        serviceId: s.id,
        waiting: waiting.get(s.id) ?? 0,
        lastCalled: lastCalled.get(s.id) ?? null,
      })),
      recentCalls: recent.map((r) => ({
        number: r.number,
        serviceId: r.service_id,
        counterId: r.counter_id,
        counterNumber: counters.get(r.counter_id)?.number ?? 0,
        calledAt: localIso(r.called_at, site.timeZone),
      })),
    };
  }

  /** What the ticket's QR page shows: this ticket only. */
  function phoneTicket(token: string): PhoneTicket {
    const row = stmts.byToken.get(token) as TicketRow | undefined;
    if (!row) throw new DomainError('not_found', 'No such ticket');
    const t = toTicket(row);
    const expired = row.status === 'waiting' && row.day !== today();
    return {
      number: t.number,
      serviceName: t.serviceName,
      status: expired ? 'expired' : t.status,
      ahead: row.status === 'waiting' && !expired ? t.waitingAhead : 0,
      counterNumber: row.counter_id ? (counters.get(row.counter_id)?.number ?? null) : null,
    };
  }

  function ticketById(id: number): Ticket | null {
    const row = stmts.byId.get(id) as TicketRow | undefined;
    return row ? toTicket(row) : null;
  }

  /** Today's ticket by its printed number, for staff (reprint). */
  function ticketByNumber(number: string): Ticket {
    const row = stmts.byNumber.get(today(), number) as TicketRow | undefined;
    if (!row) throw new DomainError('not_found', `No ticket ${number} today.`);
    return toTicket(row);
  }

  return { issue, callNext, board, phoneTicket, ticketById, ticketByNumber, today, setPaused, kioskStatus };
}

export type Queue = ReturnType<typeof createQueue>;
