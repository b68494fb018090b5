/**
 * @serialport/binding-mock with a cable: a test can unplug a device (its open
 * port fails the way a real unplug does, so SerialPortStream closes with
 * `disconnected`), plug it back in under another path (/dev/ttyUSB0 →
 * /dev/ttyUSB1), and make the first opens after a replug fail with "Access
 * denied" as Windows does (node-serialport #1502). `deviceEnd()` is the
 * printer's side of the cable as a ByteTransport: what the host writes comes
 * out of it, and what is written to it reaches the host through emitData.
 */
import { createRequire } from 'node:module';
import { Listeners } from '../../../hardware/transports/listeners';
import type { SerialBinding, SerialPortInfo } from '../../../hardware/transports/serial';
import type { ByteTransport, TransportState, WriteOptions } from '../../../hardware/transports/types';

/** The parts of binding-mock used here (it ships no types for ESM resolution). */
interface MockPortBinding {
  readonly isOpen: boolean;
  readonly openOptions: Record<string, unknown>;
  emitData(data: Buffer): void;
  close(): Promise<void>;
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
  write(buffer: Buffer): Promise<void>;
  update(options: { baudRate: number }): Promise<void>;
  set(options: Record<string, boolean>): Promise<void>;
  get(): Promise<{ cts: boolean; dsr: boolean; dcd: boolean }>;
  getBaudRate(): Promise<{ baudRate: number }>;
  flush(): Promise<void>;
  drain(): Promise<void>;
}
interface MockBindingApi {
  reset(): void;
  createPort(path: string, options?: { echo?: boolean; record?: boolean; vendorId?: string; productId?: string }): void;
  open(options: Record<string, unknown>): Promise<MockPortBinding>;
}

const require = createRequire(import.meta.url);
export const MockBinding = (require('@serialport/binding-mock') as { MockBinding: MockBindingApi }).MockBinding;

interface Device {
  path: string;
  vendorId: string;
  productId: string;
  serialNumber: string;
  plugged: boolean;
  deniedOpens: number;
  port: PluggablePort | undefined;
  /** Every byte the host wrote, across reconnects. */
  wire: number[];
  fromHost: Listeners<[Uint8Array]>;
  portState: Listeners<[TransportState, Error | undefined]>;
}

function disconnectError(path: string): Error {
  // Anything but `canceled` makes SerialPortStream close with a DisconnectedError.
  return Object.assign(new Error(`${path}: device unplugged`), { disconnect: true });
}

class PluggablePort {
  private pulled: Error | undefined;
  private failReads = false;
  private readonly pendingReads = new Set<(err: Error) => void>();

  constructor(
    readonly inner: MockPortBinding,
    private readonly device: Device,
  ) {}

  get isOpen(): boolean {
    return this.inner.isOpen;
  }

  get openOptions(): Record<string, unknown> {
    return this.inner.openOptions;
  }

  /** `quiet`: as Windows often does, reads just stay silent and only the next write fails. */
  pull(quiet = false): void {
    const err = disconnectError(this.device.path);
    this.pulled = err;
    if (quiet) return;
    this.failReads = true;
    for (const reject of [...this.pendingReads]) reject(err);
    this.pendingReads.clear();
  }

  /** Bytes from the printer to the host. */
  emitData(bytes: Uint8Array): boolean {
    if (this.pulled || !this.inner.isOpen) return false;
    this.inner.emitData(Buffer.from(bytes));
    return true;
  }

  read(buffer: Buffer, offset: number, length: number) {
    if (this.pulled && this.failReads) return Promise.reject(this.pulled);
    return new Promise<{ buffer: Buffer; bytesRead: number }>((resolve, reject) => {
      const fail = (err: Error) => reject(err);
      this.pendingReads.add(fail);
      this.inner.read(buffer, offset, length).then(
        (r) => {
          this.pendingReads.delete(fail);
          resolve(r);
        },
        (err: Error) => {
          this.pendingReads.delete(fail);
          reject(err);
        },
      );
    });
  }

  async write(buffer: Buffer): Promise<void> {
    if (this.pulled) throw this.pulled;
    await this.inner.write(buffer);
    const bytes = Uint8Array.from(buffer);
    this.device.wire.push(...bytes);
    // Delivered on a later tick, like bytes crossing a cable.
    setImmediate(() => this.device.fromHost.emit(bytes));
  }

  async close(): Promise<void> {
    if (this.inner.isOpen) await this.inner.close();
    if (this.device.port === this) {
      this.device.port = undefined;
      this.device.portState.emit('disconnected', undefined);
    }
  }

  update(options: { baudRate: number }) {
    return this.inner.update(options);
  }
  set(options: Record<string, boolean>) {
    return this.inner.set(options);
  }
  get() {
    return this.inner.get();
  }
  getBaudRate() {
    return this.inner.getBaudRate();
  }
  flush() {
    return this.inner.flush();
  }
  async drain() {
    if (this.pulled) throw this.pulled;
    return this.inner.drain();
  }
}

export class PluggableBinding implements SerialBinding {
  private readonly devices = new Map<string, Device>();
  /** Paths the host tried to open, in order, with the outcome. */
  readonly opens: Array<{ path: string; result: 'ok' | 'denied' | 'missing' }> = [];

  addDevice(id: string, info: { path: string; vendorId: string; productId: string; serialNumber: string }): void {
    MockBinding.createPort(info.path, { vendorId: info.vendorId, productId: info.productId });
    this.devices.set(id, {
      ...info,
      plugged: true,
      deniedOpens: 0,
      port: undefined,
      wire: [],
      fromHost: new Listeners(),
      portState: new Listeners(),
    });
  }

  async list(): Promise<SerialPortInfo[]> {
    return [...this.devices.values()]
      .filter((d) => d.plugged)
      .map((d) => ({ path: d.path, manufacturer: 'Mock Printers', serialNumber: d.serialNumber, pnpId: undefined, locationId: undefined, vendorId: d.vendorId, productId: d.productId }));
  }

  async open(options: { path: string; baudRate: number } & Record<string, unknown>): Promise<PluggablePort> {
    const device = [...this.devices.values()].find((d) => d.path === options.path && d.plugged);
    if (!device) {
      this.opens.push({ path: options.path, result: 'missing' });
      throw new Error(`Error: No such file or directory, cannot open ${options.path}`);
    }
    if (device.deniedOpens > 0) {
      device.deniedOpens -= 1;
      this.opens.push({ path: options.path, result: 'denied' });
      throw new Error(`Opening ${options.path}: Access denied`);
    }
    const port = new PluggablePort(await MockBinding.open(options), device);
    device.port = port;
    this.opens.push({ path: options.path, result: 'ok' });
    device.portState.emit('open', undefined);
    return port;
  }

  /** The open options the host last used for the device. */
  openOptions(id: string): Record<string, unknown> | undefined {
    return this.device(id).port?.openOptions;
  }

  wire(id: string): Uint8Array {
    return Uint8Array.from(this.device(id).wire);
  }

  /** `quiet`: the open port only finds out at its next write (Windows, node-serialport #996). */
  unplug(id: string, options: { quiet?: boolean } = {}): void {
    const d = this.device(id);
    d.plugged = false;
    d.port?.pull(options.quiet ?? false);
  }

  /** Plug back in, optionally under a new path and refusing the first `accessDenied` opens. */
  replug(id: string, options: { path?: string; accessDenied?: number } = {}): void {
    const d = this.device(id);
    if (options.path && options.path !== d.path) {
      d.path = options.path;
      MockBinding.createPort(d.path, { vendorId: d.vendorId, productId: d.productId });
    }
    d.deniedOpens = options.accessDenied ?? 0;
    d.plugged = true;
  }

  /** The printer's end of the cable. */
  deviceEnd(id: string): ByteTransport {
    const d = this.device(id);
    return {
      canRead: true,
      get state(): TransportState {
        return d.port?.isOpen ? 'open' : 'disconnected';
      },
      async write(bytes: Uint8Array, _options?: WriteOptions) {
        // A printer does not hold its replies for a host that is not there.
        if (!d.port?.emitData(bytes)) throw new Error(`${d.path}: no host connected`);
      },
      onData: (listener) => d.fromHost.add(listener),
      onState: (listener) => d.portState.add(listener),
      async close() {},
    };
  }

  private device(id: string): Device {
    const d = this.devices.get(id);
    if (!d) throw new Error(`no mock device ${id}`);
    return d;
  }
}
