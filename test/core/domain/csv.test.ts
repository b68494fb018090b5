import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, csvRow } from '../../../core/domain/csv';

/** What a spreadsheet reads back: the cells, quotes undone. */
const cellsOf = (line: string) => (parse(line, { relax_quotes: false }) as string[][])[0]!;

describe('CSV cells', () => {
  it.each(['=HYPERLINK("http://evil.example","點我")', '+1+1', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '=cmd|\' /C calc\'!A0'])(
    'a text cell beginning %j is written as quoted text with a leading apostrophe',
    (text) => {
      const out = csvCell(text);
      expect(out.startsWith(`"'`)).toBe(true);
      expect(cellsOf(out)).toEqual([`'${text}`]);
    },
  );

  it('a text cell that looks like a negative number is still text (a name, never a figure)', () => {
    expect(csvCell('-5')).toBe(`"'-5"`);
  });

  it('numbers stay numbers, negative ones included; null and non-finite are empty', () => {
    expect(csvCell(12)).toBe('12');
    expect(csvCell(3.5)).toBe('3.5');
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('plain text is untouched; commas, quotes and line breaks are quoted as before', () => {
    expect(csvCell('為民服務中心諮詢 Public Service Center Enquiries')).toBe('為民服務中心諮詢 Public Service Center Enquiries');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(cellsOf(csvCell('two\r\nlines'))).toEqual(['two\r\nlines']);
    expect(csvCell('2026-11-01 – 2026-11-30')).toBe('2026-11-01 – 2026-11-30');
  });

  it('a row and a document: BOM, CRLF, one neutralised name among figures', () => {
    const doc = csvDocument([csvRow('=1+1 Evil', 3, null, 0.5), '', csvRow('ok', 0)]);
    expect(doc).toBe(`\uFEFF"'=1+1 Evil",3,,0.5\r\n\r\nok,0\r\n`);
  });
});
