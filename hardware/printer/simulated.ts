import { createMemoryPair, type MemoryPair } from '../transports/memory';
import type { ByteTransport } from '../transports/types';
import type { ChineseEncoding } from './types';
import { ASB_BITS, DLE_EOT_BITS } from './escpos/commands';
import { EscPosParser, type EscPosParserStats, type ParsedReceipt } from './escpos/parser';
import { EscPosPrinter, type EscPosPrinterOptions } from './drivers/escpos';

export type SimulatedFault = 'paper-near-end' | 'paper-end' | 'cover-open' | 'offline' | 'cutter-error';

export interface SimulatedReceipt extends ParsedReceipt {
  id: string;
  /** Epoch ms from the injected clock, when the cut arrived. */
  receivedAt: number;
}

export interface SimulatedPrinterDeviceOptions {
  id?: string;
  encoding?: ChineseEncoding;
  /** Same shape as the core's Clock, so a test can move time. */
  clock?: { now(): number };
  /** See EscPosParserOptions.chineseModeAtInit. Default true. */
  chineseModeAtInit?: boolean;
  /** Receipts kept in memory; older ones are dropped so a months-long run stays bounded. Default 500. */
  keepReceipts?: number;
}

const BASE = 0x12; // 0xx1xx10 with nothing to report

/**
 * The byte a real printer returns to DLE EOT n in a given fault state, or
 * null when it answers nothing at all (switched off / cable out).
 */
export function statusReplyFor(fault: SimulatedFault | null, n: 1 | 2 | 3 | 4): number | null {
  if (fault === 'offline') return null;
  const stopped = fault === 'paper-end' || fault === 'cover-open' || fault === 'cutter-error';
  switch (n) {
    case 1:
      return BASE | (stopped ? DLE_EOT_BITS.printer.offline : 0) | (fault === 'cutter-error' ? DLE_EOT_BITS.printer.waitingRecovery : 0);
    case 2:
      return (
        BASE |
        (fault === 'cover-open' ? DLE_EOT_BITS.offlineCause.coverOpen : 0) |
        (fault === 'paper-end' ? DLE_EOT_BITS.offlineCause.paperEndStop : 0) |
        (fault === 'cutter-error' ? DLE_EOT_BITS.offlineCause.error : 0)
      );
    case 3:
      return BASE | (fault === 'cutter-error' ? DLE_EOT_BITS.errorCause.cutter : 0);
    case 4:
      // The near-end sensor sits before the end sensor, so an empty roll trips both.
      return BASE | (fault === 'paper-near-end' || fault === 'paper-end' ? DLE_EOT_BITS.paper.nearEnd : 0) | (fault === 'paper-end' ? DLE_EOT_BITS.paper.end : 0);
  }
}

/** The 4-byte Automatic Status Back block for a fault state. */
export function asbBlockFor(fault: SimulatedFault | null): Uint8Array | null {
  if (fault === 'offline') return null;
  const stopped = fault === 'paper-end' || fault === 'cover-open' || fault === 'cutter-error';
  const b1 = 0x10 | (stopped ? ASB_BITS.byte1.offline : 0) | (fault === 'cover-open' ? ASB_BITS.byte1.coverOpen : 0);
  const b2 = fault === 'cutter-error' ? ASB_BITS.byte2.cutter : 0;
  const b3 = (fault === 'paper-near-end' || fault === 'paper-end' ? ASB_BITS.byte3.nearEnd : 0) | (fault === 'paper-end' ? ASB_BITS.byte3.end : 0);
  return Uint8Array.of(b1, b2, b3, 0x00);
}

function blocksPrinting(fault: SimulatedFault | null): boolean {
  return fault === 'paper-end' || fault === 'cover-open' || fault === 'cutter-error';
}

/**
 * A ticket printer on the far end of a byte transport: it interprets what it
 * is sent, keeps what it would have printed, answers real-time status
 * queries, and can be put into the faults a lobby printer really has.
 */
export class SimulatedPrinterDevice {
  readonly id: string;
  private readonly parser: EscPosParser;
  private readonly clock: { now(): number };
  private readonly printed: SimulatedReceipt[] = [];
  /** Cut while paper was out or the cover open: printed once the fault clears, like a real buffer. */
  private readonly held: SimulatedReceipt[] = [];
  private readonly receiptListeners = new Set<(receipt: SimulatedReceipt) => void>();
  private readonly faultListeners = new Set<(fault: SimulatedFault | null) => void>();
  private currentFault: SimulatedFault | null = null;
  private asbMask = 0;
  private seq = 0;
  private statusQueries = 0;
  private readonly detachers: Array<() => void> = [];
  private readonly keepReceipts: number;

  constructor(
    private readonly transport: ByteTransport,
    options: SimulatedPrinterDeviceOptions = {},
  ) {
    this.id = options.id ?? 'sim-printer';
    this.keepReceipts = options.keepReceipts ?? 500;
    this.clock = options.clock ?? { now: () => Date.now() };
    this.parser = new EscPosParser({
      ...(options.encoding ? { encoding: options.encoding } : {}),
      ...(options.chineseModeAtInit !== undefined ? { chineseModeAtInit: options.chineseModeAtInit } : {}),
      onReceipt: (r) => this.receive(r),
      onStatusQuery: (n) => this.answer(n),
      onAutoStatusBack: (mask) => {
        this.asbMask = mask;
        // A printer sends its first ASB block as soon as ASB is enabled.
        if (mask !== 0) this.sendAsb();
      },
    });
    this.detachers.push(
      transport.onData((bytes) => {
        // Switched off: bytes on the wire go nowhere.
        if (this.currentFault !== 'offline') this.parser.push(bytes);
      }),
    );
  }

  get receipts(): readonly SimulatedReceipt[] {
    return this.printed;
  }

  get lastReceipt(): SimulatedReceipt | undefined {
    return this.printed[this.printed.length - 1];
  }

  /** Receipts cut while a fault stopped printing, waiting for it to clear. */
  get heldReceipts(): readonly SimulatedReceipt[] {
    return this.held;
  }

  get fault(): SimulatedFault | null {
    return this.currentFault;
  }

  get stats(): Readonly<EscPosParserStats> & { statusAnswers: number } {
    return { ...this.parser.stats, statusAnswers: this.statusQueries };
  }

  setFault(fault: SimulatedFault | null): void {
    if (fault === this.currentFault) return;
    const wasOffline = this.currentFault === 'offline';
    this.currentFault = fault;
    // Coming back from off is a power-up: half-received commands are gone.
    if (fault === 'offline' || wasOffline) this.parser.reset();
    if (wasOffline) this.asbMask = 0;
    for (const l of [...this.faultListeners]) l(fault);
    if (this.asbMask !== 0) this.sendAsb();
    if (!blocksPrinting(fault) && fault !== 'offline') {
      for (const r of this.held.splice(0)) this.emitPrinted(r);
    }
  }

  clearReceipts(): void {
    this.printed.length = 0;
  }

  onReceipt(listener: (receipt: SimulatedReceipt) => void): () => void {
    this.receiptListeners.add(listener);
    return () => this.receiptListeners.delete(listener);
  }

  onFault(listener: (fault: SimulatedFault | null) => void): () => void {
    this.faultListeners.add(listener);
    return () => this.faultListeners.delete(listener);
  }

  /** Stop listening to the transport (the transport itself belongs to the caller). */
  detach(): void {
    for (const off of this.detachers.splice(0)) off();
  }

  private receive(parsed: ParsedReceipt): void {
    this.seq += 1;
    const receipt: SimulatedReceipt = { ...parsed, id: `${this.id}-${this.seq}`, receivedAt: this.clock.now() };
    if (blocksPrinting(this.currentFault)) this.held.push(receipt);
    else this.emitPrinted(receipt);
  }

  private emitPrinted(receipt: SimulatedReceipt): void {
    this.printed.push(receipt);
    if (this.printed.length > this.keepReceipts) this.printed.splice(0, this.printed.length - this.keepReceipts);
    for (const l of [...this.receiptListeners]) l(receipt);
  }

  private answer(n: 1 | 2 | 3 | 4): void {
    const reply = statusReplyFor(this.currentFault, n);
    if (reply === null) return;
    this.statusQueries += 1;
    this.transport.write(Uint8Array.of(reply)).catch(() => undefined);
  }

  private sendAsb(): void {
    const block = asbBlockFor(this.currentFault);
    if (block) this.transport.write(block).catch(() => undefined);
  }
}

export interface CreateSimulatedPrinterOptions extends SimulatedPrinterDeviceOptions {
  /** Driver options (encoding is shared with the device). Default status timeout 250 ms. */
  driver?: Omit<EscPosPrinterOptions, 'encoding'>;
  /** Split what the driver writes into slices of this size on the way to the device. */
  maxChunk?: number;
}

export interface SimulatedPrinter {
  /** The real ESC/POS driver; its bytes are what the device interprets. */
  printer: EscPosPrinter;
  device: SimulatedPrinterDevice;
  /** The memory link between them, to pull the cable in tests. */
  link: MemoryPair;
}

export function createSimulatedPrinter(options: CreateSimulatedPrinterOptions = {}): SimulatedPrinter {
  const { driver, maxChunk, ...deviceOptions } = options;
  const link = createMemoryPair(maxChunk !== undefined ? { maxChunk } : {});
  const device = new SimulatedPrinterDevice(link.b, deviceOptions);
  const printer = new EscPosPrinter(link.a, {
    statusTimeoutMs: 250,
    ...driver,
    ...(options.encoding ? { encoding: options.encoding } : {}),
    id: driver?.id ?? options.id ?? 'sim-printer',
  });
  return { printer, device, link };
}
