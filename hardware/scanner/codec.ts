import iconv from 'iconv-lite';
import type { ScanEncoding, ScanTerminator } from './types';

export const CR = 0x0d;
export const LF = 0x0a;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a scan's bytes, or null when they are not valid in `encoding`. */
export function decodeScan(bytes: Uint8Array, encoding: ScanEncoding): string | null {
  if (encoding === 'big5') {
    // iconv-lite's big5 is CP950 plus HKSCS; it turns invalid bytes into U+FFFD.
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'big5');
    return text.includes('\ufffd') ? null : text;
  }
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** The bytes a scanner sends for `text`: the text in `encoding`, then the terminator. */
export function encodeScan(text: string, encoding: ScanEncoding, terminator: ScanTerminator | 'none'): Uint8Array {
  const body = encoding === 'big5' ? Uint8Array.from(iconv.encode(text, 'big5')) : new TextEncoder().encode(text);
  const end = terminator === 'none' ? [] : terminator === 'lf' ? [LF] : terminator === 'crlf' ? [CR, LF] : [CR];
  const out = new Uint8Array(body.length + end.length);
  out.set(body);
  out.set(end, body.length);
  return out;
}
