import { existsSync } from 'node:fs';
import { afterEach } from 'vitest';
import { createPrinter, type PrinterConfig } from '../../../hardware/printer/index';
import { hostSimulatedPrinterOnSerial } from '../../../hardware/printer/sim-host';
import { createSimulatedPrinter, SimulatedPrinterDevice } from '../../../hardware/printer/simulated';
import type { ByteTransport } from '../../../hardware/transports/types';
import { MockBinding, PluggableBinding } from '../support/pluggable-binding';
import { socatMissingReason, SocatCable } from '../support/socat';
import { until } from '../support/wait';
import { describeTicketPrinterContract } from './contract';

async function linkUp(transport: ByteTransport | undefined, ms: number): Promise<void> {
  await until(() => transport?.state === 'open', ms, 'printer link open');
}

// (a) The simulator: the real driver over a memory link to the simulated device.
describeTicketPrinterContract({
  name: 'simulator (createSimulatedPrinter)',
  inspect: true,
  faults: true,
  unplug: true,
  async create({ pollIntervalMs }) {
    const { printer, device, link } = createSimulatedPrinter({ driver: { pollIntervalMs, statusTimeoutMs: 100 }, writeTimeoutMs: 5000 });
    const wire: number[] = [];
    link.b.onData((b) => wire.push(...b));
    return {
      printer,
      receipts: () => device.receipts,
      wire: () => Uint8Array.from(wire),
      setFault: (f) => device.setFault(f),
      unplug: async () => device.setFault('unplugged'),
      replug: async () => device.setFault(null),
      dispose: () => printer.close(),
    };
  },
});

// (b) The ESC/POS driver over serialport with @serialport/binding-mock: a USB-serial
// printer found by vendor/product id, that comes back under another name after a
// replug and refuses the first two opens ("Access denied").
afterEach(() => MockBinding.reset());
describeTicketPrinterContract({
  name: 'escpos-serial over @serialport/binding-mock',
  inspect: true,
  faults: true,
  unplug: true,
  async create({ pollIntervalMs }) {
    const binding = new PluggableBinding();
    binding.addDevice('printer', { path: '/dev/ttyUSB0', vendorId: '0fe6', productId: '811e', serialNumber: 'KIOSK-1' });
    // The mock "printer": the real parser and status bits behind the mock port's emitData.
    const device = new SimulatedPrinterDevice(binding.deviceEnd('printer'));
    const config: PrinterConfig = {
      driver: 'escpos-serial',
      vendorId: '0FE6',
      productId: '811E',
      baudRate: 9600,
      pollIntervalMs,
      statusTimeoutMs: 150,
      writeTimeoutMs: 5000,
      reconnect: { initialMs: 10, maxMs: 80 },
    };
    const { printer, transport } = createPrinter(config, { serialBinding: binding });
    await linkUp(transport, 2000);
    return {
      printer,
      receipts: () => device.receipts,
      wire: () => binding.wire('printer'),
      setFault: (f) => device.setFault(f),
      unplug: async () => binding.unplug('printer'),
      replug: async () => binding.replug('printer', { path: '/dev/ttyUSB1', accessDenied: 2 }),
      async dispose() {
        await printer.close();
        device.detach();
      },
    };
  },
});

// (c) The ESC/POS driver over a real pty pair (socat), the simulator on the other
// end through sim-host: the serial driver and serialport's real bindings, byte for byte.
const noSocat = socatMissingReason();
describeTicketPrinterContract({
  name: 'escpos-serial over a socat pty pair, simulator via sim-host',
  skipReason: noSocat,
  inspect: true,
  faults: true,
  unplug: true,
  settleMs: 6000,
  async create({ pollIntervalMs }) {
    const cable = new SocatCable();
    await cable.plug();
    const host = hostSimulatedPrinterOnSerial({ path: cable.printerPath, baudRate: 9600, backoff: { initialMs: 20, maxMs: 100 } });
    const wire: number[] = [];
    host.transport.onData((b) => wire.push(...b));
    await until(() => existsSync(cable.hostPath), 5000, 'socat host pty');
    const { printer, transport } = createPrinter({
      driver: 'escpos-serial',
      path: cable.hostPath,
      baudRate: 9600,
      pollIntervalMs,
      statusTimeoutMs: 300,
      writeTimeoutMs: 15_000,
      reconnect: { initialMs: 20, maxMs: 150 },
    });
    await linkUp(transport, 5000);
    return {
      printer,
      receipts: () => host.device.receipts,
      wire: () => Uint8Array.from(wire),
      setFault: (f) => host.device.setFault(f),
      unplug: () => cable.unplug(),
      replug: () => cable.plug(),
      async dispose() {
        await printer.close();
        await host.close();
        await cable.dispose();
      },
    };
  },
});

// (d) Real hardware, when HW_PRINTER_PORT names it: /dev/ttyUSB0 or COM3 (serial,
// HW_PRINTER_BAUD default 9600), /dev/usb/lp0 (USB; HW_PRINTER_BIDIRECTIONAL=1 if it
// answers status), or tcp://192.168.1.50:9100. Prints real tickets.
const hwPort = process.env.HW_PRINTER_PORT;
function hardwareConfig(port: string, pollIntervalMs: number): PrinterConfig {
  const encoding = process.env.HW_PRINTER_ENCODING === 'gb18030' || process.env.HW_PRINTER_ENCODING === 'raster' ? process.env.HW_PRINTER_ENCODING : 'big5';
  const common = { encoding, pollIntervalMs, statusTimeoutMs: 500 } as const;
  const tcp = /^tcp:\/\/([^:/]+)(?::(\d+))?/.exec(port);
  if (tcp?.[1]) return { driver: 'escpos-tcp', host: tcp[1], ...(tcp[2] ? { port: Number(tcp[2]) } : {}), ...common };
  if (port.startsWith('/dev/usb/lp')) return { driver: 'escpos-usb', devicePath: port, bidirectional: process.env.HW_PRINTER_BIDIRECTIONAL === '1', ...common };
  return { driver: 'escpos-serial', path: port, baudRate: Number(process.env.HW_PRINTER_BAUD ?? 9600), ...common };
}
describeTicketPrinterContract({
  name: `real hardware (HW_PRINTER_PORT=${hwPort ?? ''})`,
  skipReason: hwPort ? undefined : 'HW_PRINTER_PORT is not set (e.g. HW_PRINTER_PORT=/dev/ttyUSB0 or tcp://10.0.0.9:9100 to run against a real printer)',
  inspect: false,
  faults: false,
  unplug: false,
  readable: !(hwPort?.startsWith('/dev/usb/lp') && process.env.HW_PRINTER_BIDIRECTIONAL !== '1'),
  settleMs: 10_000,
  async create({ pollIntervalMs }) {
    const { printer, transport } = createPrinter(hardwareConfig(hwPort ?? '', pollIntervalMs));
    await linkUp(transport, 10_000);
    return { printer, dispose: () => printer.close() };
  },
});
