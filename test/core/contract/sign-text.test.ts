/**
 * The shared rule for what an LED sign can show (core/contract/sign-text.ts),
 * and proof that the Alpha driver, which may not import it (hardware/ never
 * imports core/), applies exactly the same rule.
 */
import { describe, expect, it } from 'vitest';
import { ALPHA_LATIN_FALLBACK, alphaReplacement, alphaShows, normalizeSignText, toAlphaText } from '../../../core/contract';
import { prepareAlphaText } from '../../../hardware/sign/alpha-frames';
import { normalizeSignText as driverNormalize } from '../../../hardware/sign/text';

describe('what every sign gets', () => {
  it('one line: breaks, tabs and runs of spaces become one space, ends trimmed, the ideographic space kept', () => {
    expect(normalizeSignText('  Line one\n\tline two  ')).toBe('Line one line two');
    expect(normalizeSignText('第一\u3000法庭')).toBe('第一\u3000法庭');
    expect(normalizeSignText('\u3000lead')).toBe('\u3000lead');
    expect(normalizeSignText('a\u00a0\u00a0b')).toBe('a b');
    expect(normalizeSignText('')).toBe('');
  });
});

describe('what an Alpha (Latin-only) sign shows', () => {
  it('shows printable ASCII as it is', () => {
    for (let c = 0x20; c <= 0x7e; c++) {
      const ch = String.fromCharCode(c);
      expect(alphaShows(ch)).toBe(true);
      expect(alphaReplacement(ch)).toBeNull();
    }
    expect(alphaShows('\u007f')).toBe(false);
    expect(alphaShows('\t')).toBe(false);
  });

  it('replaces the rest: the table first, full-width made half-width, accents dropped, otherwise "?"', () => {
    expect(alphaReplacement('“')).toBe('"');
    expect(alphaReplacement('’')).toBe("'");
    expect(alphaReplacement('–')).toBe('-');
    expect(alphaReplacement('…')).toBe('...');
    expect(alphaReplacement('ß')).toBe('ss');
    expect(alphaReplacement('\u3000')).toBe(' ');
    expect(alphaReplacement('！')).toBe('!');
    expect(alphaReplacement('Ａ')).toBe('A');
    expect(alphaReplacement('～')).toBe('~');
    expect(alphaReplacement('é')).toBe('e');
    expect(alphaReplacement('Ü')).toBe('U');
    expect(alphaReplacement('臺')).toBe('?');
    expect(alphaReplacement('😀')).toBe('?');
    expect(alphaReplacement('\u007f')).toBe('?');
    for (const [ch, latin] of Object.entries(ALPHA_LATIN_FALLBACK)) expect(alphaReplacement(ch)).toBe(latin);
  });

  it('a message: normalized, then each missing character replaced and listed', () => {
    expect(toAlphaText('Café 臺北 “A012”！')).toEqual({
      text: 'Cafe ?? "A012"!',
      replaced: [
        { char: 'é', replacement: 'e' },
        { char: '臺', replacement: '?' },
        { char: '北', replacement: '?' },
        { char: '“', replacement: '"' },
        { char: '”', replacement: '"' },
        { char: '！', replacement: '!' },
      ],
    });
    expect(toAlphaText('  Room\n 1  ')).toEqual({ text: 'Room 1', replaced: [] });
    expect(toAlphaText('Room 😀')).toEqual({ text: 'Room ?', replaced: [{ char: '😀', replacement: '?' }] });
  });
});

describe('the Alpha driver applies the same rule', () => {
  /** Every code point, lone surrogates included, in chunks (whitespace in a chunk is collapsed alike by both). */
  function* chunks(size = 2048): Generator<string> {
    for (let start = 0; start <= 0x10ffff; start += size) {
      let s = '';
      for (let c = start; c < Math.min(start + size, 0x110000); c++) s += String.fromCodePoint(c);
      yield s;
    }
  }

  it('on every code point: the same text and the same characters replaced', () => {
    let n = 0;
    for (const s of chunks()) {
      const shared = toAlphaText(s);
      const driver = prepareAlphaText(s, 0);
      if (shared.text !== driver.text) expect(shared.text).toBe(driver.text);
      const warned = driver.warnings.map((w) => ({ char: w.char, replacement: w.replacement }));
      if (JSON.stringify(shared.replaced) !== JSON.stringify(warned)) expect(shared.replaced).toEqual(warned);
      n += 1;
    }
    expect(n).toBe(544);
  });

  it('normalizes like the drivers', () => {
    const samples = ['  a \n\t b  ', 'a\u3000b', 'x  y', '\u3000lead', '\r\n\v\f', 'a\u2028b\u2029c', '\u00a0\u1680\u2000\u200a\u202f\u205f\ufeffz'];
    for (const s of [...samples, ...chunks(4096)]) expect(normalizeSignText(s)).toBe(driverNormalize(s));
  });
});
