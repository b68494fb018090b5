/**
 * Runs the simulated ticket printer on the far end of any byte transport, in
 * particular a real serial port, so the real driver on a kiosk PC (or in a
 * test, over a socat pty pair) talks to it byte for byte as to a printer.
 *
 *     node --import tsx hardware/printer/sim-host.ts /dev/pts/7 [baudRate] [big5|gb18030|raster]
 *
 * prints each received ticket to stdout.
 */
import { pathToFileURL } from 'node:url';
import { SerialTransport, type SerialTransportOptions } from '../transports/serial';
import type { ByteTransport } from '../transports/types';
import { SimulatedPrinterDevice, type SimulatedPrinterDeviceOptions } from './simulated';

export interface SimHost {
  device: SimulatedPrinterDevice;
  transport: ByteTransport;
  /** Detaches the device and closes the transport. */
  close(): Promise<void>;
}

/**
 * The device answers DLE EOT and sends ASB over `transport` exactly as over
 * the simulator's memory link. Without a `cable` option, fault 'unplugged'
 * makes it deaf and mute (a real port cannot be unplugged from this side);
 * tests pull the real cable instead (kill socat).
 */
export function hostSimulatedPrinter(transport: ByteTransport, options: SimulatedPrinterDeviceOptions = {}): SimHost {
  const device = new SimulatedPrinterDevice(transport, options);
  return {
    device,
    transport,
    async close() {
      device.detach();
      await transport.close();
    },
  };
}

/** The simulated printer behind a serial port (a pty, a null-modem cable, a USB-serial adapter). */
export function hostSimulatedPrinterOnSerial(port: SerialTransportOptions, options: SimulatedPrinterDeviceOptions = {}): SimHost {
  return hostSimulatedPrinter(new SerialTransport(port), options);
}

function describeItem(item: SimulatedPrinterDevice['receipts'][number]['items'][number]): string {
  switch (item.kind) {
    case 'text':
      return `${item.align.padEnd(6)} ${item.width}×${item.height}${item.bold ? ' bold' : ''}  ${item.text}`;
    case 'qr':
      return `${item.align.padEnd(6)} QR ${item.payload}`;
    case 'image':
      return `${item.align.padEnd(6)} image ${item.widthDots}×${item.heightDots} dots`;
  }
}

async function main(argv: string[]): Promise<void> {
  const [path, baud, encoding] = argv;
  if (!path) {
    console.error('usage: sim-host <serial port> [baudRate] [big5|gb18030|raster]');
    process.exit(2);
  }
  const host = hostSimulatedPrinterOnSerial(
    { path, baudRate: baud ? Number(baud) : 9600, backoff: { maxMs: 1000 } },
    encoding === 'big5' || encoding === 'gb18030' || encoding === 'raster' ? { encoding } : {},
  );
  host.transport.onState((state, error) => console.log(`[sim-host] ${path} ${state}${error ? ` (${error.message})` : ''}`));
  host.device.onReceipt((r) => {
    console.log(`[sim-host] receipt ${r.id}, ${r.bytes} bytes, ${r.cut} cut`);
    for (const item of r.items) console.log(`  ${describeItem(item)}`);
  });
  process.on('SIGINT', () => void host.close().then(() => process.exit(0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main(process.argv.slice(2));
