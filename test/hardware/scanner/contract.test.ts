import { afterEach } from 'vitest';
import { createScanner } from '../../../hardware/scanner/index';
import { createSimulatedScanner, SimulatedScanner } from '../../../hardware/scanner/simulated';
import { SerialTransport } from '../../../hardware/transports/serial';
import type { ByteTransport } from '../../../hardware/transports/types';
import { MockBinding, PluggableBinding } from '../support/pluggable-binding';
import { openPtyDevice } from '../support/pty-device';
import { socatMissingReason } from '../support/socat';
import { until } from '../support/wait';
import { describeScannerContract, type ScannerSetup } from './contract';

/**
 * The contract's scans are slowed down on purpose (one read per piece); no
 * quiet-time flush may cut one on a busy machine. A real scanner sends a code
 * in milliseconds, so the default 200 ms is right in the field.
 */
const IDLE_FLUSH_MS = 2000;

async function linkUp(transport: ByteTransport | undefined, ms: number): Promise<void> {
  await until(() => transport?.state === 'open', ms, 'scanner link open');
}

const decode = (setup: ScannerSetup) => ({ encoding: setup.encoding, idleFlushMs: IDLE_FLUSH_MS, ...(setup.maxScanBytes !== undefined ? { maxScanBytes: setup.maxScanBytes } : {}) });

// (a) The simulator: the CDC driver and the simulated scanner on a memory cable, 3-byte reads.
describeScannerContract({
  name: 'simulator (createSimulatedScanner)',
  inspect: true,
  unplug: true,
  async create(setup) {
    const { scanner, device } = createSimulatedScanner({ ...decode(setup), maxChunk: 3 });
    return {
      scanner,
      device,
      unplug: async () => device.unplug(),
      replug: async () => device.replug(),
      dispose: () => scanner.close(),
    };
  },
});

// (b) createScanner by USB ids over serialport with @serialport/binding-mock: the
// scanner's virtual COM port comes back as ttyACM1 and refuses the first two opens.
afterEach(() => MockBinding.reset());
describeScannerContract({
  name: 'cdc-serial by USB ids over @serialport/binding-mock',
  inspect: true,
  unplug: true,
  renamedOnReplug: ['/dev/ttyACM0', '/dev/ttyACM1'],
  async create(setup) {
    const binding = new PluggableBinding();
    binding.addDevice('scanner', { path: '/dev/ttyACM0', vendorId: '05e0', productId: '1200', serialNumber: 'KIOSK-SCAN-1' });
    const device = new SimulatedScanner(binding.deviceEnd('scanner'), { encoding: setup.encoding });
    const { scanner, transport } = createScanner(
      { driver: 'cdc-serial', vendorId: '05E0', productId: '1200', reconnect: { initialMs: 10, maxMs: 80 }, ...decode(setup) },
      { serialBinding: binding },
    );
    await linkUp(transport, 2000);
    return {
      scanner: scanner!,
      device,
      portPath: () => (transport instanceof SerialTransport ? transport.path : undefined),
      unplug: async () => binding.unplug('scanner'),
      replug: async () => binding.replug('scanner', { path: '/dev/ttyACM1', accessDenied: 2 }),
      dispose: () => scanner!.close(),
    };
  },
});

// (c) createScanner by path, serialport's real bindings over a socat pty pair, the
// simulated scanner on the far pty.
const noSocat = socatMissingReason();
describeScannerContract({
  name: 'cdc-serial by path over a socat pty pair',
  skipReason: noSocat,
  inspect: true,
  unplug: true,
  settleMs: 6000,
  async create(setup) {
    const pty = await openPtyDevice({ baudRate: 9600 });
    const device = new SimulatedScanner(pty.end, { encoding: setup.encoding });
    const { scanner, transport } = createScanner({ driver: 'cdc-serial', path: pty.hostPath, reconnect: { initialMs: 20, maxMs: 150 }, ...decode(setup) });
    await linkUp(transport, 5000);
    return {
      scanner: scanner!,
      device,
      unplug: () => pty.unplug(),
      replug: () => pty.replug(),
      async dispose() {
        await scanner!.close();
        await pty.dispose();
      },
    };
  },
});

// (d) Real hardware, when HW_SCANNER_PORT names the scanner's port (/dev/ttyACM0, COM5);
// HW_SCANNER_ENCODING=big5 for older scanners. With HW_SCANNER_EXPECT=<a code's text>
// it waits (HW_SCANNER_WAIT_MS, default 30 s) for someone to scan that code.
const hwPort = process.env.HW_SCANNER_PORT;
const expectText = process.env.HW_SCANNER_EXPECT;
describeScannerContract({
  name: `real hardware (HW_SCANNER_PORT=${hwPort ?? ''})`,
  skipReason: hwPort ? undefined : 'HW_SCANNER_PORT is not set (e.g. HW_SCANNER_PORT=/dev/ttyACM0 HW_SCANNER_EXPECT=A012 to run against a real scanner)',
  inspect: false,
  unplug: false,
  humanScan: expectText ? { text: expectText, withinMs: Number(process.env.HW_SCANNER_WAIT_MS ?? 30_000) } : undefined,
  settleMs: 10_000,
  async create() {
    const { scanner, transport } = createScanner({ driver: 'cdc-serial', path: hwPort ?? '', encoding: process.env.HW_SCANNER_ENCODING === 'big5' ? 'big5' : 'utf-8' });
    await linkUp(transport, 10_000);
    return { scanner: scanner!, dispose: () => scanner!.close() };
  },
});
