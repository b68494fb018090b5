import { afterEach } from 'vitest';
import { createSign, createSignSerialTransport, SIGN_SERIAL_DEFAULTS } from '../../../hardware/sign/index';
import { createSimulatedSign, SimulatedSignDevice, type SignProtocol } from '../../../hardware/sign/simulated';
import type { ByteTransport } from '../../../hardware/transports/types';
import { MockBinding, PluggableBinding } from '../support/pluggable-binding';
import { openPtyDevice, ptyRigControls } from '../support/pty-device';
import { socatMissingReason } from '../support/socat';
import { until } from '../support/wait';
import { describeSignContract } from './contract';

const PROTOCOLS: SignProtocol[] = ['alpha', 'onbon-bx'];
/** Onbon: poll often enough that a card switched off is noticed within a test, with room for a loaded machine. */
const ONBON = { pollIntervalMs: 150, replyTimeoutMs: 600 } as const;

async function linkUp(transport: ByteTransport, ms: number): Promise<void> {
  await until(() => transport.state === 'open', ms, 'sign link open');
}

afterEach(() => MockBinding.reset());
const noSocat = socatMissingReason();

for (const protocol of PROTOCOLS) {
  // (a) The simulator: the real driver over a memory link, frames split in 7-byte reads.
  describeSignContract({
    name: 'simulator (createSimulatedSign)',
    protocol,
    inspect: true,
    unplug: true,
    async create() {
      const { sign, device, link } = createSimulatedSign({ protocol, maxChunk: 7, writeTimeoutMs: 5000, onbon: ONBON });
      const wire: number[] = [];
      link.b.onData((b) => wire.push(...b));
      return {
        sign,
        device,
        wire: () => Uint8Array.from(wire),
        unplug: async () => link.disconnect(new Error('cable pulled')),
        replug: async () => link.reconnect(),
        dispose: () => sign.close(),
      };
    },
  });

  // (b) The real driver over serialport with @serialport/binding-mock: a USB-serial adapter
  // found by its ids, that comes back under another name and refuses the first two opens.
  describeSignContract({
    name: 'serial over @serialport/binding-mock',
    protocol,
    inspect: true,
    unplug: true,
    async create() {
      const binding = new PluggableBinding();
      binding.addDevice('sign', { path: '/dev/ttyUSB0', vendorId: '067b', productId: '2303', serialNumber: 'SIGN-1' });
      const device = new SimulatedSignDevice(binding.deviceEnd('sign'), { protocol });
      const transport = createSignSerialTransport(
        protocol,
        { vendorId: '067B', productId: '2303', writeTimeoutMs: 5000, reconnect: { initialMs: 10, maxMs: 80 } },
        { serialBinding: binding },
      );
      const { sign } = createSign(protocol === 'alpha' ? { driver: 'alpha', transport } : { driver: 'onbon-bx', transport, ...ONBON });
      await linkUp(transport, 2000);
      return {
        sign: sign!,
        device,
        wire: () => binding.wire('sign'),
        unplug: async () => binding.unplug('sign'),
        replug: async () => binding.replug('sign', { path: '/dev/ttyUSB1', accessDenied: 2 }),
        async dispose() {
          await sign!.close();
          device.detach();
        },
      };
    },
  });

  // (c) The real driver and serialport's real bindings over a socat pty pair, the
  // simulated sign on the far pty at the protocol's usual line settings.
  describeSignContract({
    name: 'serial over a socat pty pair',
    protocol,
    skipReason: noSocat,
    inspect: true,
    unplug: true,
    settleMs: 6000,
    async create() {
      const pty = await openPtyDevice({ ...SIGN_SERIAL_DEFAULTS[protocol], backoff: { initialMs: 20, maxMs: 100 } });
      const device = new SimulatedSignDevice(pty.end, { protocol });
      const transport = createSignSerialTransport(protocol, { path: pty.hostPath, writeTimeoutMs: 15_000, reconnect: { initialMs: 20, maxMs: 150 } });
      const { sign } = createSign(protocol === 'alpha' ? { driver: 'alpha', transport } : { driver: 'onbon-bx', transport, pollIntervalMs: 250, replyTimeoutMs: 1500 });
      await linkUp(transport, 5000);
      // The driver hears of the open link by its state event: on a loaded machine a moment after the transport's own flag.
      await until(() => sign!.status().link === 'open', 5000, 'the sign reports its link open');
      return {
        sign: sign!,
        device,
        ...ptyRigControls(pty, device, sign!),
      };
    },
  });
}

// (d) Real hardware, when HW_SIGN_PORT names it (/dev/ttyUSB0, COM3) and HW_SIGN_PROTOCOL
// says what it speaks; HW_SIGN_BAUD overrides the protocol's usual speed, HW_SIGN_ADDRESS
// the Onbon screen address (default 1). Shows real messages on the sign.
const hwPort = process.env.HW_SIGN_PORT;
const hwProtocol = process.env.HW_SIGN_PROTOCOL;
const hwSkip = !hwPort
  ? 'HW_SIGN_PORT is not set (e.g. HW_SIGN_PORT=/dev/ttyUSB0 HW_SIGN_PROTOCOL=onbon-bx to run against a real sign)'
  : hwProtocol !== 'alpha' && hwProtocol !== 'onbon-bx'
    ? `HW_SIGN_PROTOCOL must be alpha or onbon-bx (got ${hwProtocol ?? 'nothing'})`
    : undefined;
describeSignContract({
  name: `real hardware (HW_SIGN_PORT=${hwPort ?? ''})`,
  protocol: hwProtocol === 'alpha' ? 'alpha' : 'onbon-bx',
  skipReason: hwSkip,
  inspect: false,
  unplug: false,
  settleMs: 10_000,
  async create() {
    const protocol = hwProtocol === 'alpha' ? 'alpha' : 'onbon-bx';
    const transport = createSignSerialTransport(protocol, { path: hwPort ?? '', ...(process.env.HW_SIGN_BAUD ? { baudRate: Number(process.env.HW_SIGN_BAUD) } : {}) });
    const address = process.env.HW_SIGN_ADDRESS ? Number(process.env.HW_SIGN_ADDRESS) : undefined;
    const { sign } = createSign(protocol === 'alpha' ? { driver: 'alpha', transport } : { driver: 'onbon-bx', transport, ...(address !== undefined ? { address } : {}) });
    await linkUp(transport, 10_000);
    return { sign: sign!, dispose: () => sign!.close() };
  },
});
