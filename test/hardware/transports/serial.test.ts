import { afterEach, describe, expect, it } from 'vitest';
import { matchSerialPorts, SerialTransport, type SerialTransportOptions } from '../../../hardware/transports/serial';
import type { TransportState } from '../../../hardware/transports/types';
import { MockBinding, PluggableBinding } from '../support/pluggable-binding';
import { sleep, until } from '../support/wait';

const transports: SerialTransport[] = [];
afterEach(async () => {
  for (const t of transports.splice(0)) await t.close();
  MockBinding.reset();
});

function setup(options: Partial<SerialTransportOptions> = {}) {
  const binding = new PluggableBinding();
  binding.addDevice('printer', { path: '/dev/ttyUSB0', vendorId: '0fe6', productId: '811e', serialNumber: 'KIOSK-1' });
  const transport = new SerialTransport({ binding, vendorId: '0fe6', productId: '811e', backoff: { initialMs: 10, maxMs: 80 }, ...options });
  transports.push(transport);
  const states: TransportState[] = [];
  const errors: string[] = [];
  transport.onState((s, e) => {
    states.push(s);
    if (e) errors.push(e.message);
  });
  const printer = binding.deviceEnd('printer');
  const heard: number[] = [];
  printer.onData((b) => heard.push(...b));
  return { binding, transport, states, errors, printer, heard };
}

describe('SerialTransport over @serialport/binding-mock', () => {
  it('opens by path with the line settings it was given', async () => {
    const { binding, transport } = setup({ vendorId: undefined, productId: undefined, path: '/dev/ttyUSB0', baudRate: 19200, dataBits: 7, parity: 'even', stopBits: 2, rtscts: true });
    await until(() => transport.state === 'open');
    expect(binding.openOptions('printer')).toMatchObject({ path: '/dev/ttyUSB0', baudRate: 19200, dataBits: 7, parity: 'even', stopBits: 2, rtscts: true, xon: false, xoff: false });
  });

  it('defaults to 9600 8N1 without flow control; xon/xoff when asked', async () => {
    const a = setup();
    await until(() => a.transport.state === 'open');
    expect(a.binding.openOptions('printer')).toMatchObject({ baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, rtscts: false, xon: false, xoff: false });
    await a.transport.close();
    MockBinding.reset();
    const b = setup({ xon: true, xoff: true });
    await until(() => b.transport.state === 'open');
    expect(b.binding.openOptions('printer')).toMatchObject({ xon: true, xoff: true });
  });

  it('finds the port by vendor/product id, writes (resolving once drained) and reads the replies', async () => {
    const { transport, printer, heard, binding } = setup({ vendorId: '0FE6', productId: '0x811E' });
    expect(transport.state).toBe('connecting');
    const got: number[] = [];
    transport.onData((b) => got.push(...b));
    // Written before the port is even open: waits for it.
    await transport.write(Uint8Array.of(0x10, 0x04, 0x01));
    expect(transport.path).toBe('/dev/ttyUSB0');
    expect(Array.from(binding.wire('printer'))).toEqual([0x10, 0x04, 0x01]);
    await until(() => heard.length === 3);
    await printer.write(Uint8Array.of(0x12));
    await until(() => got.length === 1);
    expect(got).toEqual([0x12]);
  });

  it('goes disconnected on an unplug, and reconnects when the printer comes back under another name after "Access denied"', async () => {
    const { transport, binding, states, errors } = setup();
    await until(() => transport.state === 'open');
    binding.unplug('printer');
    await until(() => transport.state === 'disconnected');
    expect(errors[0]).toMatch(/unplugged/);
    await sleep(100); // several failed attempts: no such port
    binding.replug('printer', { path: '/dev/ttyUSB1', accessDenied: 2 });
    await until(() => transport.state === 'open', 2000);
    expect(transport.path).toBe('/dev/ttyUSB1');
    expect(states).toEqual(['open', 'disconnected', 'open']);
    expect(binding.opens.filter((o) => o.path === '/dev/ttyUSB1').map((o) => o.result)).toEqual(['denied', 'denied', 'ok']);
    expect(transport.nextRetryDelayMs).toBe(10);
  });

  it('holds a write made while unplugged and delivers it exactly once after the replug', async () => {
    const { transport, binding, heard } = setup({ writeTimeoutMs: 3000 });
    await until(() => transport.state === 'open');
    binding.unplug('printer');
    await until(() => transport.state === 'disconnected');
    const writing = transport.write(Uint8Array.of(0x1b, 0x40, 0x41, 0x0a));
    await sleep(50);
    expect(heard).toEqual([]);
    binding.replug('printer', { path: '/dev/ttyUSB3' });
    await writing;
    await until(() => heard.length === 4);
    await sleep(50);
    expect(heard).toEqual([0x1b, 0x40, 0x41, 0x0a]);
  });

  it('sends a write again after the replug when the unplug was only noticed by that write (Windows)', async () => {
    const { transport, binding, heard, states } = setup({ writeTimeoutMs: 3000 });
    await until(() => transport.state === 'open');
    binding.unplug('printer', { quiet: true });
    await sleep(20);
    expect(transport.state).toBe('open'); // nothing noticed yet
    const writing = transport.write(Uint8Array.of(0x41, 0x0a));
    await until(() => transport.state === 'disconnected');
    binding.replug('printer');
    await writing;
    await until(() => heard.length === 2);
    await sleep(50);
    expect(heard).toEqual([0x41, 0x0a]);
    expect(states).toEqual(['open', 'disconnected', 'open']);
  });

  it('fails a write that cannot be delivered within writeTimeoutMs', async () => {
    const { transport, binding } = setup({ writeTimeoutMs: 60 });
    await until(() => transport.state === 'open');
    binding.unplug('printer');
    await until(() => transport.state === 'disconnected');
    await expect(transport.write(Uint8Array.of(0x41))).rejects.toThrow(/not connected within 60 ms/);
    await expect(transport.write(Uint8Array.of(0x41), { noWait: true })).rejects.toThrow(/is disconnected/);
  });

  it('backs off, doubling to its cap, while the printer is gone', async () => {
    const { transport, binding } = setup({ backoff: { initialMs: 5, factor: 2, maxMs: 40 } });
    await until(() => transport.state === 'open');
    binding.unplug('printer');
    await until(() => transport.nextRetryDelayMs === 40, 2000);
    expect(transport.state).toBe('disconnected');
    expect(transport.lastError?.message).toMatch(/no such port plugged in/);
  });

  it('stops for good on close', async () => {
    const { transport, binding, states } = setup();
    await until(() => transport.state === 'open');
    await transport.close();
    const opens = binding.opens.length;
    await sleep(60);
    expect(binding.opens.length).toBe(opens);
    expect(states).toEqual(['open', 'closed']);
    await expect(transport.write(Uint8Array.of(0x41))).rejects.toThrow(/closed/);
  });

  it('drops what the printer sends on a TX-only cable (readable: false), and says it cannot read', async () => {
    const { transport, printer } = setup({ readable: false });
    await until(() => transport.state === 'open');
    const got: number[] = [];
    transport.onData((b) => got.push(...b));
    await printer.write(Uint8Array.of(0x12));
    await sleep(20);
    expect(transport.canRead).toBe(false);
    expect(got).toEqual([]);
  });

  it('needs a path or USB ids', () => {
    expect(() => new SerialTransport({ binding: new PluggableBinding() })).toThrow(/needs a path/);
  });
});

describe('matchSerialPorts', () => {
  const ports = [
    { path: '/dev/ttyUSB1', vendorId: '0FE6', productId: '811E', serialNumber: 'B' },
    { path: '/dev/ttyUSB0', vendorId: '0fe6', productId: '811e', serialNumber: 'a' },
    { path: '/dev/ttyS0' },
  ];
  it('compares ids as hex numbers, whatever their case, and sorts by path', () => {
    expect(matchSerialPorts(ports, { vendorId: '0fe6', productId: '811E' }).map((p) => p.path)).toEqual(['/dev/ttyUSB0', '/dev/ttyUSB1']);
    expect(matchSerialPorts(ports, { vendorId: 'FE6' }).map((p) => p.path)).toEqual(['/dev/ttyUSB0', '/dev/ttyUSB1']);
    expect(matchSerialPorts(ports, { serialNumber: 'A' }).map((p) => p.path)).toEqual(['/dev/ttyUSB0']);
    expect(matchSerialPorts(ports, { vendorId: '1234' })).toEqual([]);
  });
});
