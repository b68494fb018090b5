import type { PrintOutcome } from '../contract';
import type { TicketPrinter } from '../../hardware/printer/types';
import type { SiteConfig } from '../config/schema';
import type { EventBus } from '../domain/events';
import type { Queue } from '../domain/queue/queue';
import type { Clock } from '../store/clock';
import type { Db } from '../store/db';
import { layoutTicket } from './ticket-layout';

/**
 * Prints every issued ticket. The ticket is committed before printing
 * starts, so a printer failure never loses a number: the job is recorded as
 * failed and the kiosk shows the number on screen instead.
 */
export function bindTicketPrinting(deps: {
  db: Db;
  bus: EventBus;
  clock: Clock;
  queue: Queue;
  site: SiteConfig;
  printer: TicketPrinter;
  phoneUrl(token: string): string;
  log?: (msg: string) => void;
}) {
  const { db, bus, clock, queue, site, printer } = deps;
  const outcomes = new Map<number, Promise<PrintOutcome>>();
  const insertJob = db.prepare(`INSERT INTO print_jobs (ticket_id, created_at, status) VALUES (?, ?, 'pending')`);
  const finishJob = db.prepare('UPDATE print_jobs SET status = ?, bytes = ?, error = ?, finished_at = ? WHERE id = ?');

  async function print(ticketId: number): Promise<PrintOutcome> {
    const ticket = queue.ticketById(ticketId);
    if (!ticket) return 'failed';
    const jobId = Number(insertJob.run(ticketId, clock.now()).lastInsertRowid);
    const doc = layoutTicket({
      agency: site.agency,
      serviceName: ticket.serviceName,
      number: ticket.number,
      waitingAhead: ticket.waitingAhead,
      issuedAt: ticket.issuedAt,
      timeZone: site.timeZone,
      phoneUrl: deps.phoneUrl(ticket.token),
      footer: site.ticket.footer,
    });
    let ok = false;
    try {
      const result = await printer.print(doc);
      finishJob.run('printed', result.bytes, null, clock.now(), jobId);
      // e.g. a rare name character outside Big5 printed as ○: say so rather than stay silent.
      for (const w of result.warnings ?? []) deps.log?.(`ticket ${ticket.number}: ${w.message}`);
      ok = true;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      finishJob.run('failed', null, message, clock.now(), jobId);
      deps.log?.(`ticket ${ticket.number} did not print: ${message}`);
    }
    bus.emit('print.finished', { ticketId, ok });
    return ok ? 'printed' : 'failed';
  }

  const off = bus.on('ticket.issued', ({ ticketId }) => {
    const p = print(ticketId);
    outcomes.set(ticketId, p);
    // Forget the outcome once nobody can still be waiting for it.
    void p.finally(() => setTimeout(() => outcomes.delete(ticketId), 60_000).unref());
  });

  function outcome(ticketId: number, waitMs: number): Promise<PrintOutcome> {
    const p = outcomes.get(ticketId);
    if (!p) return Promise.resolve('failed');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<PrintOutcome>((resolve) => {
      timer = setTimeout(() => resolve('queued'), waitMs);
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }

  return { outcome, stop: off };
}
