import { afterEach, describe, expect, it } from 'vitest';
import { decodeAsbFrame, EscPosPrinter } from '../../../../hardware/printer/drivers/escpos';
import { asbBlockFor, SimulatedPrinterDevice, type SimulatedFault } from '../../../../hardware/printer/simulated';
import type { PrinterState, PrinterStatus } from '../../../../hardware/printer/types';
import { createMemoryPair, type MemoryEnd } from '../../../../hardware/transports/memory';
import { sleep, until } from '../../support/wait';
import { fromHex, hex, indexOfSeq } from '../fixtures';

const printers: EscPosPrinter[] = [];
afterEach(async () => {
  for (const p of printers.splice(0)) await p.close();
});
function track(p: EscPosPrinter): EscPosPrinter {
  printers.push(p);
  return p;
}

/** A far end that answers each DLE EOT n with the bytes `script(n)` returns (any mix of replies and ASB). */
function scriptedEnd(end: MemoryEnd, script: (n: number) => number[] | undefined) {
  const heard: number[] = [];
  end.onData((bytes) => {
    heard.push(...bytes);
    const l = heard.length;
    if (l >= 3 && heard[l - 3] === 0x10 && heard[l - 2] === 0x04) {
      const reply = script(heard[l - 1] ?? 0);
      if (reply) void end.write(Uint8Array.from(reply));
    }
  });
  return heard;
}

describe('decodeAsbFrame: the 4-byte Automatic Status Back frame', () => {
  const cases: Array<[SimulatedFault | null, PrinterState]> = [
    [null, 'ready'],
    ['paper-near-end', 'paper-near-end'],
    ['paper-end', 'paper-end'],
    ['cover-open', 'cover-open'],
    ['cutter-error', 'cutter-error'],
  ];
  it.each(cases)("reads the simulator's frame for %s as %s", (fault, state) => {
    expect(decodeAsbFrame(asbBlockFor(fault) ?? [])).toEqual({ state, statusReadable: true });
  });

  it('reads the bit tables: byte 1 bit 3 offline, bit 5 cover; byte 2 errors; byte 3 bits 0–1 near end, 2–3 end', () => {
    expect(decodeAsbFrame(fromHex('18 00 00 00'))).toEqual({ state: 'offline', statusReadable: true, detail: 'printer reports offline' });
    expect(decodeAsbFrame(fromHex('38 00 00 00')).state).toBe('cover-open');
    expect(decodeAsbFrame(fromHex('10 00 03 00')).state).toBe('paper-near-end');
    expect(decodeAsbFrame(fromHex('10 00 0C 00')).state).toBe('paper-end');
    expect(decodeAsbFrame(fromHex('18 08 00 00')).state).toBe('cutter-error');
    expect(decodeAsbFrame(fromHex('18 20 00 00'))).toEqual({ state: 'offline', statusReadable: true, detail: 'printer error (unrecoverable)' });
    expect(decodeAsbFrame(fromHex('18 40 00 00'))).toEqual({ state: 'offline', statusReadable: true, detail: 'printer error (auto-recoverable)' });
  });
});

describe('EscPosPrinter: Automatic Status Back', () => {
  it('enables ASB (GS a 0E) on start, when the link can read', async () => {
    const link = createMemoryPair();
    const heard = scriptedEnd(link.b, () => undefined);
    track(new EscPosPrinter(link.a));
    await until(() => heard.length === 3);
    expect(hex(heard)).toBe('1D 61 0E');
  });

  it('does not ask for it over a one-way link, nor when turned off', async () => {
    const oneWay = createMemoryPair({ aCanRead: false });
    const heardOneWay = scriptedEnd(oneWay.b, () => undefined);
    const off = createMemoryPair();
    const heardOff = scriptedEnd(off.b, () => undefined);
    const p1 = track(new EscPosPrinter(oneWay.a));
    track(new EscPosPrinter(off.a, { autoStatusBack: false }));
    await sleep(20);
    expect(heardOneWay).toEqual([]);
    expect(heardOff).toEqual([]);
    expect(await p1.status()).toEqual({ state: 'unknown', statusReadable: false, link: 'open', detail: 'one-way transport: status cannot be read' });
  });

  it('asks again after every reconnect (the printer may have been power-cycled)', async () => {
    const link = createMemoryPair();
    const heard = scriptedEnd(link.b, () => [0x12]);
    track(new EscPosPrinter(link.a));
    link.disconnect();
    link.reconnect();
    await until(() => indexOfSeq(Uint8Array.from(heard), [0x10, 0x04, 0x04]) >= 0);
    // GS a, then after the reconnect GS a again and a status round.
    expect(hex(heard)).toBe('1D 61 0E 1D 61 0E 10 04 01 10 04 02 10 04 04');
  });

  it('publishes a frame the moment it arrives, without a poll', async () => {
    const link = createMemoryPair();
    const heard = scriptedEnd(link.b, () => undefined);
    const printer = track(new EscPosPrinter(link.a, { pollIntervalMs: 0 }));
    const seen: PrinterStatus[] = [];
    printer.onStatus((s) => seen.push(s));
    await link.b.write(fromHex('38 00 00 00'));
    await until(() => seen.length === 1);
    expect(seen).toEqual([{ state: 'cover-open', statusReadable: true, link: 'open' }]);
    expect(indexOfSeq(Uint8Array.from(heard), [0x10, 0x04])).toBe(-1);
  });

  it('tells a DLE EOT reply arriving in the middle of an ASB frame from the frame (0xx1xx10 vs 0xx0xxxx)', async () => {
    const link = createMemoryPair();
    // Reply to n=1 lands between byte 1 and byte 2 of a paper-end frame (18 00 0C 00); XOFF/XON too.
    scriptedEnd(link.b, (n) => (n === 1 ? [0x18, 0x12, 0x13, 0x00, 0x11, 0x0c, 0x00] : [0x12]));
    const printer = track(new EscPosPrinter(link.a, { autoStatusBack: false }));
    const seen: PrinterStatus[] = [];
    printer.onStatus((s) => seen.push(s));
    const status = await printer.status();
    // The query round read 12 12 12 (its own answers)…
    expect(status).toEqual({ state: 'ready', statusReadable: true, link: 'open' });
    // …and the frame, reassembled around the reply, was published as paper-end; the round, overtaken by it, was not.
    expect(seen).toEqual([{ state: 'paper-end', statusReadable: true, link: 'open' }]);
  });

  it('does not let a poll round that started before a frame overwrite the news in it', async () => {
    const link = createMemoryPair();
    // The cover opens while the round is under way: ASB says so before the n=2 reply, which was already on its way.
    scriptedEnd(link.b, (n) => (n === 2 ? [0x38, 0x00, 0x00, 0x00, 0x12] : [0x12]));
    const printer = track(new EscPosPrinter(link.a, { autoStatusBack: false }));
    const seen: string[] = [];
    printer.onStatus((s) => seen.push(s.state));
    await printer.status();
    await sleep(20);
    expect(seen).toEqual(['cover-open']);
  });

  it('turns ASB back on once a printer that was switched off answers again', async () => {
    const link = createMemoryPair();
    const device = new SimulatedPrinterDevice(link.b);
    let gsA = 0;
    link.b.onData((b) => (gsA += indexOfSeq(b, [0x1d, 0x61, 0x0e]) >= 0 ? 1 : 0));
    const frames: string[] = [];
    link.a.onData((b) => b.length === 4 && frames.push(hex(b)));
    const printer = track(new EscPosPrinter(link.a, { pollIntervalMs: 20, statusTimeoutMs: 30 }));
    const seen: string[] = [];
    printer.onStatus((s) => seen.push(s.state));
    await until(() => seen.at(-1) === 'ready');
    expect(gsA).toBe(1);
    device.setFault('offline');
    await until(() => seen.at(-1) === 'offline');
    device.setFault(null); // powered up again: its ASB setting is gone
    await until(() => gsA === 2, 1000, 'GS a sent again');
    await until(() => seen.at(-1) === 'ready');
    frames.length = 0;
    device.setFault('cover-open');
    // The printer reports by itself again.
    await until(() => frames.includes('38 00 00 00'), 1000, 'ASB frame');
  });
});

describe('EscPosPrinter: status carries the link', () => {
  it('reports an unplug as link disconnected, and status() says so without querying', async () => {
    const link = createMemoryPair();
    const heard = scriptedEnd(link.b, () => [0x12]);
    const printer = track(new EscPosPrinter(link.a));
    link.disconnect();
    const before = heard.length;
    expect(await printer.status()).toEqual({ state: 'offline', statusReadable: true, link: 'disconnected', detail: 'transport disconnected' });
    expect(heard.length).toBe(before);
  });

  it('never sends a status query or GS a late: those writes say noWait, a ticket does not', async () => {
    const link = createMemoryPair();
    scriptedEnd(link.b, () => [0x12]);
    const writes: Array<[string, boolean]> = [];
    const spy = Object.create(link.a) as MemoryEnd;
    spy.write = (bytes, options) => {
      writes.push([hex(bytes.subarray(0, 2)), options?.noWait === true]);
      return link.a.write(bytes, options);
    };
    const printer = track(new EscPosPrinter(spy));
    await printer.status();
    await printer.print({ blocks: [{ kind: 'text', text: 'A' }] });
    expect(writes).toEqual([
      ['1D 61', true],
      ['10 04', true],
      ['10 04', true],
      ['10 04', true],
      ['1B 40', false],
    ]);
  });
});
