import { createMemoryPair, type MemoryPair } from '../transports/memory';
import type { ByteTransport } from '../transports/types';
import { encodeScan } from './codec';
import { CdcSerialScanner, type CdcSerialScannerOptions } from './drivers/cdc-serial';
import type { ScanEncoding, ScanTerminator } from './types';

export interface SimulatedScanOptions {
  /** Override the terminator sent after the text; 'none' models a scanner set up without one. */
  terminator?: ScanTerminator | 'none';
}

/**
 * The scanner's end of the cable: tests and the /devices panel "scan" a
 * payload here, and its bytes (the text in the scanner's encoding, then the
 * terminator) travel through the real driver.
 */
export class SimulatedScanner {
  private readonly history: string[] = [];

  constructor(
    private readonly transport: ByteTransport,
    private readonly settings: { terminator?: ScanTerminator; encoding?: ScanEncoding } = {},
    private readonly cable?: Pick<MemoryPair, 'disconnect' | 'reconnect'>,
  ) {}

  /**
   * Scans `text`: sends it in the configured encoding (UTF-8 unless the driver
   * was set to Big5) followed by the configured terminator (CR for 'any').
   * Rejects while the scanner is unplugged.
   */
  async scan(text: string, options: SimulatedScanOptions = {}): Promise<void> {
    const terminator = options.terminator ?? this.settings.terminator ?? 'any';
    await this.transport.write(encodeScan(text, this.settings.encoding ?? 'utf-8', terminator));
    this.history.push(text);
  }

  /** Sends raw bytes, for noise, broken encodings and odd terminators. */
  sendRaw(bytes: Uint8Array): Promise<void> {
    return this.transport.write(bytes);
  }

  /** What was scanned here, oldest first. */
  get scanned(): readonly string[] {
    return this.history;
  }

  /** Pull the USB cable: the driver's link goes `disconnected`. */
  unplug(): void {
    this.cable?.disconnect(new Error('simulated scanner unplugged'));
  }

  /** Plug it back in. */
  replug(): void {
    this.cable?.reconnect();
  }
}

export interface SimulatedScannerOptions extends CdcSerialScannerOptions {
  /** Deliver the bytes in slices of at most this many, as a serial line may. Default: whole. */
  maxChunk?: number;
}

/** The real CDC driver wired to a simulated scanner through an in-memory cable. */
export function createSimulatedScanner(options: SimulatedScannerOptions = {}): { scanner: CdcSerialScanner; device: SimulatedScanner } {
  const { maxChunk, ...driverOptions } = options;
  const pair = createMemoryPair(maxChunk !== undefined ? { maxChunk } : {});
  const settings = {
    ...(options.terminator ? { terminator: options.terminator } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
  };
  return { scanner: new CdcSerialScanner(pair.a, driverOptions), device: new SimulatedScanner(pair.b, settings, pair) };
}
