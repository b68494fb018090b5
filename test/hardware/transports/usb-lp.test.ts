import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialTransport } from '../../../hardware/transports/serial';
import type { TransportState } from '../../../hardware/transports/types';
import { listUsbLpNodes, UsbLpTransport, type UsbLpTransportOptions } from '../../../hardware/transports/usb-lp';
import { socatMissingReason, SocatCable } from '../support/socat';
import { sleep, until } from '../support/wait';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A fake /sys and /dev: usbmisc/lpN → a USB interface whose parent device holds the ids. */
function fakeSys(nodes: Array<{ name: string; vendorId: string; productId: string; serial?: string; target?: string }>) {
  const root = mkdtempSync(join(tmpdir(), 'lobby-sysfs-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const sys = join(root, 'sys');
  const dev = join(root, 'dev');
  mkdirSync(join(sys, 'class', 'usbmisc'), { recursive: true });
  mkdirSync(join(dev, 'usb'), { recursive: true });
  nodes.forEach((n, i) => {
    const usbDevice = join(sys, 'devices', 'usb1', `1-${i + 1}`);
    const iface = join(usbDevice, `1-${i + 1}:1.0`);
    mkdirSync(join(iface, 'usbmisc', n.name), { recursive: true });
    writeFileSync(join(usbDevice, 'idVendor'), `${n.vendorId}\n`);
    writeFileSync(join(usbDevice, 'idProduct'), `${n.productId}\n`);
    if (n.serial) writeFileSync(join(usbDevice, 'serial'), `${n.serial}\n`);
    symlinkSync(join(iface, 'usbmisc', n.name), join(sys, 'class', 'usbmisc', n.name));
    symlinkSync(iface, join(iface, 'usbmisc', n.name, 'device'));
    if (n.target) symlinkSync(n.target, join(dev, 'usb', n.name));
  });
  return { sysfsRoot: sys, devRoot: dev };
}

describe('listUsbLpNodes (sysfs)', () => {
  it('lists /dev/usb/lp* with the USB ids of the printer behind each', async () => {
    const roots = fakeSys([
      { name: 'lp1', vendorId: '0483', productId: '5743' },
      { name: 'lp0', vendorId: '0fe6', productId: '811e', serial: 'KIOSK-1' },
    ]);
    expect(await listUsbLpNodes(roots)).toEqual([
      { path: join(roots.devRoot, 'usb', 'lp0'), vendorId: '0fe6', productId: '811e', serialNumber: 'KIOSK-1' },
      { path: join(roots.devRoot, 'usb', 'lp1'), vendorId: '0483', productId: '5743' },
    ]);
  });

  it('finds nothing, without failing, on a machine without usblp', async () => {
    expect(await listUsbLpNodes({ sysfsRoot: join(tmpdir(), 'no-such-sysfs') })).toEqual([]);
  });
});

const noSocat = socatMissingReason();
if (noSocat) console.log(`[skipped] UsbLpTransport over a pty: ${noSocat}`);

/** A character device stand-in: the host end of a socat pty pair, the printer reading the other end. */
async function setup(options: Partial<UsbLpTransportOptions> & { devicePath?: string } = {}, cableArg?: SocatCable) {
  const cable = cableArg ?? new SocatCable();
  cleanups.push(() => cable.dispose());
  await cable.plug();
  const printerSide = new SerialTransport({ path: cable.printerPath, backoff: { initialMs: 10, maxMs: 50 } });
  cleanups.push(() => printerSide.close());
  const heard: number[] = [];
  printerSide.onData((b) => heard.push(...b));
  await until(() => existsSync(cable.hostPath), 3000, 'host pty');
  const transport = new UsbLpTransport({ devicePath: cable.hostPath, backoff: { initialMs: 10, maxMs: 80 }, presencePollMs: 50, ...options });
  cleanups.push(() => transport.close());
  const states: TransportState[] = [];
  transport.onState((s) => states.push(s));
  await until(() => transport.state === 'open', 3000, 'usb-lp open');
  return { cable, printerSide, heard, transport, states };
}

describe.skipIf(noSocat !== undefined)('UsbLpTransport over a character device (a pty from socat)', () => {
  it('writes what it is given; one-way by default', async () => {
    const { transport, heard } = await setup();
    expect(transport.canRead).toBe(false);
    await transport.write(Uint8Array.of(0x1b, 0x40, 0x41, 0x0a));
    await until(() => heard.length === 4);
    expect(heard).toEqual([0x1b, 0x40, 0x41, 0x0a]);
  });

  it('reads the printer\'s replies when readable (a bidirectional printer)', async () => {
    const { transport, printerSide } = await setup({ readable: true });
    const got: number[] = [];
    transport.onData((b) => got.push(...b));
    await printerSide.write(Uint8Array.of(0x12, 0x10, 0x00, 0x0c, 0x00));
    await until(() => got.length === 5);
    expect(got).toEqual([0x12, 0x10, 0x00, 0x0c, 0x00]);
  });

  it('notices the node going away with no I/O going on, and reopens it when it is back; a write made meanwhile arrives once', async () => {
    // Generous: on a loaded two-core CI machine, restarting socat and reopening both ends can take seconds.
    const { transport, cable, states, heard } = await setup({ writeTimeoutMs: 20_000 });
    await cable.unplug();
    await until(() => transport.state === 'disconnected', 2000);
    expect(transport.lastError?.message).toMatch(/gone|ENOENT|EIO/);
    const writing = transport.write(Uint8Array.of(0x41, 0x0a));
    await cable.plug();
    await writing;
    await until(() => heard.length === 2, 3000);
    await sleep(100);
    expect(heard).toEqual([0x41, 0x0a]);
    expect(states).toEqual(['open', 'disconnected', 'open']);
  }, 40_000);

  it('finds its node by vendor/product id in sysfs', async () => {
    const cable = new SocatCable();
    const roots = fakeSys([
      { name: 'lp0', vendorId: '0483', productId: '5743', target: '/nonexistent' },
      { name: 'lp1', vendorId: '0fe6', productId: '811e', target: cable.hostPath },
    ]);
    const { transport, heard } = await setup({ vendorId: '0FE6', productId: '811E', ...roots }, cable);
    expect(transport.path).toBe(join(roots.devRoot, 'usb', 'lp1'));
    await transport.write(Uint8Array.of(0x42));
    await until(() => heard.length === 1);
    expect(heard).toEqual([0x42]);
  });

  it('needs a devicePath or USB ids', () => {
    expect(() => new UsbLpTransport({})).toThrow(/needs a devicePath/);
  });
});
