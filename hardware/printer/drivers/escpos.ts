import type { ByteTransport, TransportState } from '../../transports/types';
import type { PrinterStatus, PrintResult, ReceiptDoc, TicketPrinter } from '../types';
import { DLE_EOT_BITS, STATUS_REPLY_FIXED, STATUS_REPLY_MASK } from '../escpos/commands';
import { encodeReceipt, type EncodeOptions } from '../escpos/encoder';

export interface EscPosPrinterOptions extends EncodeOptions {
  id?: string;
  /** How long to wait for each DLE EOT reply before calling the printer offline. Default 1000 ms. */
  statusTimeoutMs?: number;
  /** Poll status this often and emit onStatus on change. 0 or absent: no polling. */
  pollIntervalMs?: number;
}

/** The four DLE EOT reply bytes; absent when not asked or not answered. */
export interface StatusReplies {
  printer: number;
  offlineCause?: number;
  errorCause?: number;
  paper?: number;
}

const { printer: P, offlineCause: O, errorCause: E, paper: R } = DLE_EOT_BITS;

/**
 * Turns DLE EOT replies into one state, most serious first: a cover that is
 * open or paper that is out stops printing; near-end still prints.
 */
export function decodeStatusReplies(r: StatusReplies): PrinterStatus {
  const oc = r.offlineCause ?? 0;
  const ec = r.errorCause ?? 0;
  const paper = r.paper ?? 0;
  const status = (state: PrinterStatus['state'], detail?: string): PrinterStatus =>
    detail === undefined ? { state, statusReadable: true } : { state, statusReadable: true, detail };
  if (oc & O.coverOpen) return status('cover-open');
  if (oc & O.paperEndStop || (paper & R.end) === R.end) return status('paper-end');
  if (ec & E.cutter) return status('cutter-error');
  if (oc & O.error) {
    const kind = ec & E.unrecoverable ? 'unrecoverable' : ec & E.autoRecoverable ? 'auto-recoverable' : ec & E.recoverable ? 'recoverable' : 'unspecified';
    return status('offline', `printer error (${kind})`);
  }
  if (r.printer & P.offline) return status('offline', 'printer reports offline');
  if (paper & R.nearEnd) return status('paper-near-end');
  return status('ready');
}

function sameStatus(a: PrinterStatus | undefined, b: PrinterStatus): boolean {
  return a !== undefined && a.state === b.state && a.statusReadable === b.statusReadable && a.detail === b.detail;
}

interface Waiter {
  resolve: (byte: number | null) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * An ESC/POS ticket printer over any byte transport (TCP 9100, serial, or a
 * memory pair wired to the simulator).
 */
export class EscPosPrinter implements TicketPrinter {
  readonly id: string;
  private readonly encodeOptions: EncodeOptions;
  private readonly statusTimeoutMs: number;
  private readonly listeners = new Set<(status: PrinterStatus) => void>();
  private readonly waiters: Waiter[] = [];
  private readonly unsubscribe: Array<() => void> = [];
  private statusChain: Promise<unknown> = Promise.resolve();
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private polling = false;
  private closed = false;
  private last: PrinterStatus | undefined;

  constructor(
    private readonly transport: ByteTransport,
    options: EscPosPrinterOptions = {},
  ) {
    const { id, statusTimeoutMs, pollIntervalMs, ...encodeOptions } = options;
    this.id = id ?? 'escpos';
    this.encodeOptions = encodeOptions;
    this.statusTimeoutMs = statusTimeoutMs ?? 1000;
    this.unsubscribe.push(transport.onData((bytes) => this.onBytes(bytes)));
    this.unsubscribe.push(transport.onState((state) => this.onTransportState(state)));
    if (pollIntervalMs && pollIntervalMs > 0) {
      this.pollTimer = setInterval(() => void this.poll(), pollIntervalMs);
      // Polling alone must not keep a process (or a test run) alive.
      this.pollTimer.unref?.();
    }
  }

  /** The most recent status seen, without asking the printer. */
  get lastStatus(): PrinterStatus | undefined {
    return this.last;
  }

  async print(doc: ReceiptDoc): Promise<PrintResult> {
    if (this.closed) throw new Error(`printer ${this.id} is closed`);
    const { bytes, warnings } = encodeReceipt(doc, this.encodeOptions);
    await this.transport.write(bytes);
    return warnings.length > 0 ? { bytes: bytes.length, warnings } : { bytes: bytes.length };
  }

  status(): Promise<PrinterStatus> {
    // One round at a time: replies carry no tag, so they are matched to
    // queries purely by order.
    const run = this.statusChain.then(() => this.queryStatus());
    this.statusChain = run.catch(() => undefined);
    return run.then((s) => {
      this.publish(s);
      return s;
    });
  }

  onStatus(listener: (status: PrinterStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    for (const off of this.unsubscribe) off();
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.resolve(null);
    }
    await this.transport.close();
  }

  private async queryStatus(): Promise<PrinterStatus> {
    if (!this.transport.canRead) {
      return { state: 'unknown', statusReadable: false, detail: 'one-way transport: status cannot be read' };
    }
    if (this.closed) return { state: 'offline', statusReadable: true, detail: 'driver closed' };
    if (this.transport.state !== 'open') {
      return { state: 'offline', statusReadable: true, detail: `transport ${this.transport.state}` };
    }
    const printer = await this.query(1);
    if (printer === null) return { state: 'offline', statusReadable: true, detail: 'no reply to DLE EOT 1' };
    const offlineCause = await this.query(2);
    if (offlineCause === null) return { state: 'offline', statusReadable: true, detail: 'no reply to DLE EOT 2' };
    const paper = await this.query(4);
    if (paper === null) return { state: 'offline', statusReadable: true, detail: 'no reply to DLE EOT 4' };
    const replies: StatusReplies = { printer, offlineCause, paper };
    if (offlineCause & O.error) {
      const errorCause = await this.query(3);
      if (errorCause === null) return { state: 'offline', statusReadable: true, detail: 'no reply to DLE EOT 3' };
      replies.errorCause = errorCause;
    }
    return decodeStatusReplies(replies);
  }

  private query(n: 1 | 2 | 3 | 4): Promise<number | null> {
    return new Promise<number | null>((resolve) => {
      const waiter: Waiter = {
        resolve,
        timer: setTimeout(() => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          resolve(null);
        }, this.statusTimeoutMs),
      };
      this.waiters.push(waiter);
      this.transport.write(Uint8Array.of(0x10, 0x04, n)).catch(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        clearTimeout(waiter.timer);
        resolve(null);
      });
    });
  }

  private onBytes(bytes: Uint8Array): void {
    for (const b of bytes) {
      // Only DLE EOT replies (0xx1xx10) answer a query; ASB blocks, XON/XOFF
      // and anything else the printer volunteers have other bit patterns.
      if ((b & STATUS_REPLY_MASK) !== STATUS_REPLY_FIXED) continue;
      const w = this.waiters.shift();
      if (!w) continue; // a reply arriving after its query timed out
      clearTimeout(w.timer);
      w.resolve(b);
    }
  }

  private onTransportState(state: TransportState): void {
    if (this.closed) return;
    if (state === 'open') {
      if (this.transport.canRead) void this.poll();
      else this.publish({ state: 'unknown', statusReadable: false, detail: 'one-way transport: status cannot be read' });
      return;
    }
    // Losing the link is news now, not at the next poll.
    this.publish({ state: 'offline', statusReadable: this.transport.canRead, detail: `transport ${state}` });
  }

  private async poll(): Promise<void> {
    if (this.polling || this.closed) return;
    this.polling = true;
    try {
      await this.status();
    } finally {
      this.polling = false;
    }
  }

  private publish(status: PrinterStatus): void {
    if (this.closed || sameStatus(this.last, status)) return;
    this.last = status;
    for (const l of [...this.listeners]) l(status);
  }
}
