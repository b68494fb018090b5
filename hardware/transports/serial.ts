import { SerialPortStream } from '@serialport/stream';
import { ReconnectingTransport, StalledWriteError, type LinkEvents, type OpenLink, type ReconnectOptions } from './reconnecting';

/**
 * A serial port (RS-232, or the virtual COM port of a USB printer / USB-serial
 * adapter) through serialport 13.
 *
 * serialport does not reconnect by itself (node-serialport #648): when the
 * stream closes with `disconnected` (or a write fails, which is how Windows
 * often reports an unplug, #996), the port is disposed and reopened with
 * back-off. A port found by vendor/product id or serial number is looked up
 * again with `list()` before every attempt, because a replugged adapter may
 * come back under another name (/dev/ttyUSB0 → /dev/ttyUSB1, COM3 → COM5).
 * "Access denied" right after a replug (#1502) is just another failed attempt.
 */

export type SerialParity = 'none' | 'even' | 'odd' | 'mark' | 'space';

/**
 * The parts of a serialport binding (@serialport/bindings-interface) used
 * here, spelled out because that package ships no types for ESM resolution.
 * @serialport/bindings-cpp's autoDetect() and @serialport/binding-mock's
 * MockBinding both fit.
 */
export interface SerialPortInfo {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  pnpId?: string | undefined;
  locationId?: string | undefined;
  productId?: string | undefined;
  vendorId?: string | undefined;
}

export interface SerialBinding {
  list(): Promise<SerialPortInfo[]>;
  open(options: { path: string; baudRate: number } & Record<string, unknown>): Promise<unknown>;
}

export interface SerialTransportOptions extends ReconnectOptions {
  /** /dev/ttyUSB0, /dev/ttyS0, COM3, … Used when no vendorId/productId/serialNumber is given. */
  path?: string;
  /** USB vendor id as hex ("0483"); the port is found with list() and found again after every replug. */
  vendorId?: string;
  /** USB product id as hex ("5740"). */
  productId?: string;
  /** USB serial number, to tell two identical printers apart. */
  serialNumber?: string;
  /** Default 9600, the factory setting of most receipt printers. */
  baudRate?: number;
  /** Default 8. */
  dataBits?: 5 | 6 | 7 | 8;
  /** Default 'none'. */
  parity?: SerialParity;
  /** Default 1. */
  stopBits?: 1 | 1.5 | 2;
  /** RTS/CTS hardware flow control. Default false. */
  rtscts?: boolean;
  /** XON/XOFF software flow control: honour XOFF/XON from the printer. Default false. */
  xon?: boolean;
  xoff?: boolean;
  /**
   * Whether the printer's replies come back on this port. Default true; false
   * for a TX-only cable (status then reads 'unknown').
   */
  readable?: boolean;
  /** Exclusive lock on the port. Default true. */
  lock?: boolean;
  /**
   * The serialport binding. Default: @serialport/bindings-cpp (loaded on first
   * use, so a machine without it still starts). Tests pass @serialport/binding-mock.
   */
  binding?: SerialBinding;
  /**
   * How long a write may take to drain before it fails as stalled (a printer
   * holding CTS low or sending XOFF). Default: twice the time the bytes need at
   * the baud rate, plus 2 s.
   */
  drainTimeoutMs?: number;
}

let defaultBinding: Promise<SerialBinding> | undefined;

/** The platform binding from @serialport/bindings-cpp, loaded once. */
export function loadDefaultSerialBinding(): Promise<SerialBinding> {
  defaultBinding ??= import('@serialport/bindings-cpp').then((m) => {
    const mod = m as unknown as { autoDetect?: () => SerialBinding; default?: { autoDetect?: () => SerialBinding } };
    const autoDetect = mod.autoDetect ?? mod.default?.autoDetect;
    if (!autoDetect) throw new Error('@serialport/bindings-cpp has no autoDetect()');
    return autoDetect();
  });
  return defaultBinding;
}

function sameHexId(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = parseInt(a, 16);
  const y = parseInt(b, 16);
  return Number.isFinite(x) && x === y;
}

/** Ports whose USB ids match; sorted by path so the choice is stable. */
export function matchSerialPorts(ports: readonly SerialPortInfo[], ids: { vendorId?: string; productId?: string; serialNumber?: string }): SerialPortInfo[] {
  return ports
    .filter(
      (p) =>
        (ids.vendorId === undefined || sameHexId(p.vendorId, ids.vendorId)) &&
        (ids.productId === undefined || sameHexId(p.productId, ids.productId)) &&
        (ids.serialNumber === undefined || (p.serialNumber ?? '').toLowerCase() === ids.serialNumber.toLowerCase()),
    )
    .sort((a, b) => a.path.localeCompare(b.path));
}

export class SerialTransport extends ReconnectingTransport {
  readonly canRead: boolean;
  private readonly options: SerialTransportOptions;
  private readonly byIds: boolean;
  private currentPath: string | undefined;

  constructor(options: SerialTransportOptions) {
    super(options);
    this.byIds = options.vendorId !== undefined || options.productId !== undefined || options.serialNumber !== undefined;
    if (!this.byIds && !options.path) throw new TypeError('serial transport needs a path, or a vendorId/productId/serialNumber to find the port by');
    this.options = options;
    this.canRead = options.readable ?? true;
    this.currentPath = options.path;
    this.start();
  }

  /** The port in use or last tried (changes when a replugged adapter gets a new name). */
  get path(): string | undefined {
    return this.currentPath;
  }

  protected get label(): string {
    const o = this.options;
    if (!this.byIds) return `serial ${o.path}`;
    const ids = [o.vendorId && `vid ${o.vendorId}`, o.productId && `pid ${o.productId}`, o.serialNumber && `sn ${o.serialNumber}`].filter(Boolean).join(' ');
    return `serial [${ids}]${this.currentPath ? ` ${this.currentPath}` : ''}`;
  }

  protected async openLink(events: LinkEvents): Promise<OpenLink> {
    const o = this.options;
    const binding = o.binding ?? (await loadDefaultSerialBinding());
    let path = o.path;
    if (this.byIds) {
      const found = matchSerialPorts(await binding.list(), o);
      if (!found[0]) throw new Error(`${this.label}: no such port plugged in`);
      path = found[0].path;
    }
    if (!path) throw new Error('serial transport has no path');
    this.currentPath = path;
    const baudRate = o.baudRate ?? 9600;
    const port = new SerialPortStream({
      binding,
      path,
      baudRate,
      dataBits: o.dataBits ?? 8,
      parity: o.parity ?? 'none',
      stopBits: o.stopBits ?? 1,
      rtscts: o.rtscts ?? false,
      xon: o.xon ?? false,
      xoff: o.xoff ?? false,
      lock: o.lock ?? true,
      autoOpen: false,
    });
    let closing = false;
    // Attached before open(): an 'error' event without a listener would crash the process.
    port.on('error', (err: Error) => {
      if (!closing) events.lost(err);
    });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    port.on('close', (err: (Error & { disconnected?: boolean }) | null) => {
      if (!closing) events.lost(err ?? new Error(`${path} closed`));
    });
    // Read even when the replies are not wanted: on Linux a failing read is how
    // an unplug is noticed before the next ticket.
    port.on('data', (chunk: Buffer) => {
      if (this.canRead) events.data(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    });
    const bitsPerByte = 1 + (o.dataBits ?? 8) + (o.parity && o.parity !== 'none' ? 1 : 0) + (o.stopBits ?? 1);

    return {
      write: (bytes) =>
        new Promise<void>((resolve, reject) => {
          if (!port.isOpen) {
            // SerialPortStream would hold the write until some later open(): never let it.
            reject(new Error(`${path} is not open`));
            return;
          }
          const limit = o.drainTimeoutMs ?? Math.ceil(((bytes.length * bitsPerByte) / baudRate) * 2000) + 2000;
          const timer = setTimeout(() => reject(new StalledWriteError(`${path}: ${bytes.length} bytes not sent within ${limit} ms (flow control holding, or the printer is busy)`)), limit);
          const done = (err?: Error | null) => {
            clearTimeout(timer);
            if (err) reject(err);
            else resolve();
          };
          port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (err: Error | null | undefined) => {
            if (err) done(err);
            // "Written" means handed to the OS and drained from its buffer.
            else port.drain((drainErr: Error | null) => done(drainErr));
          });
        }),
      close: () =>
        new Promise<void>((resolve) => {
          closing = true;
          if (!port.isOpen) {
            resolve();
            return;
          }
          port.close(() => resolve());
        }),
    };
  }
}

export function createSerialTransport(options: SerialTransportOptions): SerialTransport {
  return new SerialTransport(options);
}

/** Serial ports with their USB ids, to fill in a site's printer config. */
export async function listSerialPorts(binding?: SerialBinding): Promise<SerialPortInfo[]> {
  return (binding ?? (await loadDefaultSerialBinding())).list();
}
