/**
 * What an LED sign will show for a message, for the staff preview. Mirrors
 * the server (core/devices/signs.ts signMessagesFor) and the sign drivers
 * (hardware/sign, which the renderer may not import). The text clean-up and
 * the Alpha Latin fallback are the shared rule in core/contract/sign-text.ts;
 * the Onbon escapes are mirrored here. Pure; unit-tested.
 *
 * - Alpha signs have Latin fonts only: they get the English text alone; any
 *   character outside printable ASCII is replaced (accents dropped, full-width
 *   made half-width, curly quotes straightened, anything else "?").
 * - Onbon BX signs (GBK font card) get the Chinese, then the English. A
 *   backslash would start an escape and is sent as "＼"; characters beyond
 *   the Basic Multilingual Plane (emoji…) have no GBK code and become "?".
 */
import { alphaReplacement, normalizeSignText } from '../../../core/contract';

export { normalizeSignText };

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
    const replacement = protocol === 'alpha' ? alphaReplacement(ch) : onbonFor(ch);
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
