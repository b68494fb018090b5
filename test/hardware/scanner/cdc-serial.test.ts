import { seededRandom as prng } from '../../helpers/random';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CdcSerialScanner, type CdcSerialScannerOptions } from '../../../hardware/scanner/drivers/cdc-serial';
import type { ScanError, ScanEvent } from '../../../hardware/scanner/types';
import { createMemoryPair, type MemoryPairOptions } from '../../../hardware/transports/memory';

const PAYLOAD = 'https://lobby/phone/hearing?c=113年度偵字第1234號&v=8F3K';
const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: Array<string | number[] | Uint8Array>) => {
  const chunks = parts.map((p) => (typeof p === 'string' ? utf8(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let i = 0;
  for (const c of chunks) {
    out.set(c, i);
    i += c.length;
  }
  return out;
};
const CR = [0x0d];
const LF = [0x0a];
const CRLF = [0x0d, 0x0a];


const scanners: CdcSerialScanner[] = [];
afterEach(async () => {
  for (const s of scanners.splice(0)) await s.close();
  vi.useRealTimers();
});

function setup(options: CdcSerialScannerOptions = {}, pairOptions: MemoryPairOptions = {}) {
  const pair = createMemoryPair(pairOptions);
  let now = 1_700_000_000_000;
  const clock = { now: () => now };
  const scanner = new CdcSerialScanner(pair.a, { clock, idleFlushMs: 0, ...options });
  scanners.push(scanner);
  const scans: ScanEvent[] = [];
  const errors: ScanError[] = [];
  let reads = 0;
  pair.a.onData(() => (reads += 1));
  scanner.onScan((s) => scans.push(s));
  scanner.onError((e) => errors.push(e));
  return {
    pair,
    scanner,
    scans,
    errors,
    texts: () => scans.map((s) => s.text),
    reads: () => reads,
    advance: (ms: number) => (now += ms),
    /** The scanner's side of the cable. */
    send: (b: Uint8Array) => pair.b.write(b),
  };
}

describe('CdcSerialScanner: decoding', () => {
  it('delivers a UTF-8 Chinese payload sent whole, with the time its last byte arrived', async () => {
    const t = setup();
    t.advance(42);
    await t.send(bytes(PAYLOAD, CR));
    expect(t.scans).toEqual([{ text: PAYLOAD, at: 1_700_000_000_042 }]);
    expect(t.reads()).toBe(1);
    expect(t.scanner.stats).toEqual({ scans: 1, tooLong: 0, undecodable: 0 });
    expect(t.errors).toEqual([]);
  });

  it('delivers the payload whole when it arrives one byte per read', async () => {
    const t = setup({}, { maxChunk: 1 });
    const wire = bytes(PAYLOAD, CRLF);
    await t.send(wire);
    expect(t.reads()).toBe(wire.length);
    expect(t.texts()).toEqual([PAYLOAD]);
  });

  it('delivers every scan whole and in order however the stream is cut (random chunks, 200 seeds)', async () => {
    const codes = [PAYLOAD, 'A001', 'https://lobby/phone/hearing?c=112年度訴字第56號&v=ZZ9Q', '臺灣臺北地方法院', 'x'];
    const terminators = [CR, LF, CRLF];
    for (let seed = 1; seed <= 200; seed++) {
      const rand = prng(seed);
      const sent = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => codes[Math.floor(rand() * codes.length)]!);
      const wire = bytes(...sent.flatMap((c) => [c, terminators[Math.floor(rand() * terminators.length)]!]));
      const t = setup();
      for (let i = 0; i < wire.length; ) {
        const n = 1 + Math.floor(rand() * 9);
        pairWrite(t, wire.subarray(i, i + n));
        i += n;
      }
      await Promise.resolve();
      await new Promise((r) => setTimeout(r, 0));
      expect(t.texts(), `seed ${seed}`).toEqual(sent);
      expect(t.errors, `seed ${seed}`).toEqual([]);
    }
  });

  it('decodes Big5 when set to (older scanners), also split inside a character', async () => {
    const big5 = Uint8Array.from(iconv.encode(PAYLOAD, 'big5'));
    const t = setup({ encoding: 'big5' }, { maxChunk: 3 });
    await t.send(bytes(big5, CR));
    const oneByOne = setup({ encoding: 'big5' }, { maxChunk: 1 });
    await oneByOne.send(bytes(big5, LF, Uint8Array.from(iconv.encode('臺北', 'big5')), CR));
    expect(t.texts()).toEqual([PAYLOAD]);
    expect(oneByOne.texts()).toEqual([PAYLOAD, '臺北']);
    expect(oneByOne.errors).toEqual([]);
  });

  it('drops, counts and reports a scan that is not valid in the configured encoding, and carries on', async () => {
    const big5 = Uint8Array.from(iconv.encode(PAYLOAD, 'big5'));
    const t = setup(); // UTF-8, but the scanner sends Big5
    await t.send(bytes(big5, CR, 'A012', CR));
    expect(t.texts()).toEqual(['A012']);
    expect(t.errors).toEqual([expect.objectContaining({ kind: 'undecodable', bytes: big5.length })]);
    expect(t.scanner.stats).toEqual({ scans: 1, tooLong: 0, undecodable: 1 });

    const b = setup({ encoding: 'big5' }); // Big5, but the scanner sends UTF-8 Chinese
    await b.send(bytes(PAYLOAD, CR, 'A012', CR));
    expect(b.texts()).toEqual(['A012']);
    expect(b.scanner.stats.undecodable).toBe(1);
  });
});

describe('CdcSerialScanner: terminators', () => {
  it("'any' (default): CR, LF and CR LF each end one scan; blank lines are ignored", async () => {
    const t = setup();
    await t.send(bytes('one', CR, 'two', LF, 'three', CRLF, CRLF, LF, 'four', LF, CR, CR, 'five', CRLF));
    expect(t.texts()).toEqual(['one', 'two', 'three', 'four', 'five']);
  });

  it("'cr': CR or CR LF ends a scan; a lone LF is content", async () => {
    const t = setup({ terminator: 'cr' }, { maxChunk: 1 });
    await t.send(bytes('one', CR, 'two', CRLF, 'line1', LF, 'line2', CR));
    expect(t.texts()).toEqual(['one', 'two', 'line1\nline2']);
  });

  it("'lf': LF or CR LF ends a scan; a lone CR is content", async () => {
    const t = setup({ terminator: 'lf' }, { maxChunk: 1 });
    await t.send(bytes('one', LF, 'two', CRLF, 'a', CR, 'b', LF));
    expect(t.texts()).toEqual(['one', 'two', 'a\rb']);
  });

  it("'crlf': only CR LF ends a scan, so multi-line codes survive, even with the CR LF split across reads", async () => {
    const vcard = 'BEGIN:VCARD\nFN:王小明\nTEL:02-2314-6871\nEND:VCARD';
    const t = setup({ terminator: 'crlf' });
    await t.send(bytes(vcard, CR));
    expect(t.scans).toEqual([]);
    await t.send(bytes(LF, 'a', CR, 'b', CRLF));
    expect(t.texts()).toEqual([vcard, 'a\rb']);
  });
});

describe('CdcSerialScanner: idle flush', () => {
  it('delivers a scan without terminator once the line has been quiet for idleFlushMs', async () => {
    vi.useFakeTimers();
    const t = setup({ idleFlushMs: 200 });
    t.advance(5);
    await t.send(bytes('https://lobby/phone/hearing?c=113年度'));
    vi.advanceTimersByTime(150); // a pause shorter than the idle time does not split the scan
    t.advance(150);
    await t.send(bytes('偵字第1234號&v=8F3K'));
    vi.advanceTimersByTime(199);
    expect(t.scans).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(t.scans).toEqual([{ text: PAYLOAD, at: 1_700_000_000_155 }]);
    await t.send(bytes('A002'));
    vi.advanceTimersByTime(200);
    expect(t.texts()).toEqual([PAYLOAD, 'A002']);
  });

  it('does not flush when idleFlushMs is 0, and does not deliver a terminated scan twice', async () => {
    vi.useFakeTimers();
    const t = setup({ idleFlushMs: 0 });
    await t.send(bytes('A00'));
    vi.advanceTimersByTime(10_000);
    expect(t.scans).toEqual([]);
    await t.send(bytes('3', CR));
    expect(t.texts()).toEqual(['A003']);

    const withFlush = setup({ idleFlushMs: 50 });
    await withFlush.send(bytes('B004', CR));
    vi.advanceTimersByTime(1000);
    expect(withFlush.texts()).toEqual(['B004']);
  });

  it("under 'crlf', takes a CR left at the end of a flushed scan for half a terminator", async () => {
    vi.useFakeTimers();
    const t = setup({ terminator: 'crlf', idleFlushMs: 100 });
    await t.send(bytes('C005', CR));
    vi.advanceTimersByTime(100);
    expect(t.texts()).toEqual(['C005']);
  });
});

describe('CdcSerialScanner: over-long lines', () => {
  it('drops a line over 4096 bytes with a counted error instead of growing, and reads the next scan', async () => {
    const t = setup({}, { maxChunk: 512 });
    await t.send(bytes('x'.repeat(5000), CR, PAYLOAD, CR));
    expect(t.texts()).toEqual([PAYLOAD]);
    expect(t.errors).toEqual([expect.objectContaining({ kind: 'too-long', bytes: 4097 })]);
    expect(t.scanner.stats).toEqual({ scans: 1, tooLong: 1, undecodable: 0 });
    // 40 KB of noise is still one error, not ten.
    await t.send(bytes('y'.repeat(40_000), LF, 'A001', LF));
    expect(t.texts()).toEqual([PAYLOAD, 'A001']);
    expect(t.scanner.stats.tooLong).toBe(2);
  });

  it('accepts exactly maxScanBytes, under every terminator, and refuses one more', async () => {
    for (const [terminator, end] of [['any', CR], ['cr', CR], ['lf', CRLF], ['crlf', CRLF]] as const) {
      const t = setup({ terminator, maxScanBytes: 16 }, { maxChunk: 5 });
      await t.send(bytes('0123456789abcdef', end, '0123456789abcdefg', end, 'ok', end));
      expect(t.texts(), terminator).toEqual(['0123456789abcdef', 'ok']);
      expect(t.scanner.stats.tooLong, terminator).toBe(1);
    }
  });

  it('ends an over-long line without terminator at the idle flush, then reads on', async () => {
    vi.useFakeTimers();
    const t = setup({ idleFlushMs: 200 });
    await t.send(bytes('z'.repeat(4097)));
    expect(t.errors.map((e) => e.kind)).toEqual(['too-long']);
    vi.advanceTimersByTime(200);
    await t.send(bytes(PAYLOAD, CR));
    expect(t.texts()).toEqual([PAYLOAD]);
    expect(t.scanner.stats).toEqual({ scans: 1, tooLong: 1, undecodable: 0 });
  });
});

describe('CdcSerialScanner: link', () => {
  it('drops half a scan when the link goes down, so it is not glued to the next one', async () => {
    const t = setup();
    const states: string[] = [];
    t.scanner.onState((s) => states.push(s));
    await t.send(bytes('https://lobby/phone/hea'));
    t.pair.disconnect(new Error('unplugged'));
    expect(t.scanner.state).toBe('disconnected');
    t.pair.reconnect();
    await t.send(bytes(PAYLOAD, CR));
    expect(t.texts()).toEqual([PAYLOAD]);
    expect(states).toEqual(['disconnected', 'open']);
  });

  it('close() stops listening and closes the link', async () => {
    const t = setup();
    await t.scanner.close();
    expect(t.scanner.state).toBe('closed');
    await t.pair.b.write(bytes('A001', CR)).catch(() => undefined);
    expect(t.scans).toEqual([]);
  });
});

/** Writes without awaiting, so many small writes pile up as separate reads. */
function pairWrite(t: ReturnType<typeof setup>, chunk: Uint8Array): void {
  void t.send(chunk);
}
