import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../hardware/printer/escpos/encoder';
import { EscPosParser, type EscPosParserOptions, type ParsedReceipt } from '../../../hardware/printer/escpos/parser';
import { fromHex, sampleTicket, sampleTicketItems, seededRandom } from './fixtures';

function collect(options: EscPosParserOptions = {}) {
  const receipts: ParsedReceipt[] = [];
  const queries: number[] = [];
  const events: string[] = [];
  const parser = new EscPosParser({
    ...options,
    onReceipt: (r) => {
      receipts.push(r);
      events.push('receipt');
    },
    onStatusQuery: (n) => {
      queries.push(n);
      events.push(`query ${n}`);
    },
  });
  return { parser, receipts, queries, events };
}

function feedInChunks(parser: EscPosParser, bytes: Uint8Array, sizes: () => number): void {
  for (let i = 0; i < bytes.length; ) {
    const n = Math.max(1, sizes());
    parser.push(bytes.subarray(i, i + n));
    i += n;
  }
}

describe('ESC/POS parser: reading the encoder back', () => {
  const { bytes } = encodeReceipt(sampleTicket);

  it('reads a whole ticket into the same text, sizes and QR payload', () => {
    const { parser, receipts } = collect();
    parser.push(bytes);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.items).toEqual(sampleTicketItems);
    expect(receipts[0]?.cut).toBe('partial');
    expect(receipts[0]?.bytes).toBe(bytes.length);
    expect(parser.stats.unknownCommands).toBe(0);
  });

  it('reads the same ticket fed one byte at a time', () => {
    const { parser, receipts } = collect();
    feedInChunks(parser, bytes, () => 1);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.items).toEqual(sampleTicketItems);
    expect(receipts[0]?.bytes).toBe(bytes.length);
  });

  it.each([1, 2, 3, 42, 1234, 99991])('reads the same ticket fed in random chunk sizes (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const { parser, receipts } = collect();
    feedInChunks(parser, bytes, () => 1 + Math.floor(random() * 17));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.items).toEqual(sampleTicketItems);
  });

  it('reads three tickets back to back as three receipts with their own byte counts', () => {
    const { parser, receipts } = collect();
    const stream = new Uint8Array(bytes.length * 3);
    stream.set(bytes, 0);
    stream.set(bytes, bytes.length);
    stream.set(bytes, bytes.length * 2);
    feedInChunks(parser, stream, () => 50);
    expect(receipts.map((r) => r.bytes)).toEqual([bytes.length, bytes.length, bytes.length]);
    expect(receipts.every((r) => r.items.length === sampleTicketItems.length)).toBe(true);
  });

  it('reads GB18030 text, with a four-byte character split across writes', () => {
    const { bytes: gb } = encodeReceipt(
      { blocks: [{ kind: 'text', text: '𠀋法院' }, { kind: 'cut' }] },
      { encoding: 'gb18030' },
    );
    const { parser, receipts } = collect({ encoding: 'gb18030' });
    feedInChunks(parser, gb, () => 1);
    expect(receipts[0]?.items).toEqual([{ kind: 'text', text: '𠀋法院', align: 'left', width: 1, height: 1, bold: false }]);
  });
});

describe('ESC/POS parser: streaming', () => {
  it('joins a Big5 pair split across two writes', () => {
    const { parser, receipts } = collect();
    parser.push(fromHex('1C 26 AA'));
    parser.push(fromHex('6B 0A 1D 56 00'));
    expect(receipts[0]?.items).toEqual([{ kind: 'text', text: '法', align: 'left', width: 1, height: 1, bold: false }]);
    expect(receipts[0]?.cut).toBe('full');
  });

  it('joins a command split across writes', () => {
    const { parser, receipts } = collect();
    parser.push(fromHex('1D'));
    parser.push(fromHex('21'));
    parser.push(fromHex('33 1B'));
    parser.push(fromHex('45 01 41 0A 1D 56'));
    parser.push(fromHex('42'));
    expect(receipts).toHaveLength(0); // GS V 66 still waits for n
    parser.push(fromHex('05'));
    expect(receipts[0]?.items).toEqual([{ kind: 'text', text: 'A', align: 'left', width: 4, height: 4, bold: true }]);
    expect(receipts[0]?.cut).toBe('partial');
  });

  it('decodes a QR whose store command arrives in pieces', () => {
    const { bytes } = encodeReceipt({ blocks: [{ kind: 'qr', payload: '案號 113年度訴字第1號', errorLevel: 'H', moduleSize: 8, align: 'right' }, { kind: 'cut' }] });
    const { parser, receipts } = collect();
    feedInChunks(parser, bytes, () => 3);
    expect(receipts[0]?.items).toEqual([{ kind: 'qr', payload: '案號 113年度訴字第1號', moduleSize: 8, errorLevel: 'H', align: 'right' }]);
  });
});

describe('ESC/POS parser: real-time status', () => {
  it('reports DLE EOT the moment it arrives, even in the middle of QR data', () => {
    const { parser, receipts, queries, events } = collect();
    // The payload itself carries DLE EOT 2: a printer executes it as it
    // arrives (the reason the encoder warns about such payloads) and the
    // bytes still count as QR data.
    const { bytes, warnings } = encodeReceipt({ blocks: [{ kind: 'qr', payload: 'AB\x10\x04\x02CD' }, { kind: 'cut' }] });
    expect(warnings.map((w) => w.code)).toEqual(['qr-realtime-sequence']);
    const dle = bytes.indexOf(0x10);
    parser.push(bytes.subarray(0, dle + 2)); // …'A' 'B' DLE EOT — not yet the n
    expect(queries).toEqual([]);
    parser.push(bytes.subarray(dle + 2, dle + 3)); // n = 2 completes the query mid-data
    expect(queries).toEqual([2]);
    expect(receipts).toHaveLength(0);
    parser.push(bytes.subarray(dle + 3));
    expect(events).toEqual(['query 2', 'receipt']);
    expect(receipts[0]?.items).toEqual([{ kind: 'qr', payload: 'AB\x10\x04\x02CD', moduleSize: 6, errorLevel: 'M', align: 'left' }]);
  });

  it('answers a query written between two halves of a QR store command before the job completes', () => {
    const { parser, receipts, queries } = collect();
    const { bytes } = encodeReceipt({ blocks: [{ kind: 'qr', payload: 'https://example.org/queue/status' }, { kind: 'cut' }] });
    const store = bytes.indexOf(0x50); // 31 50 30: inside the store command
    parser.push(bytes.subarray(0, store + 10));
    parser.push(fromHex('10 04 01'));
    expect(queries).toEqual([1]);
    expect(receipts).toHaveLength(0);
    parser.push(bytes.subarray(store + 10));
    expect(receipts).toHaveLength(1);
  });

  it('answers each query once and prints nothing for it between commands', () => {
    const { parser, receipts, queries } = collect();
    parser.push(fromHex('1C 2E 41 10 04 01 10 04 04 10 10 04 03 42 0A 1D 56 01'));
    expect(queries).toEqual([1, 4, 3]);
    expect(receipts[0]?.items).toEqual([{ kind: 'text', text: 'AB', align: 'left', width: 1, height: 1, bold: false }]);
    expect(parser.stats.statusQueries).toBe(3);
  });

  it('reports GS a n (Automatic Status Back)', () => {
    const masks: number[] = [];
    const parser = new EscPosParser({ onAutoStatusBack: (m) => masks.push(m) });
    parser.push(fromHex('1D 61 0F 1D 61 00'));
    expect(masks).toEqual([0x0f, 0x00]);
  });
});

describe('ESC/POS parser: modes', () => {
  it('tracks align, size and bold per line and resets them on ESC @', () => {
    const { parser, receipts } = collect();
    parser.push(fromHex('1C 2E 1B 61 01 1D 21 11 1B 45 01 41 0A 1B 40 1C 2E 42 0A 1D 56 00'));
    expect(receipts[0]?.items).toEqual([
      { kind: 'text', text: 'A', align: 'center', width: 2, height: 2, bold: true },
      { kind: 'text', text: 'B', align: 'left', width: 1, height: 1, bold: false },
    ]);
  });

  it('ignores ESC a in the middle of a line, as printers do', () => {
    const { parser, receipts } = collect();
    parser.push(fromHex('1C 2E 41 1B 61 02 42 0A 43 0A 1D 56 00'));
    expect(receipts[0]?.items.map((i) => i.kind === 'text' && `${i.text}:${i.align}`)).toEqual(['AB:left', 'C:left']);
  });

  it('reads ESC ! (double width/height, emphasis) and FS ! (Chinese double size)', () => {
    const { parser, receipts } = collect();
    parser.push(fromHex('1C 2E 1B 21 38 41 0A 1B 21 00 1C 26 1C 21 0C AA 6B 0A 1D 56 00'));
    expect(receipts[0]?.items).toEqual([
      { kind: 'text', text: 'A', align: 'left', width: 2, height: 2, bold: true },
      { kind: 'text', text: '法', align: 'left', width: 2, height: 2, bold: false },
    ]);
  });

  it('prints a Latin byte ≥ 0x80 as Chinese while the mode is on, and by the code page once FS . is sent', () => {
    // The DantSu #462 trap: 82 41 is a Big5 pair, é is 82 in code page 437.
    const { parser, receipts } = collect();
    parser.push(fromHex('1B 40 43 61 66 82 41 0A 1C 2E 1B 74 00 43 61 66 82 41 0A 1D 56 00'));
    const [inMode, outOfMode] = receipts[0]?.items ?? [];
    expect(inMode?.kind === 'text' && inMode.text).toBe('Caf\uFFFD');
    expect(outOfMode?.kind === 'text' && outOfMode.text).toBe('CaféA');
  });

  it('keeps blank lines as empty text lines and counts ESC d feeds', () => {
    const { parser, receipts } = collect();
    parser.push(fromHex('1C 2E 41 0A 0A 1B 64 03 1D 56 41 00'));
    expect(receipts[0]?.items.map((i) => i.kind === 'text' && i.text)).toEqual(['A', '']);
    expect(receipts[0]?.feedLines).toBe(3);
    expect(receipts[0]?.cut).toBe('full');
  });
});

describe('ESC/POS parser: commands it does not model', () => {
  it('reads images and skips barcodes by their declared length, whatever their data looks like', () => {
    const { parser, receipts } = collect();
    parser.push(
      fromHex(
        [
          '1C 2E',
          '1D 76 30 00 02 00 02 00 0A 1B 1D 56', // GS v 0: 2×2 raster bytes that look like LF, ESC, GS V
          '1D 6B 49 03 1D 56 00', // GS k CODE128, 3 data bytes that look like a cut
          '1D 28 4C 04 00 30 32 1D 56', // GS ( L graphics, 4 bytes
          '1B 2A 00 02 00 0A 0A', // ESC * 8-dot image, 2 columns
          '41 0A 1D 56 00',
        ].join(' '),
      ),
    );
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.items).toEqual([
      // GS v 0: 2 bytes × 2 rows, taken as dots, not as LF / ESC / GS V
      { kind: 'image', widthDots: 16, heightDots: 2, bits: fromHex('0A 1B 1D 56'), align: 'left' },
      // ESC * m=0: two columns of 0A (dots 4 and 6 from the top), as rows
      { kind: 'image', widthDots: 2, heightDots: 8, bits: fromHex('00 00 00 00 C0 00 C0 00'), align: 'left' },
      { kind: 'text', text: 'A', align: 'left', width: 1, height: 1, bold: false },
    ]);
    expect(parser.stats.ignoredCommands).toBe(2);
    expect(parser.stats.unknownCommands).toBe(0);
  });

  it('counts an unknown command, skips prefix + function, and keeps reading', () => {
    const { parser, receipts } = collect();
    parser.push(fromHex('1C 2E 1B 01 1D FE 41 0A 1D 56 00'));
    expect(receipts[0]?.items.map((i) => i.kind === 'text' && i.text)).toEqual(['A']);
    expect(parser.stats.unknownCommands).toBe(2);
    expect(parser.stats.recentUnknown).toEqual(['1b 01', '1d fe']);
  });

  it('recovers from a broken Big5 pair without losing the command after it', () => {
    const { parser, receipts } = collect();
    parser.push(fromHex('1C 26 AA 0A 1D 56 00'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.items).toEqual([{ kind: 'text', text: '\uFFFD', align: 'left', width: 1, height: 1, bold: false }]);
  });
});
