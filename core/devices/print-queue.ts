import type { PrintOutcome } from '../contract';
import type { TicketPrinter } from '../../hardware/printer/types';
import type { SiteConfig } from '../config/schema';
import type { PrintJobs } from '../domain/printing/print-jobs';
import type { Queue } from '../domain/queue/queue';
import { layoutTicket } from './ticket-layout';

export interface PrintQueueOptions {
  /** A print that has not finished by then is failed, not retried: its bytes may still come out. */
  timeoutMs?: number;
  /** Extra attempts after a print that failed before its bytes went out (link down, refused). */
  retries?: number;
  retryDelayMs?: number;
}

class PrintTimeout extends Error {}

/**
 * One job at a time, in order. The ticket is committed before its job
 * starts, so a printer failure never loses a number: the job ends failed,
 * the kiosk shows the number on screen, and staff see it to reprint.
 */
export function createPrintQueue(deps: {
  jobs: PrintJobs;
  queue: Queue;
  site: SiteConfig;
  printer: TicketPrinter;
  phoneUrl(token: string): string | null;
  log(msg: string): void;
  options?: PrintQueueOptions;
}) {
  const { jobs, queue, site, printer, log } = deps;
  const timeoutMs = deps.options?.timeoutMs ?? 10_000;
  const retries = deps.options?.retries ?? 2;
  const retryDelayMs = deps.options?.retryDelayMs ?? 500;
  let tail: Promise<unknown> = Promise.resolve();
  const byTicket = new Map<number, Promise<PrintOutcome>>();
  let stopped = false;

  async function run(jobId: number, ticketId: number): Promise<PrintOutcome> {
    const ticket = queue.ticketById(ticketId);
    if (!ticket) {
      jobs.failed(jobId, 'ticket not found');
      return 'failed';
    }
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
    for (let attempt = 0; ; attempt++) {
      if (stopped) {
        jobs.failed(jobId, 'the lobby stopped before printing');
        return 'failed';
      }
      jobs.start(jobId);
      try {
        const result = await withTimeout(printer.print(doc), timeoutMs);
        jobs.printed(jobId, result.bytes);
        // e.g. a rare name character outside Big5: say so rather than stay silent.
        for (const w of result.warnings ?? []) log(`ticket ${ticket.number}: ${w.message}`);
        return 'printed';
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (err instanceof PrintTimeout || attempt >= retries) {
          jobs.failed(jobId, message);
          log(`ticket ${ticket.number} did not print: ${message}`);
          return 'failed';
        }
        await delay(retryDelayMs * (attempt + 1));
      }
    }
  }

  /** Queues a job behind the others; resolves with its outcome. */
  function submit(jobId: number, ticketId: number): Promise<PrintOutcome> {
    const p = tail.then(() => run(jobId, ticketId));
    tail = p.catch(() => undefined);
    return p;
  }

  function printIssued(ticketId: number): void {
    const jobId = jobs.create(ticketId, 'ticket', null);
    const p = submit(jobId, ticketId);
    byTicket.set(ticketId, p);
    // Forget the outcome once no kiosk request can still be waiting for it (the kiosk asks at once).
    void p.finally(() => setTimeout(() => byTicket.delete(ticketId), 10_000).unref());
  }

  /** What the kiosk tells the citizen: printed, failed, or still queued after waitMs. */
  function outcome(ticketId: number, waitMs: number): Promise<PrintOutcome> {
    const p = byTicket.get(ticketId);
    if (!p) return Promise.resolve('failed');
    return raceWait(p, waitMs).then((result) => {
      if (result !== 'queued') byTicket.delete(ticketId);
      return result;
    });
  }

  return {
    printIssued,
    submit,
    outcome,
    raceWait,
    /** Resolves when every queued job has finished. */
    idle: () => tail,
    stop() {
      stopped = true;
    },
  };
}

export type PrintQueue = ReturnType<typeof createPrintQueue>;

function raceWait(p: Promise<PrintOutcome>, waitMs: number): Promise<PrintOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<PrintOutcome>((resolve) => {
    timer = setTimeout(() => resolve('queued'), waitMs);
  });
  return Promise.race([p, waited]).finally(() => clearTimeout(timer));
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PrintTimeout(`the printer did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
