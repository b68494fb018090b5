import { describe, expect, it } from 'vitest';
import { decodeStatusReplies, EscPosPrinter } from '../../../../hardware/printer/drivers/escpos';
import { encodeReceipt } from '../../../../hardware/printer/escpos/encoder';
import { PRINTER_DEFAULTS } from '../../../../hardware/printer/index';
import { SimulatedPrinterDevice, type SimulatedFault } from '../../../../hardware/printer/simulated';
import type { PrinterStatus } from '../../../../hardware/printer/types';
import { createMemoryPair, type MemoryEnd } from '../../../../hardware/transports/memory';
import { hex, sampleTicket } from '../fixtures';

/** A scripted printer end: records what it hears, answers DLE EOT n with replies[n]. */
function scriptedDevice(end: MemoryEnd, replies: Partial<Record<number, number[]>>) {
  const heard: number[] = [];
  end.onData((bytes) => {
    heard.push(...bytes);
    // The driver waits for each reply before the next query, so a query is always the newest 3 bytes.
    const n = heard.length >= 3 && heard[heard.length - 3] === 0x10 && heard[heard.length - 2] === 0x04 ? heard[heard.length - 1] : undefined;
    const reply = n !== undefined ? replies[n] : undefined;
    if (reply) void end.write(Uint8Array.from(reply));
  });
  return heard;
}

async function until(check: () => boolean, ms = 1000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('EscPosPrinter: printing', () => {
  it('writes the encoder bytes and resolves with their count', async () => {
    const link = createMemoryPair();
    const received: number[] = [];
    link.b.onData((b) => received.push(...b));
    const printer = new EscPosPrinter(link.a);
    const result = await printer.print(sampleTicket);
    await until(() => received.length === 3 + result.bytes);
    // GS a 0E first: Automatic Status Back (online, error, paper), asked for as soon as the link is up.
    expect(hex(received)).toBe(`1D 61 0E ${hex(encodeReceipt(sampleTicket).bytes)}`);
    expect(result).toEqual({ bytes: 315 });
    await printer.close();
  });

  it('passes encoder warnings on to the caller', async () => {
    const link = createMemoryPair();
    const printer = new EscPosPrinter(link.a);
    const result = await printer.print({ blocks: [{ kind: 'text', text: '游錫堃' }] });
    expect(result.warnings?.map((w) => w.char)).toEqual(['堃']);
    await printer.close();
  });

  it('rejects when the link is down', async () => {
    const link = createMemoryPair();
    const printer = new EscPosPrinter(link.a);
    link.disconnect();
    await expect(printer.print(sampleTicket)).rejects.toThrow(/disconnected/);
    await printer.close();
  });
});

describe('EscPosPrinter: status queries', () => {
  it('asks DLE EOT 1, 2, 4 and reads a healthy printer as ready', async () => {
    const link = createMemoryPair();
    const heard = scriptedDevice(link.b, { 1: [0x12], 2: [0x12], 4: [0x12] });
    const printer = new EscPosPrinter(link.a);
    expect(await printer.status()).toEqual({ state: 'ready', statusReadable: true, link: 'open' });
    expect(hex(heard)).toBe('1D 61 0E 10 04 01 10 04 02 10 04 04');
    await printer.close();
  });

  it('asks DLE EOT 3 only when n=2 reports an error, and finds the cutter', async () => {
    const link = createMemoryPair();
    const heard = scriptedDevice(link.b, { 1: [0x1a], 2: [0x52], 3: [0x1a], 4: [0x12] });
    const printer = new EscPosPrinter(link.a);
    expect((await printer.status()).state).toBe('cutter-error');
    expect(hex(heard)).toBe('1D 61 0E 10 04 01 10 04 02 10 04 04 10 04 03');
    await printer.close();
  });

  it('does not take ASB blocks or XON/XOFF for status replies', async () => {
    const link = createMemoryPair();
    // Before the n=1 reply the printer volunteers an ASB block (10 00 0C 00), XOFF and XON.
    scriptedDevice(link.b, { 1: [0x10, 0x00, 0x0c, 0x00, 0x13, 0x11, 0x12], 2: [0x12], 4: [0x1e] });
    const printer = new EscPosPrinter(link.a);
    expect((await printer.status()).state).toBe('paper-near-end');
    await printer.close();
  });

  it('calls a printer that does not answer offline after the timeout', async () => {
    const link = createMemoryPair();
    const heard = scriptedDevice(link.b, {});
    const printer = new EscPosPrinter(link.a, { statusTimeoutMs: 30 });
    const started = Date.now();
    const status = await printer.status();
    expect(status).toEqual({ state: 'offline', statusReadable: true, link: 'open', detail: 'no reply to DLE EOT 1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(hex(heard)).toBe('1D 61 0E 10 04 01');
    await printer.close();
  });

  it('without options waits the same silence as PRINTER_DEFAULTS, the one source of the figure', async () => {
    const link = createMemoryPair();
    scriptedDevice(link.b, {});
    const printer = new EscPosPrinter(link.a);
    const started = performance.now();
    expect((await printer.status()).state).toBe('offline');
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(PRINTER_DEFAULTS.statusTimeoutMs - 5);
    // Generous: only shows the default is not some other figure (the old 1000 ms).
    expect(took).toBeLessThan(PRINTER_DEFAULTS.statusTimeoutMs + 400);
    await printer.close();
  });

  it('reports unknown, unreadable status over a one-way link and still prints', async () => {
    const link = createMemoryPair({ aCanRead: false });
    const received: number[] = [];
    link.b.onData((b) => received.push(...b));
    scriptedDevice(link.b, { 1: [0x12], 2: [0x12], 4: [0x12] });
    const printer = new EscPosPrinter(link.a);
    const status = await printer.status();
    expect(status.state).toBe('unknown');
    expect(status.statusReadable).toBe(false);
    expect(received).toEqual([]); // it does not even ask
    const { bytes } = await printer.print({ blocks: [{ kind: 'text', text: 'A' }] });
    await until(() => received.length === bytes);
    expect(hex(received)).toBe('1B 40 1C 2E 41 0A');
    await printer.close();
  });
});

describe('decodeStatusReplies', () => {
  const cases: Array<[string, Parameters<typeof decodeStatusReplies>[0], PrinterStatus['state']]> = [
    ['healthy idle', { printer: 0x12, offlineCause: 0x12, paper: 0x12 }, 'ready'],
    ['paper near end (bits 2–3)', { printer: 0x12, offlineCause: 0x12, paper: 0x1e }, 'paper-near-end'],
    ['paper end (bits 5–6 of n=4)', { printer: 0x1a, offlineCause: 0x12, paper: 0x72 }, 'paper-end'],
    ['stopped at paper end (bit 5 of n=2)', { printer: 0x1a, offlineCause: 0x32, paper: 0x1e }, 'paper-end'],
    ['cover open (bit 2 of n=2)', { printer: 0x1a, offlineCause: 0x16, paper: 0x12 }, 'cover-open'],
    ['cutter (bit 3 of n=3)', { printer: 0x1a, offlineCause: 0x52, errorCause: 0x1a, paper: 0x12 }, 'cutter-error'],
    ['unrecoverable error', { printer: 0x1a, offlineCause: 0x52, errorCause: 0x32, paper: 0x12 }, 'offline'],
    ['offline without a cause', { printer: 0x1a, offlineCause: 0x12, paper: 0x12 }, 'offline'],
  ];
  it.each(cases)('%s', (_name, replies, state) => {
    expect(decodeStatusReplies(replies).state).toBe(state);
  });

  it('says which error when the cause is not the cutter', () => {
    expect(decodeStatusReplies({ printer: 0x1a, offlineCause: 0x52, errorCause: 0x32, paper: 0x12 }).detail).toBe('printer error (unrecoverable)');
  });
});

describe('EscPosPrinter against the simulated device', () => {
  const faults: Array<[SimulatedFault | null, PrinterStatus['state']]> = [
    [null, 'ready'],
    ['paper-near-end', 'paper-near-end'],
    ['paper-end', 'paper-end'],
    ['cover-open', 'cover-open'],
    ['cutter-error', 'cutter-error'],
    ['offline', 'offline'],
  ];
  it.each(faults)('fault %s reads as %s', async (fault, state) => {
    const link = createMemoryPair();
    const device = new SimulatedPrinterDevice(link.b);
    device.setFault(fault);
    const printer = new EscPosPrinter(link.a, { statusTimeoutMs: 40 });
    expect((await printer.status()).state).toBe(state);
    await printer.close();
  });

  it('polls and emits onStatus only when the status changes', async () => {
    const link = createMemoryPair();
    const device = new SimulatedPrinterDevice(link.b);
    const printer = new EscPosPrinter(link.a, { pollIntervalMs: 10, statusTimeoutMs: 40 });
    const seen: string[] = [];
    printer.onStatus((s) => seen.push(s.state));
    await until(() => seen.length === 1);
    device.setFault('paper-near-end');
    await until(() => seen.length === 2);
    device.setFault('paper-end');
    await until(() => seen.length === 3);
    device.setFault(null);
    await until(() => seen.length === 4);
    await new Promise((r) => setTimeout(r, 60)); // several more polls, no change
    expect(seen).toEqual(['ready', 'paper-near-end', 'paper-end', 'ready']);
    expect(device.stats.statusAnswers).toBeGreaterThan(12);
    await printer.close();
  });

  it('emits offline as soon as the link drops, and ready again once it is back', async () => {
    const link = createMemoryPair();
    new SimulatedPrinterDevice(link.b);
    const printer = new EscPosPrinter(link.a);
    const seen: PrinterStatus[] = [];
    printer.onStatus((s) => seen.push(s));
    await printer.status();
    link.disconnect();
    expect(seen.at(-1)).toEqual({ state: 'offline', statusReadable: true, link: 'disconnected', detail: 'transport disconnected' });
    link.reconnect();
    await until(() => seen.at(-1)?.state === 'ready');
    expect(seen.map((s) => s.state)).toEqual(['ready', 'offline', 'ready']);
    await printer.close();
  });
});
