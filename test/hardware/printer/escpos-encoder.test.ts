import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../hardware/printer/escpos/encoder';
import { fromHex, hex, indexOfSeq, sampleTicket } from './fixtures';

const line = (text: string, extra: object = {}) => ({ blocks: [{ kind: 'text' as const, text, ...extra }] });

describe('ESC/POS encoder: Chinese text', () => {
  it('sends 法院傳票 as Big5 inside FS & after ESC @', () => {
    const { bytes, warnings } = encodeReceipt(line('法院傳票'));
    expect(hex(bytes)).toBe('1B 40 1C 26 AA 6B B0 7C B6 C7 B2 BC 0A');
    expect(warnings).toEqual([]);
  });

  it('sends 臺東地檢署 as its Big5 bytes', () => {
    const { bytes } = encodeReceipt(line('臺東地檢署'));
    expect(hex(bytes)).toBe('1B 40 1C 26 BB 4F AA 46 A6 61 C0 CB B8 70 0A');
  });

  it('closes Chinese mode with FS . before a Latin-only line', () => {
    const { bytes } = encodeReceipt({
      blocks: [
        { kind: 'text', text: '法院傳票' },
        { kind: 'text', text: 'Summons' },
      ],
    });
    expect(hex(bytes)).toBe('1B 40 1C 26 AA 6B B0 7C B6 C7 B2 BC 0A 1C 2E 53 75 6D 6D 6F 6E 73 0A');
  });

  it('puts a leading Latin-only line outside Chinese mode, which many printers start in', () => {
    const { bytes } = encodeReceipt(line('No. 12'));
    expect(hex(bytes)).toBe('1B 40 1C 2E 4E 6F 2E 20 31 32 0A');
  });

  it('keeps ASCII inside Chinese mode on a mixed line instead of toggling per word', () => {
    const { bytes } = encodeReceipt(line('前面 12 人'));
    // 前 AB 65, 面 AD B1, 人 A4 48
    expect(hex(bytes)).toBe('1B 40 1C 26 AB 65 AD B1 20 31 32 20 A4 48 0A');
  });

  it('encodes GB18030 when the printer is a Simplified-Chinese model', () => {
    const { bytes, warnings } = encodeReceipt(line('法院傳票'), { encoding: 'gb18030' });
    expect(hex(bytes)).toBe('1B 40 1C 26 B7 A8 D4 BA 82 F7 C6 B1 0A');
    expect(warnings).toEqual([]);
  });

  it('splits a block on newlines into lines with the same style', () => {
    const { bytes } = encodeReceipt(line('AB\nCD', { align: 'right' }));
    expect(hex(bytes)).toBe('1B 40 1B 61 02 1C 2E 41 42 0A 43 44 0A');
  });
});

describe('ESC/POS encoder: characters the printer cannot print', () => {
  it('iconv-lite big5 lacks 𠀋 (it would emit 3F) but has 堃 only as an HKSCS code', () => {
    // The facts the next tests depend on, checked against the installed iconv-lite.
    expect(hex(iconv.encode('𠀋', 'big5'))).toBe('3F');
    expect(hex(iconv.encode('堃', 'big5'))).toBe('FB 69');
    expect(hex(iconv.encode('堃', 'cp950'))).toBe('3F');
  });

  it('warns about 𠀋 and prints ○ (A1 B3), never a silent ?', () => {
    const { bytes, warnings } = encodeReceipt(line('𠀋法'));
    expect(hex(bytes)).toBe('1B 40 1C 26 A1 B3 AA 6B 0A');
    expect(indexOfSeq(bytes, [0x3f])).toBe(-1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'unencodable-char', char: '𠀋', blockIndex: 0 });
  });

  it('warns about 堃 (游錫堃): FB 69 is user-defined space on a Taiwanese Big5 font', () => {
    const { bytes, warnings } = encodeReceipt(line('游錫堃'));
    // 游 B4 E5, 錫 BF FC, then ○ for 堃
    expect(hex(bytes)).toBe('1B 40 1C 26 B4 E5 BF FC A1 B3 0A');
    expect(warnings.map((w) => w.char)).toEqual(['堃']);
  });

  it('sends 堃 as FB 69 when the printer has an HKSCS font', () => {
    const { bytes, warnings } = encodeReceipt(line('堃'), { big5Repertoire: 'hkscs' });
    expect(hex(bytes)).toBe('1B 40 1C 26 FB 69 0A');
    expect(warnings).toEqual([]);
  });

  it('GB18030 prints 𠀋 as its four-byte code with no warning', () => {
    const { bytes, warnings } = encodeReceipt(line('𠀋'), { encoding: 'gb18030' });
    expect(hex(bytes)).toBe('1B 40 1C 26 95 32 83 37 0A');
    expect(warnings).toEqual([]);
  });

  it('drops control characters so text cannot smuggle in commands', () => {
    const { bytes, warnings } = encodeReceipt(line('A\x1b@B\x1dV'));
    expect(hex(bytes)).toBe('1B 40 1C 2E 41 40 42 56 0A');
    expect(warnings.map((w) => w.code)).toEqual(['control-char', 'control-char']);
  });
});

describe('ESC/POS encoder: modes', () => {
  it('encodes GS ! with width−1 in the high nibble and height−1 in the low one', () => {
    expect(hex(encodeReceipt(line('A', { width: 2, height: 3 })).bytes)).toBe('1B 40 1D 21 12 1C 2E 41 0A');
    expect(hex(encodeReceipt(line('A', { width: 8, height: 8 })).bytes)).toBe('1B 40 1D 21 77 1C 2E 41 0A');
  });

  it('clamps a size outside 1–8 and says so', () => {
    const { bytes, warnings } = encodeReceipt(line('A', { width: 9, height: 0 }));
    expect(hex(bytes)).toBe('1B 40 1D 21 70 1C 2E 41 0A');
    expect(warnings[0]?.code).toBe('clamped');
  });

  it('sends bold, align and size only when they change', () => {
    const { bytes } = encodeReceipt({
      blocks: [
        { kind: 'text', text: 'A', align: 'center', bold: true },
        { kind: 'text', text: 'B', align: 'center', bold: true },
        { kind: 'text', text: 'C', align: 'center' },
        { kind: 'text', text: 'D' },
      ],
    });
    expect(hex(bytes)).toBe('1B 40 1B 61 01 1B 45 01 1C 2E 41 0A 42 0A 1B 45 00 43 0A 1B 61 00 44 0A');
  });

  it('feeds with ESC d n', () => {
    const { bytes } = encodeReceipt({ blocks: [{ kind: 'feed', lines: 3 }] });
    expect(hex(bytes)).toBe('1B 40 1B 64 03');
  });

  it('cuts with GS V 66 n (partial) and GS V 65 n (full)', () => {
    expect(hex(encodeReceipt({ blocks: [{ kind: 'cut', partial: true }] }).bytes)).toBe('1B 40 1D 56 42 00');
    expect(hex(encodeReceipt({ blocks: [{ kind: 'cut' }] }).bytes)).toBe('1B 40 1D 56 41 00');
    expect(hex(encodeReceipt({ blocks: [{ kind: 'cut' }] }, { cutFeed: 3 }).bytes)).toBe('1B 40 1D 56 41 03');
  });
});

describe('ESC/POS encoder: native QR', () => {
  it('sends model 2, module size, level, store and print', () => {
    const { bytes } = encodeReceipt({ blocks: [{ kind: 'qr', payload: 'AB', moduleSize: 4, errorLevel: 'Q', align: 'center' }] });
    expect(hex(bytes)).toBe(
      [
        '1B 40',
        '1B 61 01',
        '1D 28 6B 04 00 31 41 32 00',
        '1D 28 6B 03 00 31 43 04',
        '1D 28 6B 03 00 31 45 32',
        '1D 28 6B 05 00 31 50 30 41 42',
        '1D 28 6B 03 00 31 51 30',
      ].join(' '),
    );
  });

  it('counts pL/pH in UTF-8 bytes, not string length', () => {
    const payload = '臺東地檢署?n=1';
    expect(payload.length).toBe(9);
    const utf8 = new TextEncoder().encode(payload);
    expect(utf8.length).toBe(19); // five 3-byte characters + 4 ASCII
    const { bytes } = encodeReceipt({ blocks: [{ kind: 'qr', payload }] });
    const at = indexOfSeq(bytes, [0x1d, 0x28, 0x6b, 19 + 3, 0x00, 0x31, 0x50, 0x30]);
    expect(at).toBeGreaterThan(0);
    expect(hex(bytes.subarray(at + 8, at + 8 + 19))).toBe(hex(utf8));
    expect(hex(bytes.subarray(at + 8 + 19))).toBe('1D 28 6B 03 00 31 51 30');
  });

  it('carries lengths over 255 into pH', () => {
    const payload = '法'.repeat(100); // 300 UTF-8 bytes → 303 = 0x012F
    const { bytes } = encodeReceipt({ blocks: [{ kind: 'qr', payload }] });
    expect(indexOfSeq(bytes, fromHex('1D 28 6B 2F 01 31 50 30'))).toBeGreaterThan(0);
  });

  it('skips a payload too long for any QR symbol, with a warning', () => {
    const { bytes, warnings } = encodeReceipt({ blocks: [{ kind: 'qr', payload: 'x'.repeat(3000), errorLevel: 'L' }] });
    expect(hex(bytes)).toBe('1B 40');
    expect(warnings[0]?.code).toBe('qr-too-long');
  });

  it('sends the model once and module size / level only when they change', () => {
    const { bytes } = encodeReceipt({
      blocks: [
        { kind: 'qr', payload: 'A', moduleSize: 5, errorLevel: 'M' },
        { kind: 'qr', payload: 'B', moduleSize: 5, errorLevel: 'M' },
      ],
    });
    expect(hex(bytes)).toBe(
      [
        '1B 40',
        '1D 28 6B 04 00 31 41 32 00',
        '1D 28 6B 03 00 31 43 05',
        '1D 28 6B 03 00 31 45 31',
        '1D 28 6B 04 00 31 50 30 41',
        '1D 28 6B 03 00 31 51 30',
        '1D 28 6B 04 00 31 50 30 42',
        '1D 28 6B 03 00 31 51 30',
      ].join(' '),
    );
  });
});

describe('ESC/POS encoder: a whole ticket', () => {
  it('fits the 400-byte budget with no redundant mode switch', () => {
    const { bytes, warnings } = encodeReceipt(sampleTicket);
    expect(warnings).toEqual([]);
    expect(bytes.length).toBeLessThanOrEqual(400);
    expect(bytes.length).toBe(315);
    // Chinese mode toggles strictly alternate and are never undone at once.
    const toggles: number[] = [];
    for (let i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i] === 0x1c && (bytes[i + 1] === 0x26 || bytes[i + 1] === 0x2e)) toggles.push(bytes[i + 1] ?? 0);
    }
    // on for the agency, off for the English name and the number, on for the
    // waiting and date lines (QR leaves it alone) and the footer, off for English.
    expect(toggles).toEqual([0x26, 0x2e, 0x26, 0x2e]);
    expect(indexOfSeq(bytes, fromHex('1C 26 1C 2E'))).toBe(-1);
    expect(indexOfSeq(bytes, fromHex('1C 2E 1C 26'))).toBe(-1);
    expect(hex(bytes.subarray(0, 2))).toBe('1B 40');
    expect(hex(bytes.subarray(-4))).toBe('1D 56 42 00');
  });
});
