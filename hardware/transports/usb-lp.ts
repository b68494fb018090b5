/**
 * USB printers on Linux through the kernel's printer-class driver (usblp):
 * /dev/usb/lp0, /dev/usb/lp1, … are character devices; we open one with fs,
 * write the job, and, on a bidirectional printer, read its status replies.
 *
 * Why not @node-escpos/usb-adapter (named by the product brief), evaluated
 * for this transport:
 *
 * 1. It does not run with what is installed. usb-adapter 0.3.1 depends on
 *    `usb: "*"`, which resolves to usb 3.1, the WebUSB-only rewrite; 0.3.1 was
 *    written against node-usb 2.x. Its ESM build fails to link (`import {
 *    findByIds, usb, getDeviceList, findBySerialNumber } from 'usb'`: no such
 *    named exports), and through its CommonJS build `new USBAdapter(vid, pid)`
 *    throws "usb.findByIds is not a function"; `findPrinter()` throws
 *    "usb.getDeviceList is not a function". Checked on this machine with
 *    Node 20 against node_modules/usb 3.1.0.
 * 2. Even against node-usb 2.x it is not a byte pipe we could trust:
 *    `write()` never calls back when no OUT endpoint was found (a print would
 *    hang); `open()` calls its callback once per interface; `read()` is a
 *    single 64-byte transfer whose errors only go to console.error; `close()`
 *    may call back twice; there is no reconnect; and it detaches the usblp
 *    kernel driver without ever re-attaching it, so /dev/usb/lp0 disappears
 *    for every other tool on the kiosk.
 * 3. Talking libusb directly needs a udev rule on Linux and, on Windows,
 *    replacing the printer's driver with WinUSB (Zadig), which removes it from
 *    the Windows spooler the lobby PCs' staff also use.
 *
 * So: on Linux use this usblp transport; on Windows use the printer's virtual
 * COM port driver (driver 'escpos-serial') or its network port ('escpos-tcp').
 * The rest of node-escpos is not used either: its text encoding is GB18030/GBK
 * and its qrcode() sends GS Z / ESC Z with a character (not byte) count (see
 * /work/shared/PROTOCOLS.md), both wrong for a Traditional-Chinese ticket.
 */
import { constants as fsConstants } from 'node:fs';
import { open, readdir, readFile, realpath, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ReconnectingTransport, StalledWriteError, type LinkEvents, type OpenLink, type ReconnectOptions } from './reconnecting';

export interface UsbLpTransportOptions extends ReconnectOptions {
  /** /dev/usb/lp0. Used when no vendorId/productId/serialNumber is given. */
  devicePath?: string;
  /** USB vendor id as hex ("0483"): the lp node is looked up in sysfs before every (re)connect, since a replugged printer may come back as lp1. */
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  /**
   * Read the printer's replies (DLE EOT status, ASB). Only bidirectional
   * printers answer through usblp; a one-way printer would then look offline
   * for ever, so this is off by default: status then reads 'unknown'.
   */
  readable?: boolean;
  /** The node is opened non-blocking and read this often. Default 25 ms. */
  readPollMs?: number;
  /** How often to check that the node still exists (catches an unplug with no I/O going on). Default 1000 ms. */
  presencePollMs?: number;
  /** A write that makes no progress for this long fails as stalled. Default 10 s. */
  stallTimeoutMs?: number;
  /** For tests: where sysfs and /dev live. Defaults '/sys' and '/dev'. */
  sysfsRoot?: string;
  devRoot?: string;
}

/** Errors after which the node is gone or useless until it is reopened. */
const GONE = new Set(['ENODEV', 'ENXIO', 'EIO', 'EBADF', 'ENOENT', 'EPIPE', 'ESHUTDOWN']);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function code(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

async function readAttr(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

export interface UsbLpNode {
  /** e.g. /dev/usb/lp0 */
  path: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
}

/** usblp nodes with their USB ids, from /sys/class/usbmisc/lp*. */
export async function listUsbLpNodes(options: { sysfsRoot?: string; devRoot?: string } = {}): Promise<UsbLpNode[]> {
  const sys = options.sysfsRoot ?? '/sys';
  const dev = options.devRoot ?? '/dev';
  let names: string[];
  try {
    names = (await readdir(join(sys, 'class', 'usbmisc'))).filter((n) => /^lp\d+$/.test(n));
  } catch {
    return [];
  }
  const nodes: UsbLpNode[] = [];
  for (const name of names.sort()) {
    // …/usbmisc/lp0/device links to the USB interface; its parent is the device with the ids.
    // (Resolved with realpath: path.join would drop "device/.." before the link is followed.)
    let usbDevice: string;
    try {
      usbDevice = dirname(await realpath(join(sys, 'class', 'usbmisc', name, 'device')));
    } catch {
      continue;
    }
    const [vendorId, productId, serialNumber] = await Promise.all([
      readAttr(join(usbDevice, 'idVendor')),
      readAttr(join(usbDevice, 'idProduct')),
      readAttr(join(usbDevice, 'serial')),
    ]);
    nodes.push({
      path: join(dev, 'usb', name),
      ...(vendorId !== undefined ? { vendorId } : {}),
      ...(productId !== undefined ? { productId } : {}),
      ...(serialNumber !== undefined ? { serialNumber } : {}),
    });
  }
  return nodes;
}

const sameHex = (a: string | undefined, b: string) => a !== undefined && parseInt(a, 16) === parseInt(b, 16);

export class UsbLpTransport extends ReconnectingTransport {
  readonly canRead: boolean;
  private readonly options: UsbLpTransportOptions;
  private readonly byIds: boolean;
  private currentPath: string | undefined;

  constructor(options: UsbLpTransportOptions) {
    super(options);
    this.byIds = options.vendorId !== undefined || options.productId !== undefined || options.serialNumber !== undefined;
    if (!this.byIds && !options.devicePath) throw new TypeError('usb-lp transport needs a devicePath, or a vendorId/productId/serialNumber');
    this.options = options;
    this.canRead = options.readable ?? false;
    this.currentPath = options.devicePath;
    this.start();
  }

  get path(): string | undefined {
    return this.currentPath;
  }

  protected get label(): string {
    return `usb-lp ${this.currentPath ?? `[${this.options.vendorId ?? '*'}:${this.options.productId ?? '*'}]`}`;
  }

  private async findPath(): Promise<string> {
    const o = this.options;
    if (!this.byIds) return o.devicePath as string;
    const nodes = await listUsbLpNodes({ ...(o.sysfsRoot ? { sysfsRoot: o.sysfsRoot } : {}), ...(o.devRoot ? { devRoot: o.devRoot } : {}) });
    const hit = nodes.find(
      (n) =>
        (o.vendorId === undefined || sameHex(n.vendorId, o.vendorId)) &&
        (o.productId === undefined || sameHex(n.productId, o.productId)) &&
        (o.serialNumber === undefined || n.serialNumber === o.serialNumber),
    );
    if (!hit) throw new Error(`${this.label}: no such printer plugged in`);
    return hit.path;
  }

  protected async openLink(events: LinkEvents): Promise<OpenLink> {
    const path = await this.findPath();
    this.currentPath = path;
    const flags = (this.canRead ? fsConstants.O_RDWR : fsConstants.O_WRONLY) | fsConstants.O_NONBLOCK | fsConstants.O_NOCTTY;
    const fh: FileHandle = await open(path, flags);
    let alive = true;
    const lose = (err: Error) => {
      if (!alive) return;
      alive = false;
      events.lost(err);
    };
    const readPollMs = this.options.readPollMs ?? 25;
    const presencePollMs = this.options.presencePollMs ?? 1000;
    const stallTimeoutMs = this.options.stallTimeoutMs ?? 10_000;

    if (this.canRead) {
      void (async () => {
        const buf = Buffer.alloc(256);
        while (alive) {
          try {
            const { bytesRead } = await fh.read(buf, 0, buf.length, null);
            if (!alive) break;
            if (bytesRead > 0) events.data(Uint8Array.from(buf.subarray(0, bytesRead)));
            else await sleep(readPollMs);
          } catch (err) {
            if (!alive) break;
            const c = code(err);
            if (c === 'EAGAIN' || c === 'EWOULDBLOCK' || c === 'EINTR') await sleep(readPollMs);
            else lose(err instanceof Error ? err : new Error(String(err)));
          }
        }
      })();
    }
    const presence = setInterval(() => {
      stat(path).catch((err: unknown) => {
        if (GONE.has(code(err) ?? '')) lose(new Error(`${path} is gone (${code(err)})`));
      });
    }, presencePollMs);

    return {
      write: async (bytes) => {
        let offset = 0;
        let lastProgress = Date.now();
        while (offset < bytes.length) {
          if (!alive) throw new Error(`${path} is gone`);
          try {
            const { bytesWritten } = await fh.write(bytes, offset, bytes.length - offset, null);
            offset += bytesWritten;
            if (bytesWritten > 0) lastProgress = Date.now();
          } catch (err) {
            const c = code(err);
            if (c !== 'EAGAIN' && c !== 'EWOULDBLOCK' && c !== 'EINTR') {
              throw err instanceof Error ? err : new Error(String(err));
            }
            // usblp refuses a non-blocking write while the previous one is still in flight.
            if (Date.now() - lastProgress > stallTimeoutMs) {
              if (offset === 0) throw new StalledWriteError(`${path}: printer accepted nothing for ${stallTimeoutMs} ms`);
              throw new StalledWriteError(`${path}: printer stopped accepting data after ${offset} of ${bytes.length} bytes`);
            }
            await sleep(5);
          }
        }
      },
      close: async () => {
        alive = false;
        clearInterval(presence);
        await fh.close().catch(() => undefined);
      },
    };
  }
}

export function createUsbLpTransport(options: UsbLpTransportOptions): UsbLpTransport {
  return new UsbLpTransport(options);
}
