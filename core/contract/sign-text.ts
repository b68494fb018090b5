/**
 * What an LED sign can show: the rule the staff preview and the server agree
 * on. Pure, no imports (the browser bundles it).
 *
 * - Every sign: a marquee line carries no layout, so line breaks, tabs and
 *   runs of spaces become one space and the ends are trimmed (the ideographic
 *   space U+3000 is kept: Chinese text uses it on purpose).
 * - Alpha signs have Latin fonts only: printable ASCII (U+0020–U+007E) shows
 *   as is; anything else is replaced — curly quotes straightened, dashes and
 *   the ellipsis spelled in ASCII, full-width ASCII made half-width, accents
 *   dropped, otherwise "?".
 *
 * The Alpha driver (hardware/sign/alpha-frames.ts prepareAlphaText, and
 * hardware/sign/text.ts) applies the same rule; hardware/ may not import
 * core/ (ARCHITECTURE.md import rules), so it keeps its own copy, and
 * test/core/contract/sign-text.test.ts proves the two agree on every code point.
 */

/** Line breaks, tabs and runs of spaces become one space; the ends are trimmed; U+3000 stays. */
export function normalizeSignText(text: string): string {
  return text.replace(/[^\S\u3000]+/gu, ' ').replace(/^ | $/g, '');
}

/** Common replacements for what a Latin-only (Alpha) sign lacks. */
export const ALPHA_LATIN_FALLBACK: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u3000': ' ',
  '\u00df': 'ss',
  '\u00e6': 'ae',
  '\u00c6': 'AE',
  '\u00f8': 'o',
  '\u00d8': 'O',
};

/** Whether an Alpha sign shows `ch` (one character) as it is: printable ASCII. */
export function alphaShows(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code >= 0x20 && code <= 0x7e;
}

/** What an Alpha sign shows for `ch` (one character, by code point), or null when it shows `ch` itself. */
export function alphaReplacement(ch: string): string | null {
  if (alphaShows(ch)) return null;
  const known = ALPHA_LATIN_FALLBACK[ch];
  if (known !== undefined) return known;
  const code = ch.codePointAt(0) ?? 0;
  // Full-width ASCII (！ … ～), common in Chinese text: the same character, half width.
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  // é → e, Ü → U: the letter without its accent.
  const stripped = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (/^[\x20-\x7e]+$/.test(stripped)) return stripped;
  return '?';
}

export interface AlphaText {
  /** Exactly the text the sign gets: printable ASCII only. */
  text: string;
  /** Each character replaced, in order, with what is shown instead. */
  replaced: { char: string; replacement: string }[];
}

/** A message as an Alpha sign shows it: normalized, then every character it lacks replaced. */
export function toAlphaText(text: string): AlphaText {
  let out = '';
  const replaced: AlphaText['replaced'] = [];
  for (const ch of normalizeSignText(text)) {
    const replacement = alphaReplacement(ch);
    if (replacement === null) {
      out += ch;
      continue;
    }
    out += replacement;
    replaced.push({ char: ch, replacement });
  }
  return { text: out, replaced };
}
