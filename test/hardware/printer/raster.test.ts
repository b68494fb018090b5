import { beforeAll, describe, expect, it } from 'vitest';
import { EscPosPrinter } from '../../../hardware/printer/drivers/escpos';
import { encodeReceipt } from '../../../hardware/printer/escpos/encoder';
import { EscPosParser, type ImageItem, type ParsedReceipt } from '../../../hardware/printer/escpos/parser';
import { inkDots, loadCanvasRasterizer, rasterCommand, type LineRasterizer } from '../../../hardware/printer/escpos/raster';
import { createSimulatedPrinter } from '../../../hardware/printer/simulated';
import type { ReceiptDoc } from '../../../hardware/printer/types';
import { createMemoryPair } from '../../../hardware/transports/memory';
import { until } from '../support/wait';
import { fromHex, hex, indexOfSeq, sampleTicket, seededRandom } from './fixtures';

let rasterizer: LineRasterizer;
beforeAll(async () => {
  const load = await loadCanvasRasterizer();
  // Debian's fonts-noto-cjk is installed here; without it this suite has nothing to test.
  expect(load.reason).toBeUndefined();
  rasterizer = load.rasterizer as LineRasterizer;
});

const line = (text: string, extra: object = {}): ReceiptDoc => ({ blocks: [{ kind: 'text', text, ...extra }, { kind: 'cut' }] });

function parse(bytes: Uint8Array, options: ConstructorParameters<typeof EscPosParser>[0] = {}, chunk = bytes.length): ParsedReceipt[] {
  const receipts: ParsedReceipt[] = [];
  const parser = new EscPosParser({ ...options, onReceipt: (r) => receipts.push(r) });
  for (let i = 0; i < bytes.length; i += chunk) parser.push(bytes.subarray(i, i + chunk));
  return receipts;
}

const GS_V_0 = [0x1d, 0x76, 0x30, 0x00];

describe('raster fallback under big5: a line with a character the font lacks', () => {
  it('sends 𠀋法 as one GS v 0 image of 6 bytes × 30 dots instead of ○, and says so', () => {
    const { bytes, warnings } = encodeReceipt(line('𠀋法'), { rasterizer });
    // ESC @, then the image (two 24-dot characters = 48 dots = 6 bytes; 24 + 6 rows of line gap), no LF, then the cut.
    expect(hex(bytes.subarray(0, 10))).toBe('1B 40 1D 76 30 00 06 00 1E 00');
    expect(bytes.length).toBe(2 + 8 + 6 * 30 + 4);
    expect(hex(bytes.subarray(-4))).toBe('1D 56 41 00');
    expect(indexOfSeq(bytes, [0x1c, 0x26])).toBe(-1); // no Chinese mode: nothing goes through the font
    expect(indexOfSeq(bytes, [0xa1, 0xb3])).toBe(-1); // no ○
    expect(warnings).toEqual([expect.objectContaining({ code: 'raster-fallback', char: '𠀋', blockIndex: 0 })]);
  });

  it('is read back by the parser as an image of that size with ink in it', () => {
    const { bytes } = encodeReceipt(line('𠀋法'), { rasterizer });
    const [receipt] = parse(bytes);
    expect(receipt?.items).toHaveLength(1);
    const image = receipt?.items[0] as ImageItem;
    expect(image).toMatchObject({ kind: 'image', widthDots: 48, heightDots: 30, align: 'left' });
    expect(image.bits.length).toBe(6 * 30);
    // Two characters' worth of strokes, not a blank and not a black box.
    expect(inkDots(image)).toBeGreaterThan(100);
    expect(inkDots(image)).toBeLessThan(48 * 30 * 0.6);
    // Left half (𠀋) and right half (法) both have ink.
    const inkInColumns = (from: number, to: number) => {
      let n = 0;
      for (let y = 0; y < 30; y++) for (let x = from; x < to; x++) if ((image.bits[y * 6 + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) n++;
      return n;
    };
    expect(inkInColumns(0, 24)).toBeGreaterThan(30);
    expect(inkInColumns(24, 48)).toBeGreaterThan(30);
  });

  it('still parses when the raster block arrives in 7-byte and 1-byte pieces', () => {
    const { bytes } = encodeReceipt(line('𠀋法'), { rasterizer });
    const whole = parse(bytes)[0]?.items;
    expect(parse(bytes, {}, 7)[0]?.items).toEqual(whole);
    expect(parse(bytes, {}, 1)[0]?.items).toEqual(whole);
    const random = seededRandom(7);
    const receipts: ParsedReceipt[] = [];
    const parser = new EscPosParser({ onReceipt: (r) => receipts.push(r) });
    for (let i = 0; i < bytes.length; ) {
      const n = 1 + Math.floor(random() * 40);
      parser.push(bytes.subarray(i, i + n));
      i += n;
    }
    expect(receipts[0]?.items).toEqual(whole);
  });

  it('sends 游錫堃 (堃 is outside cp950) as a 72-dot image and keeps the line centred and bold', () => {
    const { bytes, warnings } = encodeReceipt(line('游錫堃', { align: 'center', bold: true }), { rasterizer });
    const at = indexOfSeq(bytes, GS_V_0);
    expect(hex(bytes.subarray(0, at))).toBe('1B 40 1B 61 01');
    expect(hex(bytes.subarray(at, at + 8))).toBe('1D 76 30 00 09 00 1E 00');
    expect(warnings.map((w) => [w.code, w.char])).toEqual([['raster-fallback', '堃']]);
    expect(parse(bytes)[0]?.items[0]).toMatchObject({ kind: 'image', widthDots: 72, heightDots: 30, align: 'center' });
  });

  it('draws bold with more ink than regular', () => {
    const regular = rasterizer.render('游錫堃', { width: 1, height: 1, bold: false }).images[0];
    const bold = rasterizer.render('游錫堃', { width: 1, height: 1, bold: true }).images[0];
    expect(inkDots(bold!)).toBeGreaterThan(inkDots(regular!) * 1.1);
  });

  it('scales with the size multipliers: 2×2 is 96×60 dots for two characters, 2×1 is 96×30', () => {
    expect(rasterizer.render('𠀋法', { width: 2, height: 2, bold: false }).images[0]).toMatchObject({ widthDots: 96, heightDots: 60 });
    expect(rasterizer.render('𠀋法', { width: 2, height: 1, bold: false }).images[0]).toMatchObject({ widthDots: 96, heightDots: 30 });
  });

  it('wraps a line wider than the paper onto a second image, as the printer wraps text', () => {
    const text = '臺'.repeat(30);
    const { images } = rasterizer.render(text, { width: 1, height: 1, bold: false });
    expect(images.map((i) => i.widthDots)).toEqual([576, 144]);
    const { bytes } = encodeReceipt(line(`${text}𠀋`), { rasterizer });
    expect(parse(bytes)[0]?.items.map((i) => i.kind === 'image' && [i.widthDots, i.heightDots])).toEqual([
      [576, 30],
      [168, 30],
    ]);
  });

  it('honours a narrower paper (Epson TM-T88, 512 dots: 21 characters a row)', async () => {
    const narrow = (await loadCanvasRasterizer({ paperWidthDots: 512 })).rasterizer;
    expect(narrow?.render('臺'.repeat(30), { width: 1, height: 1, bold: false }).images.map((i) => i.widthDots)).toEqual([504, 216]);
  });

  it('leaves lines the font can print as Big5 text, so the standard ticket stays 315 bytes', () => {
    const { bytes, warnings } = encodeReceipt(sampleTicket, { rasterizer });
    expect(warnings).toEqual([]);
    expect(bytes).toEqual(encodeReceipt(sampleTicket).bytes);
    expect(bytes.length).toBe(315);
  });

  it('does not use the image path under GB18030, whose font has 𠀋', () => {
    const { bytes, warnings } = encodeReceipt(line('𠀋'), { encoding: 'gb18030', rasterizer });
    expect(hex(bytes)).toBe('1B 40 1C 26 95 32 83 37 0A 1D 56 41 00');
    expect(warnings).toEqual([]);
  });

  it('warns about a character no installed font has (U+31350): it prints as an empty box', () => {
    const { warnings } = encodeReceipt(line('\u{31350}法'), { rasterizer });
    expect(warnings.map((w) => [w.code, w.char])).toEqual([
      ['raster-fallback', '\u{31350}'],
      ['missing-glyph', '\u{31350}'],
    ]);
  });

  it('keeps the ○ placeholder, with the reason, when there is no rasterizer (no canvas or no CJK font)', () => {
    const { bytes, warnings } = encodeReceipt(line('𠀋法'), { rasterUnavailableReason: 'no CJK font found' });
    expect(hex(bytes)).toBe('1B 40 1C 26 A1 B3 AA 6B 0A 1D 56 41 00');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'unencodable-char', char: '𠀋' });
    expect(warnings[0]?.message).toContain('no raster fallback: no CJK font found');
  });
});

describe("encoding 'raster': a printer with no Chinese font", () => {
  it('sends no FS & at all; Chinese lines become images, ASCII lines stay text', () => {
    const { bytes, warnings } = encodeReceipt(sampleTicket, { encoding: 'raster', rasterizer });
    expect(warnings).toEqual([]);
    expect(indexOfSeq(bytes, [0x1c, 0x26])).toBe(-1);
    const [receipt] = parse(bytes, { chineseModeAtInit: false });
    expect(receipt?.items.map((i) => (i.kind === 'image' ? `image ${i.widthDots}×${i.heightDots} ${i.align}` : i.kind === 'text' ? `text ${i.text}` : `qr ${i.payload}`))).toEqual([
      'image 192×30 center', // 臺灣臺北地方法院, bold
      'image 240×60 center', // 民事紀錄科, 2×2
      'text Civil Records Section',
      'text A012',
      `image ${rasterizer.render('前面等候 12 人 / 12 waiting ahead', { width: 1, height: 1, bold: false }).images[0]?.widthDots}×30 center`,
      `image ${rasterizer.render('民國115年11月22日 14:35', { width: 1, height: 1, bold: false }).images[0]?.widthDots}×30 center`,
      'qr https://lobby.tpd.judicial.gov.tw/t/20261122-A012',
      'image 360×30 center', // 過號請重新取號，請留意叫號螢幕: 15 full-width characters
      'text Please watch the screen for your number',
    ]);
    expect(receipt?.items.filter((i) => i.kind === 'image').every((i) => i.kind === 'image' && inkDots(i) > 50)).toBe(true);
  });

  it("without a rasterizer prints '?' for each non-ASCII character, never Big5 bytes", () => {
    const { bytes, warnings } = encodeReceipt(line('A 法院'), { encoding: 'raster' });
    expect(hex(bytes)).toBe('1B 40 1C 2E 41 20 3F 3F 0A 1D 56 41 00');
    expect(warnings.map((w) => [w.code, w.char])).toEqual([
      ['unencodable-char', '法'],
      ['unencodable-char', '院'],
    ]);
  });
});

describe('GS v 0 bytes a printer would take for real-time commands', () => {
  it('breaks up DLE EOT / ENQ / DC4 inside image data, so the printer neither answers nor clears its buffer', () => {
    const bits = fromHex('10 04 01 00 10 05 01 00 10 14 08 00 10 10 04 02');
    const cmd = rasterCommand({ widthDots: 32, heightDots: 4, bits });
    expect(hex(cmd)).toBe('1D 76 30 00 04 00 04 00 10 0C 01 00 10 0D 01 00 10 1C 08 00 10 10 0C 02');
    let queries = 0;
    const parser = new EscPosParser({ onStatusQuery: () => queries++ });
    parser.push(cmd);
    expect(queries).toBe(0);
    // The same data unmodified would have been answered, as a real printer would.
    parser.push(Uint8Array.of(...fromHex('1D 76 30 00 04 00 04 00'), ...bits));
    expect(queries).toBe(2);
  });
});

describe('parser: other image forms', () => {
  it('expands GS v 0 double width (m=1) and double height and width (m=3)', () => {
    const data = '80 01'; // dot 0 and dot 15 of a 16-dot row
    const [r1] = parse(fromHex(`1D 76 30 01 02 00 01 00 ${data} 1D 56 00`));
    expect(r1?.items[0]).toEqual({ kind: 'image', widthDots: 32, heightDots: 1, bits: fromHex('C0 00 00 03'), align: 'left' });
    const [r3] = parse(fromHex(`1D 76 30 33 02 00 01 00 ${data} 1D 56 00`));
    expect(r3?.items[0]).toEqual({ kind: 'image', widthDots: 32, heightDots: 2, bits: fromHex('C0 00 00 03 C0 00 00 03'), align: 'left' });
  });

  it('reads an ESC * 24-dot band as 24 rows, and the LF that prints it adds no blank line', () => {
    // 2 columns × 3 bytes: column 0 has its top dot, column 1 its bottom dot.
    const [r] = parse(fromHex('1B 61 01 1B 2A 21 02 00 80 00 00 00 00 01 0A 1D 56 00'));
    expect(r?.items).toHaveLength(1);
    const image = r?.items[0] as ImageItem;
    expect(image).toMatchObject({ kind: 'image', widthDots: 2, heightDots: 24, align: 'center' });
    expect(image.bits[0]).toBe(0x80);
    expect(image.bits[23]).toBe(0x40);
    expect(inkDots(image)).toBe(2);
  });
});

describe('EscPosPrinter: raster through the driver', () => {
  it('loads the canvas rasterizer on its own when a line needs it, and the simulator reads the image', async () => {
    const { printer, device } = createSimulatedPrinter({ driver: { pollIntervalMs: 0 } });
    const result = await printer.print(line('王𠀋明'));
    expect(result.warnings?.map((w) => [w.code, w.char])).toEqual([['raster-fallback', '𠀋']]);
    await until(() => device.receipts.length === 1);
    expect(device.receipts[0]?.items[0]).toMatchObject({ kind: 'image', widthDots: 72, heightDots: 30 });
    await printer.close();
  });

  it('keeps the placeholder when raster is turned off (rasterizer: null)', async () => {
    const link = createMemoryPair();
    const received: number[] = [];
    link.b.onData((b) => received.push(...b));
    const printer = new EscPosPrinter(link.a, { rasterizer: null, autoStatusBack: false });
    const result = await printer.print({ blocks: [{ kind: 'text', text: '𠀋' }] });
    expect(result.warnings?.map((w) => w.code)).toEqual(['unencodable-char']);
    await until(() => received.length === result.bytes);
    expect(hex(received)).toBe('1B 40 1C 26 A1 B3 0A');
    await printer.close();
  });

  it("prints every Chinese line as an image under encoding 'raster' in the simulator, which has no Chinese font", async () => {
    const { printer, device } = createSimulatedPrinter({ encoding: 'raster', driver: { pollIntervalMs: 0 } });
    await printer.print(line('臺東地檢署 A012'));
    await until(() => device.receipts.length === 1);
    expect(device.receipts[0]?.items).toEqual([expect.objectContaining({ kind: 'image', heightDots: 30 })]);
    await printer.close();
  });
});
