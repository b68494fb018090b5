import { afterEach } from 'vitest';
import { LineKeypads } from '../../../hardware/keypad/drivers/line-keypad';
import { createKeypads } from '../../../hardware/keypad/index';
import { SimulatedKeypads } from '../../../hardware/keypad/simulated';
import { createMemoryPair } from '../../../hardware/transports/memory';
import type { ByteTransport } from '../../../hardware/transports/types';
import { MockBinding, PluggableBinding } from '../support/pluggable-binding';
import { openPtyDevice, ptyRigControls } from '../support/pty-device';
import { socatMissingReason } from '../support/socat';
import { until } from '../support/wait';
import { describeKeypadContract } from './contract';

async function linkUp(transport: ByteTransport | undefined, ms: number): Promise<void> {
  await until(() => transport?.state === 'open', ms, 'keypad line open');
}

// (a) The simulator: what createSimulatedKeypads builds (the line driver and the
// simulated keypads on a memory pair), with 3-byte reads and a cable to pull.
describeKeypadContract({
  name: 'simulator (SimulatedKeypads on a memory pair)',
  inspect: true,
  unplug: true,
  async create() {
    const pair = createMemoryPair({ maxChunk: 3, writeTimeoutMs: { a: 5000, b: 0 } });
    const keypads = new LineKeypads(pair.a);
    const device = new SimulatedKeypads(pair.b);
    const wire: number[] = [];
    pair.b.onData((b) => wire.push(...b));
    return {
      keypads,
      device,
      send: (bytes) => pair.b.write(bytes),
      wire: () => Uint8Array.from(wire),
      unplug: async () => pair.disconnect(new Error('cable pulled')),
      replug: async () => pair.reconnect(),
      async dispose() {
        device.detach();
        await keypads.close();
      },
    };
  },
});

// (b) createKeypads from a site's serial section (USB ids) over serialport with
// @serialport/binding-mock: the RS-485 adapter comes back under another name and
// refuses the first two opens.
afterEach(() => MockBinding.reset());
describeKeypadContract({
  name: 'serial (createKeypads by USB ids) over @serialport/binding-mock',
  inspect: true,
  unplug: true,
  async create() {
    const binding = new PluggableBinding();
    binding.addDevice('keypads', { path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523', serialNumber: 'KEYS-1' });
    const end = binding.deviceEnd('keypads');
    const device = new SimulatedKeypads(end);
    const { keypads, transport } = createKeypads(
      { driver: 'serial', serial: { vendorId: '1A86', productId: '7523', writeTimeoutMs: 5000, reconnect: { initialMs: 10, maxMs: 80 } } },
      { serialBinding: binding },
    );
    await linkUp(transport, 2000);
    return {
      keypads: keypads!,
      device,
      send: (bytes) => end.write(bytes),
      wire: () => binding.wire('keypads'),
      unplug: async () => binding.unplug('keypads'),
      replug: async () => binding.replug('keypads', { path: '/dev/ttyUSB1', accessDenied: 2 }),
      async dispose() {
        device.detach();
        await keypads!.close();
      },
    };
  },
});

// (c) createKeypads by path, serialport's real bindings over a socat pty pair, the
// simulated keypads on the far pty.
const noSocat = socatMissingReason();
describeKeypadContract({
  name: 'serial (createKeypads by path) over a socat pty pair',
  skipReason: noSocat,
  inspect: true,
  unplug: true,
  settleMs: 6000,
  async create() {
    const pty = await openPtyDevice({ baudRate: 9600 });
    const device = new SimulatedKeypads(pty.end);
    const { keypads, transport } = createKeypads({ driver: 'serial', serial: { path: pty.hostPath, writeTimeoutMs: 15_000, reconnect: { initialMs: 20, maxMs: 150 } } });
    await linkUp(transport, 5000);
    return {
      keypads: keypads!,
      device,
      send: (bytes) => pty.end.write(bytes),
      ...ptyRigControls(pty, device, keypads!),
    };
  },
});

// (d) Real hardware, when HW_KEYPAD_PORT names the keypads' line (/dev/ttyUSB0, COM4);
// HW_KEYPAD_BAUD (default 9600), HW_KEYPAD_ADDRESS a keypad on it (default 3). Nobody
// presses keys in CI: this checks that the port opens and that display writes go out.
const hwPort = process.env.HW_KEYPAD_PORT;
describeKeypadContract({
  name: `real hardware (HW_KEYPAD_PORT=${hwPort ?? ''})`,
  skipReason: hwPort ? undefined : 'HW_KEYPAD_PORT is not set (e.g. HW_KEYPAD_PORT=/dev/ttyUSB0 HW_KEYPAD_ADDRESS=3 to run against real keypads)',
  inspect: false,
  unplug: false,
  address: Number(process.env.HW_KEYPAD_ADDRESS ?? 3),
  settleMs: 10_000,
  async create() {
    const baud = process.env.HW_KEYPAD_BAUD ? { baudRate: Number(process.env.HW_KEYPAD_BAUD) } : {};
    const { keypads, transport } = createKeypads({ driver: 'serial', serial: { path: hwPort ?? '', ...baud } });
    await linkUp(transport, 10_000);
    return { keypads: keypads!, dispose: () => keypads!.close() };
  },
});
