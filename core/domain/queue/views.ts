/**
 * What the queue shows: the public board, the staff consoles' view, a
 * ticket's phone page, a counter's current ticket. Views only read: a ticket
 * past its day or its grace reads as expired or no-show here even before the
 * sweep (`tick`) has written it so.
 */
import type { Bilingual, Call, CounterTicket, KioskStatus, PhoneTicket, QueueBoard, QueueStaff, TicketStatus } from '../../contract';
import { localIso } from '../../store/clock';
import { DomainError } from '../errors';
import { announcementFor } from './announce';
import type { QueueContext } from './context';
import { createAheadReader } from './ahead';
import { isOpen } from './hours';
import type { CallRecord, Leftovers, TicketRecord } from './rows';

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
   * Calls that come before this one at the counters that serve it, by the
   * ordering rule, over all their services (see ahead.ts).
   */
  waitingAhead: number;
  estimatedWaitMinutes: number | null;
}

const OPEN_STATUSES: ReadonlySet<TicketStatus> = new Set(['waiting', 'called', 'serving', 'skipped']);

export function createQueueViews(ctx: QueueContext) {
  const { site, clock, rows, services, counters, graceMs } = ctx;

  const reading = createAheadReader(ctx);

  /** A ticket's status as the sweep will leave it: yesterday's open ticket is expired, a skip past its grace a no-show. */
  function statusNow(t: TicketRecord, now: number, leftovers: Leftovers | null): TicketStatus {
    if (leftovers && t.day < leftovers.day && OPEN_STATUSES.has(t.status) && ctx.resets.has(t.serviceId)) return 'expired';
    if (t.status === 'skipped' && t.skippedAt !== null && t.skippedAt < now - graceMs) return 'no_show';
    return t.status;
  }

  function toTicket(t: TicketRecord): Ticket {
    const leftovers = ctx.leftovers();
    const status = statusNow(t, clock.now(), leftovers);
    const read = status === 'waiting' ? reading(leftovers) : null;
    const ahead = read ? read.aheadOf(t.serviceId, t) : 0;
    return {
      id: t.id,
      serviceId: t.serviceId,
      serviceName: services.get(t.serviceId)?.name ?? { zh: t.serviceId, en: t.serviceId },
      day: t.day,
      number: t.number,
      token: t.token,
      status,
      priority: t.priority,
      issuedAt: t.issuedAt,
      waitingAhead: ahead,
      estimatedWaitMinutes: read ? read.estimate(t.serviceId, ahead) : null,
    };
  }

  function toCall(r: CallRecord): Call {
    const counterNumber = counters.get(r.counterId)?.number ?? 0;
    return {
      id: r.id,
      number: r.number,
      serviceId: r.serviceId,
      counterId: r.counterId,
      counterNumber,
      calledAt: localIso(r.calledAt, site.timeZone),
      recall: r.recall,
      priority: r.priority,
      announcement: announcementFor(r.number, counterNumber, site.counterWord),
    };
  }

  function counterTicketOf(row: TicketRecord | undefined): CounterTicket | null {
    if (!row || (row.status !== 'called' && row.status !== 'serving')) return null;
    return {
      number: row.number,
      serviceId: row.serviceId,
      status: row.status,
      priority: row.priority,
      calledAt: localIso(row.calledAt ?? row.issuedAt, site.timeZone),
      servingAt: row.servingAt ? localIso(row.servingAt, site.timeZone) : null,
      recalls: rows.recalls(row.id),
    };
  }

  return {
    toTicket,
    toCall,

    /** The ticket a counter has called or is serving, as its console, keypad and display show it. */
    counterTicket(counterId: string): CounterTicket | null {
      return counterTicketOf(rows.current(counterId, ctx.leftovers()));
    },

    kioskStatus(): KioskStatus {
      return { canIssue: ctx.state.pauseReason === null, reason: ctx.state.pauseReason };
    },

    board(): QueueBoard {
      const now = clock.now();
      const leftovers = ctx.leftovers();
      const since = ctx.dayStartMs();
      const waiting = rows.waitingByService(leftovers);
      const lastCalled = rows.lastCalledByService(since);
      const read = reading(leftovers);
      return {
        day: ctx.today(),
        services: site.services.map((s) => {
          const n = waiting.get(s.id) ?? 0;
          return {
            serviceId: s.id,
            waiting: n,
            lastCalled: lastCalled.get(s.id) ?? null,
            open: isOpen(ctx.hoursOf(s), now, site.timeZone),
            hours: ctx.hoursOf(s),
            // What a normal ticket taken now would be told: the same count its ticket prints.
            estimatedWaitMinutes: read.estimateForNew(s.id),
          };
        }),
        recentCalls: rows.recentCalls(since).map(toCall),
      };
    },

    staffView(): QueueStaff {
      const now = clock.now();
      const leftovers = ctx.leftovers();
      const waiting = rows.waitingByService(leftovers);
      return {
        counters: site.counters.map((c) => ({ counterId: c.id, current: counterTicketOf(rows.current(c.id, leftovers)) })),
        lines: site.services.map((s) => ({
          serviceId: s.id,
          waiting: rows.staffWaiting(s.id, leftovers).map((r) => ({
            number: r.number,
            priority: r.priority,
            waitingSince: localIso(r.waitingSince, site.timeZone),
            onlyCounterId: r.onlyCounterId,
          })),
          waitingTotal: waiting.get(s.id) ?? 0,
          skipped: rows
            .staffSkipped(s.id, leftovers)
            .filter((r) => r.skippedAt >= now - graceMs)
            .map((r) => ({ number: r.number, skippedAt: localIso(r.skippedAt, site.timeZone), graceUntil: localIso(r.skippedAt + graceMs, site.timeZone) })),
        })),
      };
    },

    /** What the ticket's QR page shows: this ticket only. */
    phoneTicket(token: string): PhoneTicket {
      const row = rows.ticketByToken(token);
      if (!row) throw new DomainError('not_found', 'No such ticket');
      const t = toTicket(row);
      return {
        number: t.number,
        serviceName: t.serviceName,
        status: t.status,
        ahead: t.waitingAhead,
        counterNumber: row.counterId ? (counters.get(row.counterId)?.number ?? null) : null,
        estimatedWaitMinutes: t.estimatedWaitMinutes,
      };
    },

    ticketById(id: number): Ticket | null {
      const row = rows.ticketById(id);
      return row ? toTicket(row) : null;
    },

    /** Today's ticket by its printed number, for staff (reprint). */
    ticketByNumber(number: string): Ticket {
      const row = rows.ticketByNumberToday(number, ctx.today(), ctx.resetServices);
      if (!row) throw new DomainError('not_found', `No ticket ${number} today.`);
      return toTicket(row);
    },
  };
}

export type QueueViews = ReturnType<typeof createQueueViews>;
