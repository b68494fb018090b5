import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../hardware/printer/escpos/encoder';
import { EscPosParser, type ParsedReceipt } from '../../../hardware/printer/escpos/parser';
import { createPrinter, PRINTER_DEFAULTS } from '../../../hardware/printer/index';
import { SimulatedPrinterDevice, statusReplyFor } from '../../../hardware/printer/simulated';
import { createMemoryPair } from '../../../hardware/transports/memory';
import { MockBinding, PluggableBinding } from '../support/pluggable-binding';
import { hex, sampleTicket, sampleTicketItems } from './fixtures';

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('createPrinter', () => {
  it("'escpos' drives a printer on a transport built elsewhere, like every other device's factory", async () => {
    const pair = createMemoryPair();
    const device = new SimulatedPrinterDevice(pair.b);
    const { printer, transport } = createPrinter({ driver: 'escpos', transport: pair.a, pollIntervalMs: 0 });
    expect(transport).toBe(pair.a);
    await printer.print(sampleTicket);
    await until(() => device.receipts.length === 1);
    expect(device.receipts[0]?.items).toEqual(sampleTicketItems);
    device.setFault('paper-end');
    expect((await printer.status()).state).toBe('paper-end');
    await printer.close();
  });

  it("'simulated' gives the real driver and the device it prints on", async () => {
    const { printer, simulator } = createPrinter({ driver: 'simulated', pollIntervalMs: 0 }, { clock: { now: () => 1_800_000_000_000 } });
    expect(simulator).toBeDefined();
    await printer.print(sampleTicket);
    await until(() => simulator?.receipts.length === 1);
    expect(simulator?.receipts[0]?.items).toEqual(sampleTicketItems);
    expect(simulator?.receipts[0]?.receivedAt).toBe(1_800_000_000_000);
    simulator?.setFault('paper-near-end');
    expect((await printer.status()).state).toBe('paper-near-end');
    await printer.close();
  });

  it("'simulated' with GB18030 reads back Chinese sent in GB18030", async () => {
    const { printer, simulator } = createPrinter({ driver: 'simulated', encoding: 'gb18030', pollIntervalMs: 0 });
    await printer.print({ blocks: [{ kind: 'text', text: '臺東地檢署' }, { kind: 'cut' }] });
    await until(() => simulator?.receipts.length === 1);
    expect(simulator?.receipts[0]?.items[0]).toMatchObject({ kind: 'text', text: '臺東地檢署' });
    await printer.close();
  });

  it("'escpos-tcp' prints to port 9100-style socket and reads status from it", async () => {
    // A minimal network printer: parses what it gets and answers DLE EOT as healthy.
    const receipts: ParsedReceipt[] = [];
    const raw: number[] = [];
    const server = net.createServer((socket) => {
      const parser = new EscPosParser({
        onReceipt: (r) => receipts.push(r),
        onStatusQuery: (n) => socket.write(Uint8Array.of(statusReplyFor(null, n) ?? 0)),
      });
      socket.on('data', (b) => {
        raw.push(...b);
        parser.push(b);
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = server.address();
    const port = address && typeof address === 'object' ? address.port : 0;

    const { printer, simulator } = createPrinter({ driver: 'escpos-tcp', host: '127.0.0.1', port, pollIntervalMs: 0 });
    expect(simulator).toBeUndefined();
    expect(printer.id).toBe(`escpos-tcp:127.0.0.1:${port}`);
    const result = await printer.print(sampleTicket);
    await until(() => receipts.length === 1);
    expect(receipts[0]?.items).toEqual(sampleTicketItems);
    // On connect the driver asks for status at once; the ticket follows as one unbroken write.
    expect(hex(raw)).toContain(hex(encodeReceipt(sampleTicket).bytes));
    expect(result.bytes).toBe(315);
    expect(await printer.status()).toEqual({ state: 'ready', statusReadable: true, link: 'open' });
    await printer.close();
    await new Promise<void>((r) => server.close(() => r()));
  });
});

describe('createPrinter: serial, USB and raster', () => {
  afterEach(() => MockBinding.reset());

  it('polls every 400 ms with 300 ms of silence allowed unless told otherwise, so a silent printer shows within a second', () => {
    expect(PRINTER_DEFAULTS).toEqual({ pollIntervalMs: 400, statusTimeoutMs: 300, baudRate: 9600, tcpPort: 9100 });
    expect(PRINTER_DEFAULTS.pollIntervalMs + PRINTER_DEFAULTS.statusTimeoutMs).toBeLessThanOrEqual(700);
  });

  it("'escpos-serial' finds the port by USB id, maps flowControl, prints and reads status", async () => {
    const binding = new PluggableBinding();
    binding.addDevice('p', { path: '/dev/ttyACM0', vendorId: '0483', productId: '5743', serialNumber: 'S1' });
    const device = new SimulatedPrinterDevice(binding.deviceEnd('p'));
    const { printer, transport, simulator } = createPrinter(
      { driver: 'escpos-serial', vendorId: '0483', productId: '5743', serialNumber: 'S1', flowControl: 'xonxoff', pollIntervalMs: 0 },
      { serialBinding: binding },
    );
    expect(simulator).toBeUndefined();
    expect(printer.id).toBe('escpos-serial:0483:5743:S1');
    expect(await printer.print(sampleTicket)).toEqual({ bytes: 315 });
    expect(binding.openOptions('p')).toMatchObject({ path: '/dev/ttyACM0', baudRate: 9600, rtscts: false, xon: true, xoff: true });
    await until(() => device.receipts.length === 1);
    expect(device.receipts[0]?.items).toEqual(sampleTicketItems);
    expect(await printer.status()).toEqual({ state: 'ready', statusReadable: true, link: 'open' });
    expect(transport?.state).toBe('open');
    await printer.close();
    expect(transport?.state).toBe('closed');
  });

  it("'escpos-serial' by path, with RTS/CTS", async () => {
    const binding = new PluggableBinding();
    binding.addDevice('p', { path: '/dev/ttyS0', vendorId: '0', productId: '0', serialNumber: 'x' });
    const { printer, transport } = createPrinter({ driver: 'escpos-serial', path: '/dev/ttyS0', baudRate: 38400, flowControl: 'rtscts', pollIntervalMs: 0 }, { serialBinding: binding });
    expect(printer.id).toBe('escpos-serial:/dev/ttyS0');
    await until(() => transport?.state === 'open');
    expect(binding.openOptions('p')).toMatchObject({ baudRate: 38400, rtscts: true, xon: false });
    await printer.close();
  });

  it('refuses a serial or USB printer with nothing to find it by', () => {
    expect(() => createPrinter({ driver: 'escpos-serial' })).toThrow(/needs a path/);
    expect(() => createPrinter({ driver: 'escpos-usb' })).toThrow(/needs a devicePath/);
  });

  it("'escpos-usb' writes the ticket to the device node, one-way by default", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lobby-lp-'));
    const node = join(dir, 'lp0');
    writeFileSync(node, '');
    try {
      const { printer, transport } = createPrinter({ driver: 'escpos-usb', devicePath: node, pollIntervalMs: 0 });
      expect(printer.id).toBe(`escpos-usb:${node}`);
      expect(transport?.canRead).toBe(false);
      expect(await printer.print(sampleTicket)).toEqual({ bytes: 315 });
      // Exactly the ticket: no GS a and no DLE EOT over a link that cannot answer.
      expect(hex(readFileSync(node))).toBe(hex(encodeReceipt(sampleTicket).bytes));
      expect(await printer.status()).toEqual({ state: 'unknown', statusReadable: false, link: 'open', detail: 'one-way transport: status cannot be read' });
      await printer.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("'simulated' with encoding 'raster' prints Chinese lines as images on a printer without a Chinese font", async () => {
    const { printer, simulator } = createPrinter({ driver: 'simulated', encoding: 'raster', pollIntervalMs: 0 });
    const result = await printer.print(sampleTicket);
    expect(result.warnings).toBeUndefined();
    await until(() => simulator?.receipts.length === 1, 3000);
    const kinds = simulator?.receipts[0]?.items.map((i) => i.kind);
    expect(kinds).toEqual(['image', 'image', 'text', 'text', 'image', 'image', 'qr', 'image', 'text']);
    await printer.close();
  });

  it('rasterFallback: false keeps the placeholder', async () => {
    const { printer, simulator } = createPrinter({ driver: 'simulated', rasterFallback: false, pollIntervalMs: 0 });
    const result = await printer.print({ blocks: [{ kind: 'text', text: '游錫堃' }, { kind: 'cut' }] });
    expect(result.warnings?.map((w) => [w.code, w.char])).toEqual([['unencodable-char', '堃']]);
    await until(() => simulator?.receipts.length === 1);
    expect(simulator?.receipts[0]?.items[0]).toMatchObject({ kind: 'text', text: '游錫○' });
    await printer.close();
  });
});

