import { afterEach } from 'vitest';
import { createCounterDisplays, displaysOn } from '../../../hardware/counter-display/index';
import { SimulatedCounterDisplays, type DisplayProtocol } from '../../../hardware/counter-display/simulated';
import { DEFAULT_FRAME, type FrameFormat } from '../../../hardware/counter-display/types';
import { createMemoryPair } from '../../../hardware/transports/memory';
import type { ByteTransport } from '../../../hardware/transports/types';
import { MockBinding, PluggableBinding } from '../support/pluggable-binding';
import { openPtyDevice, ptyRigControls } from '../support/pty-device';
import { socatMissingReason } from '../support/socat';
import { until } from '../support/wait';
import { describeCounterDisplayContract } from './contract';

const FRAMED: DisplayProtocol = { kind: 'framed', format: DEFAULT_FRAME };
const MODBUS: DisplayProtocol = { kind: 'modbus-rtu', registers: 4 };
/** Another vendor's framing: two start bytes, a binary address, an 8-bit sum, five digits. */
const VENDOR: DisplayProtocol = { kind: 'framed', format: { start: [0xaa, 0x55], end: [0x0d], address: 'byte', checksum: 'sum8', width: 5 } };

async function linkUp(transport: ByteTransport | undefined, ms: number): Promise<void> {
  await until(() => transport?.state === 'open', ms, 'display bus open');
}

afterEach(() => MockBinding.reset());
const noSocat = socatMissingReason();

for (const protocol of [FRAMED, MODBUS, VENDOR]) {
  // (a) The simulator: the driver and the simulated displays on a memory pair, 5-byte reads.
  describeCounterDisplayContract({
    name: 'simulator (SimulatedCounterDisplays on a memory pair)',
    protocol,
    inspect: true,
    unplug: true,
    async create() {
      const pair = createMemoryPair({ maxChunk: 5, writeTimeoutMs: { a: 5000, b: 0 } });
      const displays = displaysOn(pair.a, protocol);
      const device = new SimulatedCounterDisplays(pair.b, protocol);
      const wire: number[] = [];
      pair.b.onData((b) => wire.push(...b));
      return {
        displays,
        device,
        wire: () => Uint8Array.from(wire),
        unplug: async () => pair.disconnect(new Error('cable pulled')),
        replug: async () => pair.reconnect(),
        async dispose() {
          device.detach();
          await displays!.close();
        },
      };
    },
  });

  // (b) The driver over serialport with @serialport/binding-mock: an RS-485 adapter found
  // by its USB ids, that comes back under another name and refuses the first two opens.
  describeCounterDisplayContract({
    name: 'serial (createCounterDisplays by USB ids) over @serialport/binding-mock',
    protocol,
    inspect: true,
    unplug: true,
    async create() {
      const binding = new PluggableBinding();
      binding.addDevice('displays', { path: '/dev/ttyUSB0', vendorId: '0403', productId: '6001', serialNumber: 'RS485-1' });
      const device = new SimulatedCounterDisplays(binding.deviceEnd('displays'), protocol);
      const { displays, transport } = createCounterDisplays(
        { driver: 'serial', protocol, serial: { vendorId: '0403', productId: '6001', writeTimeoutMs: 5000, reconnect: { initialMs: 10, maxMs: 80 } } },
        { serialBinding: binding },
      );
      await linkUp(transport, 2000);
      return {
        displays: displays!,
        device,
        wire: () => binding.wire('displays'),
        unplug: async () => binding.unplug('displays'),
        replug: async () => binding.replug('displays', { path: '/dev/ttyUSB1', accessDenied: 2 }),
        async dispose() {
          device.detach();
          await displays!.close();
        },
      };
    },
  });

  // (c) The driver and serialport's real bindings over a socat pty pair, the simulated
  // displays on the far pty. The vendor framing adds nothing here that (a) and (b) miss.
  if (protocol === VENDOR) continue;
  describeCounterDisplayContract({
    name: 'serial (createCounterDisplays by path) over a socat pty pair',
    protocol,
    skipReason: noSocat,
    inspect: true,
    unplug: true,
    settleMs: 6000,
    async create() {
      const pty = await openPtyDevice({ baudRate: 9600 });
      const device = new SimulatedCounterDisplays(pty.end, protocol);
      const { displays, transport } = createCounterDisplays({
        driver: 'serial',
        protocol,
        serial: { path: pty.hostPath, writeTimeoutMs: 15_000, reconnect: { initialMs: 20, maxMs: 150 } },
      });
      await linkUp(transport, 5000);
      return {
        displays: displays!,
        device,
        ...ptyRigControls(pty, device, displays!),
      };
    },
  });
}

// (d) Real hardware, when HW_DISPLAY_PORT names the displays' bus (/dev/ttyUSB0, COM6) and
// HW_DISPLAY_PROTOCOL says what they speak: framed (HW_DISPLAY_FRAME, a FrameFormat as
// JSON, default STX aa text XOR ETX) or modbus-rtu (HW_DISPLAY_REGISTERS, default 4).
// HW_DISPLAY_BAUD default 9600; HW_DISPLAY_ADDRESSES default 1,2. Shows real numbers.
const hwPort = process.env.HW_DISPLAY_PORT;
const hwKind = process.env.HW_DISPLAY_PROTOCOL;
const hwProtocol: DisplayProtocol =
  hwKind === 'modbus-rtu'
    ? { kind: 'modbus-rtu', registers: Number(process.env.HW_DISPLAY_REGISTERS ?? 4) }
    : { kind: 'framed', format: process.env.HW_DISPLAY_FRAME ? (JSON.parse(process.env.HW_DISPLAY_FRAME) as FrameFormat) : DEFAULT_FRAME };
describeCounterDisplayContract({
  name: `real hardware (HW_DISPLAY_PORT=${hwPort ?? ''})`,
  protocol: hwProtocol,
  skipReason: !hwPort
    ? 'HW_DISPLAY_PORT is not set (e.g. HW_DISPLAY_PORT=/dev/ttyUSB0 HW_DISPLAY_PROTOCOL=modbus-rtu to run against real displays)'
    : hwKind !== 'framed' && hwKind !== 'modbus-rtu'
      ? `HW_DISPLAY_PROTOCOL must be framed or modbus-rtu (got ${hwKind ?? 'nothing'})`
      : undefined,
  inspect: false,
  unplug: false,
  addresses: (process.env.HW_DISPLAY_ADDRESSES ?? '1,2').split(',').map(Number),
  settleMs: 10_000,
  async create() {
    const baud = process.env.HW_DISPLAY_BAUD ? { baudRate: Number(process.env.HW_DISPLAY_BAUD) } : {};
    const { displays, transport } = createCounterDisplays({ driver: 'serial', protocol: hwProtocol, serial: { path: hwPort ?? '', ...baud } });
    await linkUp(transport, 10_000);
    return { displays: displays!, dispose: () => displays!.close() };
  },
});
