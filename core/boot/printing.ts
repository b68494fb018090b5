import { createPrinter } from '../../hardware/printer';
import type { SiteConfig } from '../config/schema';
import { createPrintQueue, type PrintQueueOptions } from '../devices/print-queue';
import { watchPrinterHealth } from '../devices/printer-health';
import type { EventBus } from '../domain/events';
import type { PrintJobs } from '../domain/printing/print-jobs';
import type { Queue } from '../domain/queue/queue';
import type { Clock } from '../store/clock';

/**
 * The ticket printer: each issued ticket printed in order, and the printer's
 * status turned into the kiosk's availability (no paper, no tickets) and into
 * the staff health view. Stopping lets the job under way finish, then closes the printer.
 */
export function wirePrinting(deps: {
  site: SiteConfig;
  clock: Clock;
  bus: EventBus;
  jobs: PrintJobs;
  queue: Queue;
  phoneUrl(token: string): string | null;
  log(msg: string): void;
  /** Besides Automatic Status Back; a fault must reach the kiosk within 1 s. */
  pollMs?: number;
  /** Print-queue timing (tests shorten it). */
  printQueue?: PrintQueueOptions;
}) {
  const { site, clock, bus, jobs, queue, log } = deps;
  // Polling and reply timing: the site's, else PRINTER_DEFAULTS (a silent printer reads offline within ~700 ms).
  // The simulator's paper roll: the panel shows 30; keeping more only grows memory over months.
  const config = site.printer.driver === 'simulated' ? { ...site.printer, keepReceipts: 60 } : site.printer;
  const device = createPrinter(deps.pollMs !== undefined ? { ...config, pollIntervalMs: deps.pollMs } : config, { clock });
  const interrupted = jobs.failInterrupted();
  if (interrupted) log(`${interrupted} print job(s) were interrupted by the last shutdown; staff can reprint them.`);
  const printQueue = createPrintQueue({ jobs, queue, site, printer: device.printer, phoneUrl: deps.phoneUrl, log, ...(deps.printQueue ? { options: deps.printQueue } : {}) });
  const health = watchPrinterHealth({
    printer: device.printer,
    clock,
    timeZone: site.timeZone,
    onKioskStatus: (reason) => queue.setPaused(reason),
    onChange: () => bus.emit('devices.changed', {}),
  });
  const offIssued = bus.on('ticket.issued', ({ ticketId }) => printQueue.printIssued(ticketId));
  return {
    printer: device.printer,
    simulator: device.simulator,
    health,
    printQueue,
    async stop() {
      offIssued();
      printQueue.stop();
      await printQueue.idle();
      health.stop();
      await device.printer.close();
    },
  };
}
