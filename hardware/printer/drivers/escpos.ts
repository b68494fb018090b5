import type { ByteTransport, TransportState } from '../../transports/types';
import type { PrinterStatus, PrintResult, ReceiptDoc, TicketPrinter } from '../types';
import { ASB_ENABLE_MASK, ASB_FIRST_FIXED, ASB_FIRST_MASK, ASB_NEXT_MASK, DLE_EOT_BITS, GS, STATUS_REPLY_FIXED, STATUS_REPLY_MASK } from '../escpos/commands';
import { encodeReceipt, type EncodeOptions, type EncodeResult } from '../escpos/encoder';
import { loadCanvasRasterizer, type LineRasterizer, type RasterizerLoad } from '../escpos/raster';
import { decodeAsbFrame, decodeStatusReplies, type DecodedStatus, type StatusReplies } from '../escpos/status';

export { decodeAsbFrame, decodeStatusReplies, type StatusReplies };

export interface EscPosPrinterOptions extends Omit<EncodeOptions, 'rasterizer' | 'rasterUnavailableReason'> {
  id?: string;
  /**
   * How long the printer may stay silent after a DLE EOT query before it is
   * called offline, counted from when the query left and only while this
   * process could have heard a reply (see query()). Default PRINTER_DEFAULTS.statusTimeoutMs.
   */
  statusTimeoutMs?: number;
  /** Poll status (DLE EOT 1/2/4) this often and emit onStatus on change. 0 or absent: no polling. */
  pollIntervalMs?: number;
  /**
   * Enable Automatic Status Back (GS a) when the link can read: the printer
   * then reports cover, paper and error changes by itself, at once. Default true.
   */
  autoStatusBack?: boolean;
  /**
   * Draws lines the printer's font cannot print (and every Chinese line under
   * encoding 'raster'). Default: @napi-rs/canvas with a CJK font, loaded on
   * the first print that needs it. null: never; placeholders instead.
   */
  rasterizer?: LineRasterizer | null;
  /** Paper width in dots for the default rasterizer. Default 576 (80 mm, 203 dpi). */
  rasterWidthDots?: number;
}

interface Waiter {
  resolve: (byte: number | null) => void;
  /** Cancels the silence clock's pending timer, if any. */
  stopClock: (() => void) | undefined;
}

/** The silence clock advances in steps of at most this much (see query()). */
const SILENCE_STEP_MS = 50;
/** A step this late still counts whole: timers are never exact, and the loop was free for most of it. */
const TIMER_SLACK_MS = 10;

/**
 * The reply window when none is given. PRINTER_DEFAULTS in ../index.ts, which
 * callers read, takes its figure from here: a driver may not import index.ts.
 */
export const DEFAULT_STATUS_TIMEOUT_MS = 300;

function stopClock(w: Waiter): void {
  w.stopClock?.();
  w.stopClock = undefined;
}

const { offlineCause: O } = DLE_EOT_BITS;

function sameStatus(a: PrinterStatus | undefined, b: PrinterStatus): boolean {
  return a !== undefined && a.state === b.state && a.statusReadable === b.statusReadable && a.link === b.link && a.detail === b.detail;
}

/**
 * An ESC/POS ticket printer over any byte transport (serial, USB, TCP 9100,
 * or a memory pair wired to the simulator).
 *
 * Status comes two ways when the link can read: Automatic Status Back frames
 * (GS a, enabled whenever the link (re)opens or the printer answers again
 * after a silence, since a power cycle turns ASB off), published the moment
 * they arrive; and DLE EOT polling as the fallback, which also notices a
 * printer that is switched off and so says nothing at all.
 */
export class EscPosPrinter implements TicketPrinter {
  readonly id: string;
  private readonly encodeOptions: EncodeOptions;
  private readonly statusTimeoutMs: number;
  private readonly autoStatusBack: boolean;
  private readonly rasterChoice: LineRasterizer | null | undefined;
  private readonly rasterWidthDots: number | undefined;
  private rasterLoad: Promise<RasterizerLoad> | undefined;
  private readonly listeners = new Set<(status: PrinterStatus) => void>();
  private readonly waiters: Waiter[] = [];
  private readonly unsubscribe: Array<() => void> = [];
  private statusChain: Promise<unknown> = Promise.resolve();
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private polling = false;
  private closed = false;
  private last: PrinterStatus | undefined;
  /** Bytes of an ASB frame being received (empty: none). */
  private asbFrame: number[] = [];
  /** Counts ASB frames, so a poll round overtaken by one does not publish stale news. */
  private asbSeq = 0;
  private asbArmed = false;

  constructor(
    private readonly transport: ByteTransport,
    options: EscPosPrinterOptions = {},
  ) {
    const { id, statusTimeoutMs, pollIntervalMs, autoStatusBack, rasterizer, rasterWidthDots, ...encodeOptions } = options;
    this.id = id ?? 'escpos';
    this.encodeOptions = encodeOptions;
    this.statusTimeoutMs = statusTimeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS;
    this.autoStatusBack = autoStatusBack ?? true;
    this.rasterChoice = rasterizer;
    this.rasterWidthDots = rasterWidthDots;
    this.unsubscribe.push(transport.onData((bytes) => this.onBytes(bytes)));
    this.unsubscribe.push(transport.onState((state) => this.onTransportState(state)));
    if (pollIntervalMs && pollIntervalMs > 0) {
      this.pollTimer = setInterval(() => void this.poll(), pollIntervalMs);
      // Polling alone must not keep a process (or a test run) alive.
      this.pollTimer.unref?.();
    }
    // A link that is already open (memory pair) gets no 'open' event.
    if (transport.state === 'open') this.armAutoStatusBack();
  }

  /** The most recent status seen, without asking the printer. */
  get lastStatus(): PrinterStatus | undefined {
    return this.last;
  }

  async print(doc: ReceiptDoc): Promise<PrintResult> {
    if (this.closed) throw new Error(`printer ${this.id} is closed`);
    let encoded: EncodeResult = encodeReceipt(doc, this.encodeOptions);
    if (this.rasterChoice !== null && encoded.warnings.some((w) => w.code === 'unencodable-char')) {
      // Only now load the rasterizer: most tickets never need it.
      const load = this.rasterChoice ? { rasterizer: this.rasterChoice } : await this.loadRasterizer();
      encoded = encodeReceipt(doc, {
        ...this.encodeOptions,
        ...(load.rasterizer ? { rasterizer: load.rasterizer } : { rasterUnavailableReason: load.reason }),
      });
    }
    const { bytes, warnings } = encoded;
    await this.transport.write(bytes);
    return warnings.length > 0 ? { bytes: bytes.length, warnings } : { bytes: bytes.length };
  }

  status(): Promise<PrinterStatus> {
    // One round at a time: replies carry no tag, so they are matched to
    // queries purely by order.
    const run = this.statusChain.then(() => this.queryRound());
    this.statusChain = run.catch(() => undefined);
    return run.then(({ status, overtaken }) => {
      if (!overtaken) this.publish(status);
      return status;
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
    this.failWaiters();
    await this.transport.close();
  }

  private loadRasterizer(): Promise<RasterizerLoad> {
    this.rasterLoad ??= loadCanvasRasterizer(this.rasterWidthDots !== undefined ? { paperWidthDots: this.rasterWidthDots } : {});
    return this.rasterLoad;
  }

  private withLink(s: DecodedStatus): PrinterStatus {
    return { ...s, link: this.transport.state };
  }

  private unreadable(): PrinterStatus {
    return { state: 'unknown', statusReadable: false, link: this.transport.state, detail: 'one-way transport: status cannot be read' };
  }

  private async queryRound(): Promise<{ status: PrinterStatus; overtaken: boolean }> {
    const seq = this.asbSeq;
    const status = await this.queryStatus();
    return { status, overtaken: this.asbSeq !== seq };
  }

  private async queryStatus(): Promise<PrinterStatus> {
    if (!this.transport.canRead) return this.unreadable();
    if (this.closed) return { state: 'offline', statusReadable: true, link: this.transport.state, detail: 'driver closed' };
    if (this.transport.state !== 'open') {
      return { state: 'offline', statusReadable: true, link: this.transport.state, detail: `transport ${this.transport.state}` };
    }
    const silent = (n: number): PrinterStatus => {
      // Switched off or power-cycling: ASB must be asked for again once it answers.
      this.asbArmed = false;
      return { state: 'offline', statusReadable: true, link: this.transport.state, detail: `no reply to DLE EOT ${n}` };
    };
    const printer = await this.query(1);
    if (printer === null) return silent(1);
    const offlineCause = await this.query(2);
    if (offlineCause === null) return silent(2);
    const paper = await this.query(4);
    if (paper === null) return silent(4);
    const replies: StatusReplies = { printer, offlineCause, paper };
    if (offlineCause & O.error) {
      const errorCause = await this.query(3);
      if (errorCause === null) return silent(3);
      replies.errorCause = errorCause;
    }
    if (!this.asbArmed) this.armAutoStatusBack();
    return this.withLink(decodeStatusReplies(replies));
  }

  /**
   * Sends DLE EOT n and resolves with the reply byte, or null once the printer
   * has been silent for statusTimeoutMs.
   *
   * Silence counts only while this process could listen. A busy event loop (a
   * big import, a slow request) runs timers late, and on waking it runs due
   * timers before it reads the bytes that arrived meanwhile, so a plain
   * setTimeout would call a printer offline whose reply sits unread in the
   * kernel buffer. So the clock advances in steps of at most SILENCE_STEP_MS,
   * and a step that fires X ms late (beyond timer jitter) counts X ms less,
   * nothing when X exceeds the step. A stall, however long, thus costs at most
   * one step of listening, and the last step is one the loop was free for, so
   * a reply that came during a stall has been read by then. Even so the
   * verdict waits for setImmediate, which runs after the loop has read
   * pending I/O: a reply already received is always taken first.
   */
  private query(n: 1 | 2 | 3 | 4): Promise<number | null> {
    return new Promise<number | null>((resolve) => {
      const waiter: Waiter = { resolve, stopClock: undefined };
      const pending = () => this.waiters.includes(waiter);
      const giveUp = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        stopClock(waiter);
        resolve(null);
      };
      let heardMs = 0;
      const step = () => {
        const stepMs = Math.min(SILENCE_STEP_MS, this.statusTimeoutMs - heardMs);
        const due = performance.now() + stepMs;
        const timer = setTimeout(() => {
          const lateMs = performance.now() - due;
          heardMs += lateMs <= TIMER_SLACK_MS ? stepMs : Math.max(0, stepMs - lateMs);
          if (heardMs < this.statusTimeoutMs) return step();
          const verdict = setImmediate(() => {
            if (pending()) giveUp();
          });
          waiter.stopClock = () => clearImmediate(verdict);
        }, stepMs);
        waiter.stopClock = () => clearTimeout(timer);
      };
      this.waiters.push(waiter);
      this.transport.write(Uint8Array.of(0x10, 0x04, n), { noWait: true }).then(
        () => {
          // The clock starts once the query has left: behind a long job on a
          // 9600-baud line it may leave seconds after it was asked.
          if (pending()) step();
        },
        () => {
          if (pending()) giveUp();
        },
      );
    });
  }

  private failWaiters(): void {
    for (const w of this.waiters.splice(0)) {
      stopClock(w);
      w.resolve(null);
    }
  }

  private onBytes(bytes: Uint8Array): void {
    for (const b of bytes) {
      // An ASB frame is 0xx1xx00 then three 0xx0xxxx; a DLE EOT reply is
      // 0xx1xx10. Bit 4 tells a reply (or XON 0x11 / XOFF 0x13) from the
      // rest of a frame, so a reply arriving in the middle of one is still
      // taken as a reply and the frame goes on.
      if (this.asbFrame.length > 0 && (b & ASB_NEXT_MASK) === 0) {
        this.asbFrame.push(b);
        if (this.asbFrame.length === 4) {
          const frame = this.asbFrame;
          this.asbFrame = [];
          this.asbSeq += 1;
          this.publish(this.withLink(decodeAsbFrame(frame)));
        }
        continue;
      }
      if ((b & STATUS_REPLY_MASK) === STATUS_REPLY_FIXED) {
        const w = this.waiters.shift();
        if (!w) continue; // a reply arriving after its query timed out
        stopClock(w);
        w.resolve(b);
        continue;
      }
      if ((b & ASB_FIRST_MASK) === ASB_FIRST_FIXED) this.asbFrame = [b];
      // Anything else (XON, XOFF, noise) means nothing to us.
    }
  }

  private armAutoStatusBack(): void {
    if (!this.autoStatusBack || !this.transport.canRead || this.closed) return;
    this.asbArmed = true;
    // Sent again on every reconnect anyway, so never held for one.
    this.transport.write(Uint8Array.of(GS, 0x61, ASB_ENABLE_MASK), { noWait: true }).catch(() => {
      this.asbArmed = false;
    });
  }

  private onTransportState(state: TransportState): void {
    if (this.closed) return;
    if (state === 'open') {
      if (this.transport.canRead) {
        this.armAutoStatusBack();
        void this.poll();
      } else {
        this.publish(this.unreadable());
      }
      return;
    }
    this.asbArmed = false;
    this.asbFrame = [];
    // Queries in flight will get no answer over a dead link.
    this.failWaiters();
    // Losing the link is news now, not at the next poll.
    this.publish({ state: 'offline', statusReadable: this.transport.canRead, link: state, detail: `transport ${state}` });
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
