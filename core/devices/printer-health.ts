import type { DeviceHealth, KioskStatus } from '../contract';
import type { PrinterStatus, TicketPrinter } from '../../hardware/printer/types';
import { localIso, type Clock } from '../store/clock';

/** States in which a ticket cannot come out: the kiosk stops offering tickets. */
const BLOCKING = new Set<PrinterStatus['state']>(['paper-end', 'cover-open', 'offline', 'cutter-error']);

export function printerBlocks(status: PrinterStatus): boolean {
  // An unplugged cable blocks whatever the last reading said; a one-way link
  // that cannot read status is trusted, since refusing on ignorance would stop every ticket.
  if (status.link && status.link !== 'open') return true;
  return BLOCKING.has(status.state);
}

/**
 * Watches the printer and turns its status into the kiosk's availability and
 * the staff health view. Status arrives by Automatic Status Back or polling.
 * Every reading is acted on at once, 'offline' included: the driver reports
 * a silent printer only after its silence rule (time the lobby could listen),
 * so a second debounce here would only delay real faults.
 */
export function watchPrinterHealth(deps: {
  printer: TicketPrinter;
  clock: Clock;
  timeZone: string;
  onKioskStatus(reason: KioskStatus['reason']): void;
  onChange(): void;
}) {
  const { printer, clock } = deps;
  let status: PrinterStatus = { state: 'unknown', statusReadable: true, link: 'connecting' };
  let since = clock.now();

  function apply(next: PrinterStatus): void {
    const changed = next.state !== status.state || next.link !== status.link || next.statusReadable !== status.statusReadable;
    if (!changed) return;
    status = next;
    since = clock.now();
    deps.onKioskStatus(printerBlocks(status) ? 'printer-unavailable' : null);
    deps.onChange();
  }

  const off = printer.onStatus(apply);
  void printer.status().then(apply, () => apply({ ...status, state: 'offline' }));

  function snapshot(): DeviceHealth {
    const blocking = printerBlocks(status);
    return {
      id: printer.id,
      kind: 'printer',
      name: { zh: '號碼單印表機', en: 'Ticket printer' },
      state: status.state,
      statusReadable: status.statusReadable,
      link: status.link ?? 'open',
      alert: blocking ? 'error' : status.state === 'paper-near-end' ? 'warning' : null,
      since: localIso(since, deps.timeZone),
      ...(status.detail ? { detail: status.detail } : {}),
    };
  }

  return { snapshot, current: () => status, stop: off };
}
