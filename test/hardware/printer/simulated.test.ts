import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../hardware/printer/escpos/encoder';
import { hostSimulatedPrinter } from '../../../hardware/printer/sim-host';
import {
  asbBlockFor,
  createSimulatedPrinter,
  SIMULATED_FAULTS,
  SimulatedPrinterDevice,
  statusReplyFor,
  type SimulatedFault,
  type SimulatedReceipt,
} from '../../../hardware/printer/simulated';
import type { PrinterStatus } from '../../../hardware/printer/types';
import { createMemoryPair } from '../../../hardware/transports/memory';
import { fromHex, hex, sampleTicket, sampleTicketItems } from './fixtures';

async function until(check: () => boolean, ms = 1000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function manualClock(t: number) {
  return { now: () => t, set: (next: number) => (t = next) };
}

describe('statusReplyFor: the bytes a printer sends back', () => {
  const table: Array<[SimulatedFault | null, [number, number, number, number]]> = [
    [null, [0x12, 0x12, 0x12, 0x12]],
    ['paper-near-end', [0x12, 0x12, 0x12, 0x1e]],
    ['paper-end', [0x1a, 0x32, 0x12, 0x7e]],
    ['cover-open', [0x1a, 0x16, 0x12, 0x12]],
    ['cutter-error', [0x3a, 0x52, 0x1a, 0x12]],
  ];
  it.each(table)('%s answers n=1..4 with %j', (fault, expected) => {
    const got = ([1, 2, 3, 4] as const).map((n) => statusReplyFor(fault, n));
    expect(got).toEqual(expected);
    // Every DLE EOT reply matches 0xx1xx10.
    for (const b of got) expect((b ?? 0) & 0x93).toBe(0x12);
  });

  it('answers nothing when offline', () => {
    expect(([1, 2, 3, 4] as const).map((n) => statusReplyFor('offline', n))).toEqual([null, null, null, null]);
  });

  it('builds ASB blocks that match 0xx1xx00 then 0xx0xxxx', () => {
    for (const fault of [null, 'paper-near-end', 'paper-end', 'cover-open', 'cutter-error'] as const) {
      const block = asbBlockFor(fault);
      expect(block).not.toBeNull();
      const [first = 0, ...rest] = Array.from(block ?? []);
      expect(first & 0x93).toBe(0x10);
      for (const b of rest) expect(b & 0x90).toBe(0);
    }
    expect(hex(asbBlockFor('cover-open') ?? [])).toBe('38 00 00 00');
    expect(hex(asbBlockFor('paper-end') ?? [])).toBe('18 00 0F 00');
  });
});

describe('SimulatedPrinterDevice', () => {
  it('keeps each cut as a receipt with an id and the clock time', async () => {
    const link = createMemoryPair();
    const clock = manualClock(Date.UTC(2026, 10, 22, 6, 35));
    const device = new SimulatedPrinterDevice(link.b, { id: 'kiosk-1', clock });
    const seen: SimulatedReceipt[] = [];
    device.onReceipt((r) => seen.push(r));
    const { bytes } = encodeReceipt(sampleTicket);
    await link.a.write(bytes);
    clock.set(Date.UTC(2026, 10, 22, 6, 36));
    await link.a.write(bytes);
    await until(() => seen.length === 2);
    expect(seen.map((r) => [r.id, r.receivedAt])).toEqual([
      ['kiosk-1-1', Date.UTC(2026, 10, 22, 6, 35)],
      ['kiosk-1-2', Date.UTC(2026, 10, 22, 6, 36)],
    ]);
    expect(device.receipts[0]?.items).toEqual(sampleTicketItems);
    expect(device.lastReceipt?.bytes).toBe(bytes.length);
  });

  it('answers DLE EOT with its fault bits over the transport', async () => {
    const link = createMemoryPair();
    const device = new SimulatedPrinterDevice(link.b);
    const answers: number[] = [];
    link.a.onData((b) => answers.push(...b));
    device.setFault('cover-open');
    await link.a.write(fromHex('10 04 01 10 04 02 10 04 03 10 04 04'));
    await until(() => answers.length === 4);
    expect(hex(answers)).toBe('1A 16 12 12');
  });

  it('emits fault changes', () => {
    const device = new SimulatedPrinterDevice(createMemoryPair().b);
    const faults: Array<SimulatedFault | null> = [];
    device.onFault((f) => faults.push(f));
    device.setFault('paper-near-end');
    device.setFault('paper-near-end');
    device.setFault('paper-end');
    device.setFault(null);
    expect(faults).toEqual(['paper-near-end', 'paper-end', null]);
  });

  it('holds tickets cut while out of paper and prints them once paper is back', async () => {
    const link = createMemoryPair();
    const device = new SimulatedPrinterDevice(link.b);
    device.setFault('paper-end');
    await link.a.write(encodeReceipt(sampleTicket).bytes);
    await until(() => device.heldReceipts.length === 1);
    expect(device.receipts).toHaveLength(0);
    device.setFault(null);
    expect(device.receipts).toHaveLength(1);
    expect(device.heldReceipts).toHaveLength(0);
  });

  it('drops what it is sent while switched off and forgets half a command on power-up', async () => {
    const link = createMemoryPair();
    const device = new SimulatedPrinterDevice(link.b);
    const { bytes } = encodeReceipt(sampleTicket);
    await link.a.write(bytes.subarray(0, 100)); // half a ticket, then the power goes
    await until(() => device.stats.bytes === 100);
    device.setFault('offline');
    await link.a.write(bytes.subarray(100));
    device.setFault(null);
    await link.a.write(bytes);
    await until(() => device.receipts.length === 1);
    expect(device.receipts[0]?.items).toEqual(sampleTicketItems);
  });

  it('sends an ASB block when ASB is enabled and on every fault change', async () => {
    const link = createMemoryPair();
    const device = new SimulatedPrinterDevice(link.b);
    const heard: number[] = [];
    link.a.onData((b) => heard.push(...b));
    await link.a.write(fromHex('1D 61 0F'));
    await until(() => heard.length === 4);
    device.setFault('cover-open');
    await until(() => heard.length === 8);
    expect(hex(heard)).toBe('10 00 00 00 38 00 00 00');
  });

  it('reports by ASB only the kinds of change GS a asked for', async () => {
    const link = createMemoryPair();
    const device = new SimulatedPrinterDevice(link.b);
    const heard: number[] = [];
    link.a.onData((b) => heard.push(...b));
    await link.a.write(fromHex('1D 61 08')); // paper sensors only
    await until(() => heard.length === 4);
    device.setFault('cover-open'); // not asked for: no frame
    device.setFault(null);
    device.setFault('paper-near-end');
    await until(() => heard.length === 8);
    await new Promise((r) => setTimeout(r, 10));
    expect(hex(heard)).toBe('10 00 00 00 10 00 03 00');
  });
});

describe('createSimulatedPrinter: the real driver through a memory link', () => {
  it('prints a ticket that the device reads back, even in 7-byte slices', async () => {
    const { printer, device } = createSimulatedPrinter({ maxChunk: 7 });
    const result = await printer.print(sampleTicket);
    await until(() => device.receipts.length === 1);
    expect(device.receipts[0]?.items).toEqual(sampleTicketItems);
    // The printer also consumed GS a 0E (Automatic Status Back on), sent when the driver started.
    expect(device.receipts[0]?.bytes).toBe(result.bytes + 3);
    await printer.close();
  });

  it('shows each injected fault in the driver status', async () => {
    const { printer, device } = createSimulatedPrinter({ driver: { statusTimeoutMs: 40 } });
    const states: string[] = [];
    for (const fault of ['paper-near-end', 'paper-end', 'cover-open', 'cutter-error', 'offline', null] as const) {
      device.setFault(fault);
      states.push((await printer.status()).state);
    }
    expect(states).toEqual(['paper-near-end', 'paper-end', 'cover-open', 'cutter-error', 'offline', 'ready']);
    await printer.close();
  });

  it('never splices a status query into a job in flight, so a long QR arrives intact', async () => {
    const { printer, device, link } = createSimulatedPrinter({ maxChunk: 16 });
    const order: string[] = [];
    device.onReceipt(() => order.push('receipt'));
    // DLE EOT replies only (0xx1xx10); the ASB frame the driver asked for at start is not one.
    link.a.onData((bytes) => bytes.forEach((b) => (b & 0x93) === 0x12 && order.push('reply')));
    const payload = 'https://example.org/'.padEnd(600, 'x');
    const printing = printer.print({ blocks: [{ kind: 'qr', payload }, { kind: 'cut' }] });
    // Asked while the job's 16-byte slices are still on their way: the query
    // bytes queue behind the job (inside the QR data they would be
    // answered, but would also corrupt the payload; see the parser tests).
    const status = await printer.status();
    await printing;
    expect(status.state).toBe('ready');
    expect(device.receipts[0]?.items).toEqual([{ kind: 'qr', payload, moduleSize: 6, errorLevel: 'M', align: 'left' }]);
    expect(order).toEqual(['receipt', 'reply', 'reply', 'reply']);
    await printer.close();
  });
});

describe('simulated device memory over a long run', () => {
  it('keeps only the newest receipts', async () => {
    const { printer, device } = createSimulatedPrinter({ keepReceipts: 3 });
    for (let i = 1; i <= 5; i++) await printer.print({ blocks: [{ kind: 'text', text: `T${i}` }, { kind: 'cut' }] });
    expect(device.receipts.map((r) => (r.items[0] as { text: string }).text)).toEqual(['T3', 'T4', 'T5']);
    await printer.close();
  });
});

describe("fault 'unplugged': the cable pulled", () => {
  it('is one of the faults, and the printer answers nothing while it lasts', () => {
    expect(SIMULATED_FAULTS).toEqual(['paper-near-end', 'paper-end', 'cover-open', 'offline', 'cutter-error', 'unplugged']);
    expect(([1, 2, 3, 4] as const).map((n) => statusReplyFor('unplugged', n))).toEqual([null, null, null, null]);
    expect(asbBlockFor('unplugged')).toBeNull();
  });

  it('drops the memory link both ways; the driver sees disconnected; setFault(null) plugs it back', async () => {
    const { printer, device, link } = createSimulatedPrinter({ driver: { statusTimeoutMs: 40 } });
    const faults: Array<SimulatedFault | null> = [];
    device.onFault((f) => faults.push(f));
    const seen: PrinterStatus[] = [];
    printer.onStatus((s) => seen.push(s));
    device.setFault('unplugged');
    expect(device.fault).toBe('unplugged');
    expect([link.a.state, link.b.state]).toEqual(['disconnected', 'disconnected']);
    expect(seen.at(-1)).toEqual({ state: 'offline', statusReadable: true, link: 'disconnected', detail: 'transport disconnected' });
    await expect(link.b.write(Uint8Array.of(0x12))).rejects.toThrow(/disconnected/);
    device.setFault(null);
    expect([link.a.state, link.b.state]).toEqual(['open', 'open']);
    await until(() => seen.at(-1)?.state === 'ready');
    expect(seen.at(-1)).toEqual({ state: 'ready', statusReadable: true, link: 'open' });
    expect(faults).toEqual(['unplugged', null]);
    await printer.close();
  });

  it('is also replugged by switching to another fault, which then shows', async () => {
    const { printer, device, link } = createSimulatedPrinter({ driver: { statusTimeoutMs: 40 } });
    device.setFault('unplugged');
    device.setFault('paper-end');
    expect(link.a.state).toBe('open');
    expect(device.fault).toBe('paper-end');
    expect((await printer.status()).state).toBe('paper-end');
    await printer.close();
  });

  it('fails a print that waits longer than writeTimeoutMs for the replug', async () => {
    const { printer, device } = createSimulatedPrinter({ writeTimeoutMs: 50 });
    device.setFault('unplugged');
    await expect(printer.print(sampleTicket)).rejects.toThrow(/not connected within 50 ms/);
    device.setFault(null);
    await new Promise((r) => setTimeout(r, 20));
    expect(device.receipts).toHaveLength(0);
    await printer.close();
  });

  it('without a cable (sim-host on a real port) leaves the link alone and goes deaf and mute', async () => {
    const link = createMemoryPair();
    const host = hostSimulatedPrinter(link.b);
    const answers: number[] = [];
    link.a.onData((b) => answers.push(...b));
    host.device.setFault('unplugged');
    await link.a.write(fromHex('10 04 01'));
    await link.a.write(encodeReceipt(sampleTicket).bytes);
    await new Promise((r) => setTimeout(r, 20));
    expect(link.b.state).toBe('open');
    expect(answers).toEqual([]);
    expect(host.device.receipts).toHaveLength(0);
    host.device.setFault(null);
    await link.a.write(fromHex('10 04 01'));
    await until(() => answers.length === 1);
    expect(hex(answers)).toBe('12');
    await host.close();
    expect(link.b.state).toBe('closed');
  });
});

