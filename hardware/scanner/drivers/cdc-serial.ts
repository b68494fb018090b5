import { Listeners } from '../../transports/listeners';
import type { ByteTransport, TransportState } from '../../transports/types';
import { CR, decodeScan, LF } from '../codec';
import type { BarcodeScanner, ScanEncoding, ScanError, ScanEvent, ScannerStats, ScanTerminator } from '../types';

export interface CdcSerialScannerOptions {
  /** What ends a scan. Default 'any' (CR, LF or CR LF). */
  terminator?: ScanTerminator;
  /** Default 'utf-8'; 'big5' for older scanners that send Big5. */
  encoding?: ScanEncoding;
  /**
   * Deliver what has arrived once the line has been quiet this long, for a
   * scanner set up without a terminator (or one whose terminator got lost).
   * 0 turns it off. Default 200 ms: a USB-CDC scanner sends a whole code in a
   * few milliseconds, so a 200 ms pause never splits a real scan.
   */
  idleFlushMs?: number;
  /** A scan longer than this is dropped (and counted) rather than buffered. Default 4096 bytes. */
  maxScanBytes?: number;
  /** For `ScanEvent.at`. Default Date.now. */
  clock?: { now(): number };
}

export const CDC_SCANNER_DEFAULTS = { terminator: 'any', encoding: 'utf-8', idleFlushMs: 200, maxScanBytes: 4096 } as const;

/**
 * A scanner in USB-CDC mode (a virtual COM port: /dev/ttyACM0, COM5) or a
 * real RS-232 scanner. It sends each code's text as raw bytes followed by a
 * terminator, so Chinese in a QR code arrives intact, unlike a keyboard wedge.
 *
 * The bytes are collected until the terminator and only then decoded, so a
 * code split across reads (and a UTF-8 or Big5 character split between two
 * reads) arrives whole. A partial scan is dropped when the link goes down.
 */
export class CdcSerialScanner implements BarcodeScanner {
  private readonly scans = new Listeners<[ScanEvent]>();
  private readonly errors = new Listeners<[ScanError]>();
  private readonly counters: ScannerStats = { scans: 0, tooLong: 0, undecodable: 0 };
  private readonly terminator: ScanTerminator;
  private readonly encoding: ScanEncoding;
  private readonly idleFlushMs: number;
  private readonly maxScanBytes: number;
  private readonly clock: { now(): number };
  /** maxScanBytes + 1: room for a CR that may turn out to be half of a CR LF. */
  private readonly buffer: Uint8Array;
  private length = 0;
  /** Inside an over-long line: bytes are ignored until it ends. */
  private discarding = false;
  private previous = -1;
  private lastByteAt = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly offData: () => void;
  private readonly offState: () => void;

  constructor(
    private readonly transport: ByteTransport,
    options: CdcSerialScannerOptions = {},
  ) {
    this.terminator = options.terminator ?? CDC_SCANNER_DEFAULTS.terminator;
    this.encoding = options.encoding ?? CDC_SCANNER_DEFAULTS.encoding;
    this.idleFlushMs = Math.max(0, options.idleFlushMs ?? CDC_SCANNER_DEFAULTS.idleFlushMs);
    this.maxScanBytes = Math.max(1, Math.floor(options.maxScanBytes ?? CDC_SCANNER_DEFAULTS.maxScanBytes));
    this.clock = options.clock ?? Date;
    this.buffer = new Uint8Array(this.maxScanBytes + 1);
    this.offData = transport.onData((bytes) => this.receive(bytes));
    this.offState = transport.onState((state) => {
      // Half a code from before an unplug must not be glued to the next one.
      if (state !== 'open') this.reset();
    });
  }

  get state(): TransportState {
    return this.transport.state;
  }

  get stats(): Readonly<ScannerStats> {
    return { ...this.counters };
  }

  onScan(listener: (scan: ScanEvent) => void): () => void {
    return this.scans.add(listener);
  }

  onState(listener: (state: TransportState, error?: Error) => void): () => void {
    return this.transport.onState(listener);
  }

  onError(listener: (error: ScanError) => void): () => void {
    return this.errors.add(listener);
  }

  async close(): Promise<void> {
    this.offData();
    this.offState();
    this.reset();
    await this.transport.close();
  }

  private receive(bytes: Uint8Array): void {
    const now = this.clock.now();
    // Events are collected and emitted after the chunk is consumed, so the
    // parser's state is whole even if a listener throws.
    const out: Array<ScanEvent | ScanError> = [];
    const t = this.terminator;
    for (const b of bytes) {
      const previous = this.previous;
      this.previous = b;
      if (b === CR && (t === 'any' || t === 'cr')) {
        this.endScan(now, out);
      } else if (b === LF && t === 'any') {
        this.endScan(now, out);
      } else if (b === LF && t === 'cr') {
        // The LF of a CR LF whose CR already ended the scan.
        if (previous !== CR) this.append(b, now, out);
      } else if (b === LF && (t === 'lf' || previous === CR)) {
        this.dropTrailingCr();
        this.endScan(now, out);
      } else {
        this.append(b, now, out);
      }
    }
    this.lastByteAt = now;
    this.armIdleFlush();
    this.emit(out);
  }

  private append(b: number, now: number, out: Array<ScanEvent | ScanError>): void {
    if (this.discarding) return;
    const crMayEndLine = b === CR && (this.terminator === 'lf' || this.terminator === 'crlf');
    if (this.length < this.maxScanBytes || (this.length === this.maxScanBytes && crMayEndLine)) {
      this.buffer[this.length++] = b;
      return;
    }
    this.discarding = true;
    this.length = 0;
    this.counters.tooLong += 1;
    out.push({
      kind: 'too-long',
      message: `scan longer than ${this.maxScanBytes} bytes without a terminator: dropped (check the scanner's terminator setting)`,
      bytes: this.maxScanBytes + 1,
      at: now,
    });
  }

  private dropTrailingCr(): void {
    if (!this.discarding && this.length > 0 && this.buffer[this.length - 1] === CR) this.length -= 1;
  }

  private endScan(at: number, out: Array<ScanEvent | ScanError>): void {
    if (this.discarding) {
      this.discarding = false;
      this.length = 0;
      return;
    }
    if (this.length === 0) return; // the second half of CR LF under 'any', or a blank line
    const bytes = this.buffer.slice(0, this.length);
    this.length = 0;
    const text = decodeScan(bytes, this.encoding);
    if (text === null) {
      this.counters.undecodable += 1;
      out.push({ kind: 'undecodable', message: `scan of ${bytes.length} bytes is not valid ${this.encoding}: dropped`, bytes: bytes.length, at });
      return;
    }
    if (text === '') return;
    this.counters.scans += 1;
    out.push({ text, at });
  }

  private armIdleFlush(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.idleFlushMs <= 0 || (this.length === 0 && !this.discarding)) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      const out: Array<ScanEvent | ScanError> = [];
      // A CR left over under 'lf'/'crlf' is taken for half a terminator.
      this.dropTrailingCr();
      this.endScan(this.lastByteAt, out);
      this.emit(out);
    }, this.idleFlushMs);
  }

  private emit(out: Array<ScanEvent | ScanError>): void {
    for (const item of out) {
      if ('text' in item) this.scans.emit(item);
      else this.errors.emit(item);
    }
  }

  private reset(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.length = 0;
    this.discarding = false;
    this.previous = -1;
  }
}
