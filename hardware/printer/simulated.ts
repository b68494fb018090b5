import { createMemoryPair, type MemoryPair } from '../transports/memory';
import { DEFAULT_WRITE_TIMEOUT_MS } from '../transports/reconnecting';
import type { ByteTransport } from '../transports/types';
import type { PrinterEncoding } from './types';
import { ASB_BITS, DLE_EOT_BITS } from './escpos/commands';
import { EscPosParser, type EscPosParserStats, type ParsedReceipt } from './escpos/parser';
import { EscPosPrinter, type EscPosPrinterOptions } from './drivers/escpos';

/**
 * What can be wrong with the simulated printer. 'offline' is switched off
 * (power); 'unplugged' is the cable pulled: the printer keeps power and
 * settings, but the link drops and nothing gets through either way.
 */
export type SimulatedFault = 'paper-near-end' | 'paper-end' | 'cover-open' | 'offline' | 'cutter-error' | 'unplugged';

export const SIMULATED_FAULTS: readonly SimulatedFault[] = ['paper-near-end', 'paper-end', 'cover-open', 'offline', 'cutter-error', 'unplugged'];

/** How the device pulls and replugs its cable: for the memory link, the pair itself. */
export interface SimulatedCable {
  unplug(): void;
  replug(): void;
}

export interface SimulatedReceipt extends ParsedReceipt {
  id: string;
  /** Epoch ms from the injected clock, when the cut arrived. */
  receivedAt: number;
}

export interface SimulatedPrinterDeviceOptions {
  id?: string;
  /** The site's encoding. 'raster' simulates a printer with no Chinese font (Chinese mode off, images only). */
  encoding?: PrinterEncoding;
  /** Same shape as the core's Clock, so a test can move time. */
  clock?: { now(): number };
  /** See EscPosParserOptions.chineseModeAtInit. Default true. */
  chineseModeAtInit?: boolean;
  /** Receipts kept in memory; older ones are dropped so a months-long run stays bounded. Default 500. */
  keepReceipts?: number;
  /**
   * What the 'unplugged' fault does to the link. Without one (e.g. on a real
   * serial port through sim-host) the device just goes deaf and mute.
   */
  cable?: SimulatedCable;
}

const BASE = 0x12; // 0xx1xx10 with nothing to report

/**
 * The byte a real printer returns to DLE EOT n in a given fault state, or
 * null when it answers nothing at all (switched off / cable out).
 */
export function statusReplyFor(fault: SimulatedFault | null, n: 1 | 2 | 3 | 4): number | null {
  if (fault === 'offline' || fault === 'unplugged') return null;
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
  if (fault === 'offline' || fault === 'unplugged') return null;
  const stopped = fault === 'paper-end' || fault === 'cover-open' || fault === 'cutter-error';
  const b1 = 0x10 | (stopped ? ASB_BITS.byte1.offline : 0) | (fault === 'cover-open' ? ASB_BITS.byte1.coverOpen : 0);
  const b2 = fault === 'cutter-error' ? ASB_BITS.byte2.cutter : 0;
  const b3 = (fault === 'paper-near-end' || fault === 'paper-end' ? ASB_BITS.byte3.nearEnd : 0) | (fault === 'paper-end' ? ASB_BITS.byte3.end : 0);
  return Uint8Array.of(b1, b2, b3, 0x00);
}

/**
 * Which ASB frame bits each GS a n bit reports on: bit 0 the drawer pin
 * (byte 1 bit 2), bit 1 online/offline (byte 1: offline, cover, feed
 * button), bit 2 errors (byte 2), bit 3 the paper sensors (byte 3).
 */
function asbChanged(mask: number, before: Uint8Array | null, after: Uint8Array | null): boolean {
  const relevant = [(mask & 0x01 ? 0x04 : 0) | (mask & 0x02 ? 0x68 : 0), mask & 0x04 ? 0x6f : 0, mask & 0x08 ? 0x0f : 0];
  return relevant.some((bits, i) => ((before?.[i] ?? 0) ^ (after?.[i] ?? 0)) & bits);
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
  private readonly cable: SimulatedCable | undefined;

  constructor(
    private readonly transport: ByteTransport,
    options: SimulatedPrinterDeviceOptions = {},
  ) {
    this.id = options.id ?? 'sim-printer';
    this.keepReceipts = options.keepReceipts ?? 500;
    this.clock = options.clock ?? { now: () => Date.now() };
    this.cable = options.cable;
    const noChineseFont = options.encoding === 'raster';
    this.parser = new EscPosParser({
      ...(options.encoding && options.encoding !== 'raster' ? { encoding: options.encoding } : {}),
      ...(noChineseFont ? { chineseModeAtInit: false } : {}),
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
        // Switched off, or the cable out: bytes on the wire go nowhere.
        if (this.currentFault !== 'offline' && this.currentFault !== 'unplugged') this.parser.push(bytes);
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

  /**
   * Puts the printer into a fault, or back to healthy with null. Leaving
   * 'unplugged' (for null or any other fault) plugs the cable back in.
   */
  setFault(fault: SimulatedFault | null): void {
    if (fault === this.currentFault) return;
    const previous = this.currentFault;
    const wasOffline = previous === 'offline';
    this.currentFault = fault;
    // Coming back from off is a power-up: half-received commands are gone, ASB is off.
    if (fault === 'offline' || wasOffline) this.parser.reset();
    if (wasOffline) this.asbMask = 0;
    if (fault === 'unplugged') this.cable?.unplug();
    else if (previous === 'unplugged') this.cable?.replug();
    for (const l of [...this.faultListeners]) l(fault);
    // A printer reports a change only in the categories GS a asked for.
    if (this.asbMask !== 0 && asbChanged(this.asbMask, asbBlockFor(previous), asbBlockFor(fault))) this.sendAsb();
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
    // A printer does not keep replies for a cable that is not there.
    this.transport.write(Uint8Array.of(reply), { noWait: true }).catch(() => undefined);
  }

  private sendAsb(): void {
    const block = asbBlockFor(this.currentFault);
    if (block) this.transport.write(block, { noWait: true }).catch(() => undefined);
  }
}

export interface CreateSimulatedPrinterOptions extends Omit<SimulatedPrinterDeviceOptions, 'cable'> {
  /** Driver options (encoding is shared with the device); the driver's defaults otherwise. */
  driver?: Omit<EscPosPrinterOptions, 'encoding'>;
  /** Split what the driver writes into slices of this size on the way to the device. */
  maxChunk?: number;
  /**
   * How long a print waits for the cable to be plugged back in (fault
   * 'unplugged') before it fails, like the real transports. Default 3000 ms.
   */
  writeTimeoutMs?: number;
}

export interface SimulatedPrinter {
  /** The real ESC/POS driver; its bytes are what the device interprets. */
  printer: EscPosPrinter;
  device: SimulatedPrinterDevice;
  /** The memory link between them, to pull the cable in tests. */
  link: MemoryPair;
}

export function createSimulatedPrinter(options: CreateSimulatedPrinterOptions = {}): SimulatedPrinter {
  const { driver, maxChunk, writeTimeoutMs, ...deviceOptions } = options;
  const link = createMemoryPair({
    ...(maxChunk !== undefined ? { maxChunk } : {}),
    // The host end waits for a replug like a real transport; the printer end never holds its replies.
    writeTimeoutMs: { a: writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS, b: 0 },
  });
  const device = new SimulatedPrinterDevice(link.b, {
    ...deviceOptions,
    cable: { unplug: () => link.disconnect(new Error('simulated cable pulled')), replug: () => link.reconnect() },
  });
  const printer = new EscPosPrinter(link.a, {
    ...driver,
    ...(options.encoding ? { encoding: options.encoding } : {}),
    id: driver?.id ?? options.id ?? 'sim-printer',
  });
  return { printer, device, link };
}
