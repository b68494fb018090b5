import { afterEach, describe, expect, it } from 'vitest';
import { createSign, createSignSerialTransport, SIGN_SERIAL_DEFAULTS, type MarqueeSign } from '../../../hardware/sign/index';
import { AlphaSign } from '../../../hardware/sign/drivers/alpha';
import { OnbonBxSign } from '../../../hardware/sign/drivers/onbon-bx';
import { SimulatedSignDevice } from '../../../hardware/sign/simulated';
import { createMemoryPair } from '../../../hardware/transports/memory';
import { MockBinding, PluggableBinding } from '../support/pluggable-binding';
import { hex, until } from './fixtures';

const open: MarqueeSign[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  MockBinding.reset();
});
const keep = (s: MarqueeSign | undefined): MarqueeSign => {
  if (!s) throw new Error('no sign created');
  open.push(s);
  return s;
};

describe('createSign', () => {
  it("'none' makes nothing", () => {
    expect(createSign({ driver: 'none' })).toEqual({});
  });

  it.each(['alpha', 'onbon-bx'] as const)("'simulated' %s: the real driver and a simulator that shows what it sent", async (protocol) => {
    const { sign, simulator } = createSign({ driver: 'simulated', protocol, id: 'lobby-sign' }, { clock: { now: () => 42 } });
    const s = keep(sign);
    expect(s.id).toBe('lobby-sign');
    expect(s).toBeInstanceOf(protocol === 'alpha' ? AlphaSign : OnbonBxSign);
    await s.show([{ text: 'Court 2', effect: 'rotate' }]);
    await until(() => (simulator?.snapshot.messages.length ?? 0) === 1);
    expect(simulator?.snapshot).toMatchObject({ protocol, messages: [{ text: 'Court 2', effect: 'rotate' }], lastFrameAt: 42, badFrames: 0, offline: false });
  });

  it("'alpha' and 'onbon-bx' drive the transport they are given", async () => {
    const pairA = createMemoryPair();
    const pairB = createMemoryPair();
    const alphaDevice = new SimulatedSignDevice(pairA.b, { protocol: 'alpha' });
    const onbonDevice = new SimulatedSignDevice(pairB.b, { protocol: 'onbon-bx', address: 7 });
    const alpha = keep(createSign({ driver: 'alpha', transport: pairA.a, fileLabel: 'B' }).sign);
    const onbon = keep(createSign({ driver: 'onbon-bx', transport: pairB.a, address: 7, screen: { width: 96, height: 16 }, pollIntervalMs: 0 }).sign);
    await alpha.show([{ text: 'Hello', effect: 'hold' }]);
    expect(await onbon.show([{ text: '您好', effect: 'hold' }])).toMatchObject({ acknowledged: true });
    await until(() => alphaDevice.snapshot.messages.length === 1 && onbonDevice.snapshot.messages.length === 1);
    expect(alphaDevice.snapshot.messages).toEqual([{ text: 'Hello', effect: 'hold' }]);
    expect(onbonDevice.snapshot.messages).toEqual([{ text: '您好', effect: 'hold', speed: 3 }]);
    expect(onbon.status()).toEqual({ state: 'online', link: 'open' });
  });

  it('refuses an impossible address before anything is sent', () => {
    const pair = createMemoryPair();
    expect(() => createSign({ driver: 'onbon-bx', transport: pair.a, address: 0x10000 })).toThrow(/address/);
    expect(() => createSign({ driver: 'alpha', transport: pair.a, address: 'XY' })).toThrow(/address/);
  });
});

describe('createSignSerialTransport', () => {
  it('uses the protocol\'s usual line settings unless told otherwise', async () => {
    expect(SIGN_SERIAL_DEFAULTS).toEqual({
      alpha: { baudRate: 4800, dataBits: 7, parity: 'even', stopBits: 2 },
      'onbon-bx': { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
    });
    const binding = new PluggableBinding();
    binding.addDevice('a', { path: '/dev/ttyUSB0', vendorId: '067b', productId: '2303', serialNumber: 'A1' });
    const transport = createSignSerialTransport('alpha', { path: '/dev/ttyUSB0' }, { serialBinding: binding });
    const sign = keep(createSign({ driver: 'alpha', transport }).sign);
    await sign.show([{ text: 'Hi', effect: 'hold' }]);
    expect(binding.openOptions('a')).toMatchObject({ path: '/dev/ttyUSB0', baudRate: 4800, dataBits: 7, parity: 'even', stopBits: 2 });
    await until(() => binding.wire('a').length === 18);
    expect(hex(binding.wire('a'))).toBe('00 00 00 00 00 01 5A 30 30 02 41 41 1B 20 62 48 69 04');
  });

  it('runs an Onbon card over a (mock) serial port, ACKs and status included, and notices the unplug', async () => {
    const binding = new PluggableBinding();
    binding.addDevice('o', { path: '/dev/ttyUSB1', vendorId: '1a86', productId: '7523', serialNumber: 'B2' });
    const device = new SimulatedSignDevice(binding.deviceEnd('o'), { protocol: 'onbon-bx' });
    const transport = createSignSerialTransport('onbon-bx', { vendorId: '1a86', productId: '7523', baudRate: 57600, reconnect: { initialMs: 10, maxMs: 20 } }, { serialBinding: binding });
    const sign = keep(createSign({ driver: 'onbon-bx', transport, pollIntervalMs: 0, replyTimeoutMs: 300 }).sign);
    expect(await sign.show([{ text: '臺東地檢署', effect: 'rotate' }])).toMatchObject({ acknowledged: true });
    expect(binding.openOptions('o')).toMatchObject({ path: '/dev/ttyUSB1', baudRate: 57600, dataBits: 8, parity: 'none', stopBits: 1 });
    expect(device.snapshot.messages).toEqual([{ text: '臺東地檢署', effect: 'rotate', speed: 3 }]);
    expect(sign.status()).toEqual({ state: 'online', link: 'open' });
    binding.unplug('o');
    await until(() => sign.status().state === 'offline');
    expect(sign.status().link).toBe('disconnected');
    binding.replug('o');
    await until(() => sign.status().state === 'online', 3000, 'online after the replug');
  });
});
