import { KEYPAD_KEYS, type KeypadKey, type KeypadPress } from './types';

/**
 * The keypad line protocol, ASCII, one message per CR LF-terminated line:
 *
 *   keypad → host   K<aa>,<KEY>[,<arg>]     K03,NEXT   K03,CALL,A012
 *   host → keypad   D<aa>,<text>            D03,A012   D03,OK   D03,ERR
 *
 * aa is the two-digit address; text is at most 8 printable ASCII characters
 * (the keypad's display). Chosen because most counter keypads speak ASCII
 * lines and this is the smallest such protocol an installer can read on a
 * serial monitor.
 */
const PRESS = /^K(\d{2}),([A-Z]+)(?:,([A-Z][0-9]{3}))?$/;

export function parsePress(line: string): KeypadPress | null {
  const m = PRESS.exec(line);
  if (!m) return null;
  const key = m[2] as KeypadKey;
  if (!(KEYPAD_KEYS as readonly string[]).includes(key)) return null;
  if ((key === 'CALL') !== (m[3] !== undefined)) return null;
  const address = Number(m[1]);
  if (address < 1) return null;
  return m[3] ? { address, key, arg: m[3] } : { address, key };
}

export function encodePress(press: KeypadPress): Uint8Array {
  return ascii(`K${pad(press.address)},${press.key}${press.arg ? `,${press.arg}` : ''}\r\n`);
}

export function encodeDisplay(address: number, text: string): Uint8Array {
  const safe = text.replace(/[^\x20-\x7e]/g, '').slice(0, 8);
  return ascii(`D${pad(address)},${safe}\r\n`);
}

export function parseDisplay(line: string): { address: number; text: string } | null {
  const m = /^D(\d{2}),([\x20-\x7e]{0,8})$/.exec(line);
  return m ? { address: Number(m[1]), text: m[2]! } : null;
}

/** Splits a byte stream into lines; a line may arrive across many chunks. */
export class LineSplitter {
  private buffer = '';
  constructor(
    private readonly onLine: (line: string) => void,
    /** A line longer than this is noise: dropped rather than grown forever. */
    private readonly maxLine = 64,
  ) {}

  /** Forgets a half-received line: after the link drops, its end will never come. */
  reset(): void {
    this.buffer = '';
  }

  push(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (b === 0x0a || b === 0x0d) {
        if (this.buffer) this.onLine(this.buffer);
        this.buffer = '';
      } else if (this.buffer.length < this.maxLine) {
        this.buffer += String.fromCharCode(b);
      }
    }
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}
