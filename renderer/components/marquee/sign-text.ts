/**
 * What an LED sign will show for a message, for the staff preview. Mirrors
 * the server (core/devices/signs.ts signMessagesFor) and the sign drivers
 * (hardware/sign: the text clean-up, the Alpha Latin fallback, the Onbon
 * escapes), which the renderer may not import. Pure; unit-tested.
 *
 * - Alpha signs have Latin fonts only: they get the English text alone; any
 *   character outside printable ASCII is replaced (accents dropped, full-width
 *   made half-width, curly quotes straightened, anything else "?").
 * - Onbon BX signs (GBK font card) get the Chinese, then the English. A
 *   backslash would start an escape and is sent as "＼"; characters beyond
 *   the Basic Multilingual Plane (emoji…) have no GBK code and become "?".
 */

export type SignProtocol = 'alpha' | 'onbon-bx';

/** A run of the sign's text; `from` is set when the sign shows a replacement for that character. */
export interface SignRun {
  text: string;
  from?: string;
}

export interface SignPreview {
  /** Exactly the text the sign gets. */
  text: string;
  runs: SignRun[];
  replaced: { char: string; replacement: string }[];
}

/** Line breaks, tabs and runs of spaces become one space; the ideographic space stays (hardware/sign/text.ts). */
export function normalizeSignText(text: string): string {
  return text.replace(/[^\S\u3000]+/gu, ' ').replace(/^ | $/g, '');
}

const LATIN_FALLBACK: Readonly<Record<string, string>> = {
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

function latinFor(ch: string): string {
  const known = LATIN_FALLBACK[ch];
  if (known !== undefined) return known;
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  const stripped = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (/^[\x20-\x7e]+$/.test(stripped)) return stripped;
  return '?';
}

function onbonFor(ch: string): string | null {
  const code = ch.codePointAt(0) ?? 0;
  if (ch === '\\') return '＼';
  if (code < 0x20 || code === 0x7f) return '?';
  if (code > 0xffff) return '?';
  return null;
}

/** The message text the server sends to a sign of `protocol` (before the driver's clean-up). */
export function signSource(protocol: SignProtocol, zh: string, en: string): string {
  return protocol === 'alpha' ? en : `${zh}  ${en}`;
}

/** What a sign of `protocol` shows for a message in `zh` and `en`. */
export function signPreview(protocol: SignProtocol, zh: string, en: string): SignPreview {
  const source = normalizeSignText(signSource(protocol, zh, en));
  const runs: SignRun[] = [];
  const replaced: SignPreview['replaced'] = [];
  let plain = '';
  const flush = () => {
    if (plain) runs.push({ text: plain });
    plain = '';
  };
  for (const ch of source) {
    const code = ch.codePointAt(0) ?? 0;
    const replacement = protocol === 'alpha' ? (code >= 0x20 && code <= 0x7e ? null : latinFor(ch)) : onbonFor(ch);
    if (replacement === null) {
      plain += ch;
      continue;
    }
    flush();
    runs.push({ text: replacement, from: ch });
    replaced.push({ char: ch, replacement });
  }
  flush();
  return { text: runs.map((r) => r.text).join(''), runs, replaced };
}
