/**
 * The Alpha Sign Communications Protocol (Adaptive Micro Systems; BetaBrite,
 * Alpha 215C, …), the parts a marquee needs: the standard transmission packet
 * and the Write TEXT file command. Encoder and decoder live together so the
 * simulator reads exactly what the driver writes.
 *
 *   00 00 00 00 00  SOH  type  addr addr  STX  'A' label  ESC pos mode [speed] [1C colour] text … EOT
 *
 * Sources (PROTOCOLS.md, "LED signs"): msparks/alphasign `packet.py` (five
 * NULs, SOH, type 'Z', address "00", STX, contents, EOT), `text.py` (WRITE_TEXT
 * 'A', label, ESC, position, mode, message), `positions.py`, `modes.py`,
 * `speeds.py` (0x15–0x19) and `colors.py` (0x1C then '1' red, '2' green,
 * '3' amber, 'C' autocolor). A packet may also carry ETX and a four-hex-digit
 * checksum (the 16-bit sum from STX through ETX, as lancereinsmith/alphasignpy
 * `packet.py` writes it); the decoder checks it when present, the encoder
 * leaves it out like msparks/alphasign.
 *
 * Several messages go into ONE text file, each opened by its own
 * ESC position mode sequence: the sign shows them in turn, each with its own
 * effect. No memory configuration (E$) or run sequence is needed for that,
 * unlike one file per message.
 */
import { normalizeSignText } from './text';
import type { SignColor, SignEffect, SignMessage, SignSpeed, SignWarning } from './types';

export const NUL = 0x00;
export const SOH = 0x01;
export const STX = 0x02;
export const ETX = 0x03;
export const EOT = 0x04;
export const ESC = 0x1b;
/** Colour selector: 0x1C then one character. */
export const COLOR = 0x1c;
/** Character set / font selector: 0x1A then one character. */
export const FONT = 0x1a;
/** Speed 1 (slowest) … speed 5 (fastest): 0x15 … 0x19. */
export const SPEED_1 = 0x15;
export const WRITE_TEXT = 0x41; // 'A'

export type AlphaPosition = 'middle' | 'top' | 'bottom' | 'fill';

export const ALPHA_POSITIONS: Readonly<Record<AlphaPosition, number>> = { middle: 0x20, top: 0x22, bottom: 0x26, fill: 0x30 };

/** The mode code each effect is sent as. */
export const ALPHA_MODE_FOR_EFFECT: Readonly<Record<SignEffect, string>> = {
  rotate: 'a',
  hold: 'b',
  flash: 'c',
  wipe: 'l',
  scroll: 'm',
  auto: 'o',
};

const COLOR_CODE: Readonly<Record<SignColor, string>> = { red: '1', green: '2', amber: '3', auto: 'C' };

/** What a mode code looks like on the sign, in this HAL's vocabulary. */
export function effectForAlphaMode(mode: string): SignEffect {
  const c = mode[0] ?? '';
  if (c === 'a' || c === 't') return 'rotate';
  if (c === 'b') return 'hold';
  if (c === 'c') return 'flash';
  if (c === 'm' || 'efghpq'.includes(c)) return 'scroll'; // roll modes push the old message away too
  if ('ijklrs'.includes(c)) return 'wipe';
  return 'auto'; // o, special n?, explode u, clock v
}

export interface AlphaAddressing {
  /** Type code: 'Z' addresses every sign type. Default 'Z'. */
  typeCode?: string;
  /** Two hex digits; "00" is every sign on the line. Default "00". */
  address?: string;
}

/** One message inside a TEXT file: ESC, position, mode, then its text. */
export interface AlphaPage {
  position: number;
  /** 'a' … 'v', or 'n' plus the special-mode character. */
  mode: string;
  text: string;
  speed?: SignSpeed;
  color?: SignColor;
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0) & 0xff);

function checkAddressing(a: AlphaAddressing): { typeCode: string; address: string } {
  const typeCode = a.typeCode ?? 'Z';
  const address = (a.address ?? '00').toUpperCase();
  if (!/^[\x20-\x7e]$/.test(typeCode)) throw new RangeError(`Alpha type code must be one printable character, got ${JSON.stringify(typeCode)}`);
  if (!/^[0-9A-F]{2}$/.test(address)) throw new RangeError(`Alpha sign address must be two hex digits, got ${JSON.stringify(a.address)}`);
  return { typeCode, address };
}

/** A standard transmission packet around one command (command code + data). */
export function encodeAlphaPacket(command: ArrayLike<number>, addressing: AlphaAddressing = {}): Uint8Array {
  const { typeCode, address } = checkAddressing(addressing);
  return Uint8Array.from([NUL, NUL, NUL, NUL, NUL, SOH, ...ascii(typeCode), ...ascii(address), STX, ...Array.from(command), EOT]);
}

/** The Write TEXT file command: 'A', label, then each page. No pages: an empty file, which blanks it. */
export function encodeWriteText(label: string, pages: readonly AlphaPage[], addressing: AlphaAddressing = {}): Uint8Array {
  if (!/^[\x20-\x7e]$/.test(label)) throw new RangeError(`Alpha file label must be one printable character, got ${JSON.stringify(label)}`);
  const body: number[] = [WRITE_TEXT, label.charCodeAt(0)];
  for (const page of pages) {
    if (!/^([a-mo-v]|n[0-9A-Z])$/.test(page.mode)) throw new RangeError(`not an Alpha mode code: ${JSON.stringify(page.mode)}`);
    body.push(ESC, page.position, ...ascii(page.mode));
    if (page.speed !== undefined) body.push(SPEED_1 + page.speed - 1);
    if (page.color !== undefined) body.push(COLOR, COLOR_CODE[page.color].charCodeAt(0));
    for (const c of page.text) {
      const code = c.charCodeAt(0);
      if (c.length !== 1 || code < 0x20 || code > 0x7e) throw new RangeError(`Alpha text must be printable ASCII; prepare it with prepareAlphaText first (got U+${code.toString(16)})`);
      body.push(code);
    }
  }
  return encodeAlphaPacket(body, addressing);
}

/**
 * Common replacements for what a Latin-only sign lacks; anything else becomes '?'.
 * The only copy of this rule: the staff preview asks the server, which runs
 * prepareAlphaText (signTextShown in ./index.ts).
 */
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
  // Full-width ASCII (！ … ～), common in Chinese text: the same character, half width.
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  // é → e, Ü → U: the letter without its accent.
  const stripped = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (/^[\x20-\x7e]+$/.test(stripped)) return stripped;
  return '?';
}

/**
 * Makes a message printable on a Latin-only sign: printable ASCII passes,
 * anything else is replaced (accent dropped, full-width made half-width,
 * otherwise '?') and reported, one warning per character.
 */
export function prepareAlphaText(text: string, messageIndex: number): { text: string; warnings: SignWarning[] } {
  const warnings: SignWarning[] = [];
  let out = '';
  for (const ch of normalizeSignText(text)) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x20 && code <= 0x7e) {
      out += ch;
      continue;
    }
    const replacement = latinFor(ch);
    out += replacement;
    warnings.push({
      code: 'replaced-char',
      messageIndex,
      char: ch,
      replacement,
      message: `"${ch}" (U+${code.toString(16).toUpperCase().padStart(4, '0')}) is not in the Alpha sign's Latin font; shown as "${replacement}"`,
    });
  }
  return { text: out, warnings };
}

export interface AlphaShowOptions extends AlphaAddressing {
  /** TEXT file written. Default 'A' (the file a factory-set sign runs). */
  fileLabel?: string;
  /** Default 'middle' (0x20), alphasign's default. */
  position?: AlphaPosition;
}

/**
 * The whole packet for show(messages): one TEXT file, one page per message.
 * A speed or colour, once given, holds for the rest of a file, so when any
 * message sets one, every page restates it (speed 3, AUTOCOLOR by default).
 */
export function encodeAlphaShow(messages: readonly SignMessage[], options: AlphaShowOptions = {}): { bytes: Uint8Array; warnings: SignWarning[] } {
  const position = ALPHA_POSITIONS[options.position ?? 'middle'];
  const anySpeed = messages.some((m) => m.speed !== undefined);
  const anyColor = messages.some((m) => m.color !== undefined && m.color !== 'auto');
  const warnings: SignWarning[] = [];
  const pages = messages.map((m, i): AlphaPage => {
    const prepared = prepareAlphaText(m.text, i);
    warnings.push(...prepared.warnings);
    return {
      position,
      mode: ALPHA_MODE_FOR_EFFECT[m.effect],
      text: prepared.text,
      ...(anySpeed ? { speed: m.speed ?? 3 } : {}),
      ...(anyColor ? { color: m.color ?? 'auto' } : {}),
    };
  });
  return { bytes: encodeWriteText(options.fileLabel ?? 'A', pages, options), warnings };
}

// ---- decoding ----------------------------------------------------------------

export type AlphaCommand = { code: 'A'; label: string; pages: AlphaPage[] } | { code: string; data: Uint8Array };

export interface AlphaPacket {
  typeCode: string;
  address: string;
  commands: AlphaCommand[];
}

export type AlphaDecodeResult = { ok: true; packet: AlphaPacket } | { ok: false; reason: string };

const COLOR_FROM_CODE: Readonly<Record<string, SignColor>> = { '1': 'red', '2': 'green', '3': 'amber', C: 'auto' };

/** The pages of a TEXT file's contents (after the label). Speed and colour carry over from page to page, as on the sign. */
export function decodeTextContents(bytes: ArrayLike<number>): AlphaPage[] | null {
  const pages: AlphaPage[] = [];
  let speed: SignSpeed | undefined;
  let color: SignColor | undefined;
  let page: AlphaPage | undefined;
  const withState = (p: AlphaPage): AlphaPage => ({ ...p, ...(speed !== undefined ? { speed } : {}), ...(color !== undefined ? { color } : {}) });
  const flush = () => {
    if (page) pages.push(withState(page));
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === ESC) {
      flush();
      const pos = bytes[i + 1];
      const m = bytes[i + 2];
      if (pos === undefined || m === undefined) return null;
      let mode = String.fromCharCode(m);
      i += 3;
      if (mode === 'n') {
        const special = bytes[i];
        if (special === undefined) return null;
        mode += String.fromCharCode(special);
        i += 1;
      }
      if (!/^[a-v]/.test(mode)) return null;
      page = { position: pos, mode, text: '' };
      continue;
    }
    // Text before any ESC: the sign shows it in its default (automatic) mode.
    page ??= { position: ALPHA_POSITIONS.fill, mode: 'o', text: '' };
    if (b >= SPEED_1 && b <= SPEED_1 + 4) {
      speed = (b - SPEED_1 + 1) as SignSpeed;
      i += 1;
    } else if (b === COLOR) {
      const c = bytes[i + 1];
      if (c === undefined) return null;
      const ch = String.fromCharCode(c);
      if (ch === 'Z' || ch === 'Y') i += 8; // an RGB colour: 'Z' or 'Y' and six hex digits
      else {
        const known = COLOR_FROM_CODE[ch];
        if (known) color = known;
        i += 2;
      }
    } else if (b === FONT) {
      i += 2;
    } else if (b >= 0x20 && b <= 0x7e) {
      page.text += String.fromCharCode(b);
      i += 1;
    } else {
      i += 1; // other in-text control codes (line breaks, pauses, …) show nothing themselves
    }
  }
  flush();
  return pages;
}

const hex4 = (n: number) => (n & 0xffff).toString(16).toUpperCase().padStart(4, '0');

/** Decodes one packet, from its leading NULs (optional) through EOT. */
export function decodeAlphaPacket(bytes: ArrayLike<number>): AlphaDecodeResult {
  let i = 0;
  while (i < bytes.length && bytes[i] === NUL) i++;
  if (bytes[i] !== SOH) return { ok: false, reason: 'no SOH' };
  if (bytes[bytes.length - 1] !== EOT) return { ok: false, reason: 'no EOT' };
  const end = bytes.length - 1;
  const header = Array.from({ length: 3 }, (_, k) => bytes[i + 1 + k]);
  if (header.some((b) => b === undefined || b < 0x20 || b > 0x7e)) return { ok: false, reason: 'bad type code or address' };
  const typeCode = String.fromCharCode(header[0]!);
  const address = String.fromCharCode(header[1]!, header[2]!);
  i += 4;
  const commands: AlphaCommand[] = [];
  while (i < end) {
    if (bytes[i] !== STX) return { ok: false, reason: `expected STX at byte ${i}` };
    const start = i;
    i += 1;
    const body: number[] = [];
    while (i < end && bytes[i] !== STX && bytes[i] !== ETX) body.push(bytes[i++]!);
    if (bytes[i] === ETX) {
      // ETX, then (optionally) the checksum of STX … ETX as four hex digits.
      let sum = 0;
      for (let k = start; k <= i; k++) sum += bytes[k]!;
      i += 1;
      if (i + 4 <= end && /^[0-9A-Fa-f]{4}$/.test(String.fromCharCode(...Array.from({ length: 4 }, (_, k) => bytes[i + k]!)))) {
        const given = String.fromCharCode(...Array.from({ length: 4 }, (_, k) => bytes[i + k]!)).toUpperCase();
        if (given !== hex4(sum)) return { ok: false, reason: `checksum ${given} != ${hex4(sum)}` };
        i += 4;
      }
    }
    const code = body[0];
    if (code === undefined) return { ok: false, reason: 'empty command' };
    if (code === WRITE_TEXT) {
      const label = body[1];
      if (label === undefined || label < 0x20 || label > 0x7e) return { ok: false, reason: 'no file label' };
      const pages = decodeTextContents(body.slice(2));
      if (!pages) return { ok: false, reason: 'truncated mode field' };
      commands.push({ code: 'A', label: String.fromCharCode(label), pages });
    } else {
      commands.push({ code: String.fromCharCode(code), data: Uint8Array.from(body.slice(1)) });
    }
  }
  if (commands.length === 0) return { ok: false, reason: 'no command' };
  return { ok: true, packet: { typeCode, address, commands } };
}

/**
 * Cuts a byte stream into packets (SOH … EOT), however it was split into
 * reads. A packet broken off by a new SOH, or longer than `maxLength`, is
 * reported as bad.
 */
export class AlphaPacketReader {
  private buffer: number[] = [];
  private inPacket = false;

  constructor(
    private readonly onPacket: (result: AlphaDecodeResult) => void,
    private readonly maxLength = 16 * 1024,
  ) {}

  push(bytes: ArrayLike<number>): void {
    for (let k = 0; k < bytes.length; k++) {
      const b = bytes[k]!;
      if (b === SOH) {
        if (this.inPacket) this.onPacket({ ok: false, reason: 'packet cut off by a new SOH' });
        this.inPacket = true;
        this.buffer = [SOH];
        continue;
      }
      if (!this.inPacket) continue; // sync NULs and line noise between packets
      this.buffer.push(b);
      if (b === EOT) {
        const packet = this.buffer;
        this.reset();
        this.onPacket(decodeAlphaPacket(packet));
      } else if (this.buffer.length > this.maxLength) {
        this.reset();
        this.onPacket({ ok: false, reason: `packet longer than ${this.maxLength} bytes` });
      }
    }
  }

  reset(): void {
    this.buffer = [];
    this.inPacket = false;
  }
}
