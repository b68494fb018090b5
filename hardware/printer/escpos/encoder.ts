import iconv from 'iconv-lite';
import type { Align, ChineseEncoding, PrinterEncoding, PrintWarning, ReceiptDoc } from '../types';
import { ESC, FS, GS, LF, QR_ERROR_CODE, QR_MAX_BYTES, type QrErrorLevel } from './commands';
import { rasterCommand, type LineRasterizer } from './raster';

export interface EncodeOptions {
  /**
   * The two-byte encoding of the printer's Chinese font, or 'raster' for a
   * printer without one (every line with non-ASCII text becomes an image).
   * Default 'big5'.
   */
  encoding?: PrinterEncoding;
  /**
   * Draws a line as an image: every non-ASCII line under 'raster', and under
   * big5/gb18030 a line holding a character the font lacks (instead of the
   * placeholder). Absent or null: placeholders, with a warning.
   */
  rasterizer?: LineRasterizer | null;
  /** Why there is no rasterizer, added to the placeholder warnings. */
  rasterUnavailableReason?: string;
  /**
   * Which Big5 characters to trust the printer with. iconv-lite's `big5` also
   * encodes the HKSCS extension (e.g. 堃 → FB 69), but those codes sit in the
   * user-defined area of a Taiwanese printer's font and print as blanks or as
   * the wrong glyph. 'cp950' (default) accepts only what Windows code page 950
   * (Big5 + ETEN) maps back to the same character; 'hkscs' accepts all of it.
   */
  big5Repertoire?: 'cp950' | 'hkscs';
  /** Shown instead of a character the printer cannot print (when there is no raster fallback). Default '○'; '?' under 'raster'. */
  placeholder?: string;
  /** Start with ESC @. Default true; false only to append to a job in progress. */
  initialize?: boolean;
  /** Extra feed (motion units) before a cut, the n of GS V 65/66 n. Default 0: feed to the cutter. */
  cutFeed?: number;
  /** QR module size when a block gives none. Default 6. */
  qrModuleSize?: number;
  /** QR error correction when a block gives none. Default 'M'. */
  qrErrorLevel?: QrErrorLevel;
}

export interface EncodeResult {
  bytes: Uint8Array;
  warnings: PrintWarning[];
}

const ALIGN_CODE: Record<Align, number> = { left: 0, center: 1, right: 2 };

/** Per-table cache: a ticket repeats the same few characters every time. */
const charCaches = new Map<string, Map<string, number[] | null>>();

function charEncoder(encoding: ChineseEncoding, repertoire: 'cp950' | 'hkscs'): (ch: string) => number[] | null {
  const key = `${encoding}/${repertoire}`;
  let cache = charCaches.get(key);
  if (!cache) {
    cache = new Map();
    charCaches.set(key, cache);
  }
  const table = cache;
  // The printer decodes with its own font table, so a character is usable only
  // if that table maps our bytes back to the very same character; iconv-lite
  // otherwise substitutes '?' without telling anyone.
  const checkTable = encoding === 'gb18030' ? 'gb18030' : repertoire === 'cp950' ? 'cp950' : 'big5';
  return (ch) => {
    const hit = table.get(ch);
    if (hit !== undefined) return hit;
    const encoded = iconv.encode(ch, encoding);
    const ok = encoded.length >= 2 && iconv.decode(encoded, checkTable) === ch;
    const result = ok ? Array.from(encoded) : null;
    table.set(ch, result);
    return result;
  };
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): { value: number; clamped: boolean } {
  if (value === undefined) return { value: fallback, clamped: false };
  const v = Math.round(Number.isFinite(value) ? value : fallback);
  const c = Math.min(max, Math.max(min, v));
  return { value: c, clamped: c !== value };
}

function isControl(cp: number): boolean {
  return cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f);
}

/**
 * Lays a ReceiptDoc out as ESC/POS bytes. Modes are tracked and a command is
 * sent only when the next line needs a different setting, so a ticket stays
 * around 250 bytes (it crosses a 9600-baud serial line in a quarter second).
 */
export function encodeReceipt(doc: ReceiptDoc, options: EncodeOptions = {}): EncodeResult {
  const encoding = options.encoding ?? 'big5';
  const rasterOnly = encoding === 'raster';
  // Under 'raster' the font table only matters for placeholders, which are then ASCII.
  const fontEncoding: ChineseEncoding = rasterOnly ? 'big5' : encoding;
  const encodeChar = charEncoder(fontEncoding, options.big5Repertoire ?? 'cp950');
  const rasterizer = options.rasterizer ?? null;
  const noRaster = options.rasterUnavailableReason ? ` (no raster fallback: ${options.rasterUnavailableReason})` : '';
  const out: number[] = [];
  const warnings: PrintWarning[] = [];

  let placeholder = options.placeholder ?? (rasterOnly ? '?' : '○');
  if ((rasterOnly || encodeChar(placeholder) === null) && !/^[\x20-\x7e]$/.test(placeholder)) placeholder = '?';

  // undefined = not known: after ESC @ the printer is back at its power-on
  // defaults, and whether Chinese mode is on then depends on the model's
  // memory switches. Sending FS . / FS & lazily before the first line that
  // cares avoids an FS . immediately undone by FS & on a ticket that opens
  // with a Chinese line.
  let align: number | undefined;
  let size: number | undefined;
  let bold: boolean | undefined;
  let chinese: boolean | undefined;
  let qrModelSent = false;
  let qrSize: number | undefined;
  let qrLevel: number | undefined;

  if (options.initialize ?? true) {
    out.push(ESC, 0x40);
    align = 0;
    size = 0;
    bold = false;
  }

  const setAlign = (a: Align | undefined) => {
    const code = ALIGN_CODE[a ?? 'left'];
    if (align !== code) out.push(ESC, 0x61, code);
    align = code;
  };

  doc.blocks.forEach((block, blockIndex) => {
    switch (block.kind) {
      case 'text': {
        const w = clampInt(block.width, 1, 1, 8);
        const h = clampInt(block.height, 1, 1, 8);
        if (w.clamped || h.clamped) {
          warnings.push({ code: 'clamped', blockIndex, message: `text size ${block.width ?? 1}×${block.height ?? 1} clamped to ${w.value}×${h.value}` });
        }
        for (const line of block.text.split(/\r\n|\n|\r/)) {
          // Dropped, not passed through: a stray ESC or GS in a name from the
          // database would otherwise be executed as a command.
          let clean = '';
          for (const ch of line) {
            const cp = ch.codePointAt(0) ?? 0;
            if (isControl(cp)) {
              warnings.push({ code: 'control-char', blockIndex, char: ch, message: `control character U+${cp.toString(16).padStart(4, '0').toUpperCase()} dropped` });
            } else {
              clean += ch;
            }
          }
          const bytes: number[] = [];
          const unencodable: string[] = [];
          let needsChinese = false;
          for (const ch of clean) {
            const cp = ch.codePointAt(0) ?? 0;
            if (cp < 0x80) {
              bytes.push(cp);
              continue;
            }
            const enc = rasterOnly ? null : encodeChar(ch);
            if (enc) {
              needsChinese = true;
              bytes.push(...enc);
            } else {
              unencodable.push(ch);
              const ph = rasterOnly ? null : encodeChar(placeholder);
              if (ph) {
                needsChinese = true;
                bytes.push(...ph);
              } else {
                bytes.push(placeholder.charCodeAt(0));
              }
            }
          }
          if (unencodable.length > 0 && rasterizer) {
            // The whole line as an image, so it keeps one font and one baseline.
            const drawn = rasterizer.render(clean, { width: w.value, height: h.value, bold: block.bold ?? false });
            // Under 'raster' an image is the normal way, not worth a warning.
            if (!rasterOnly) {
              for (const ch of new Set(unencodable)) {
                warnings.push({
                  code: 'raster-fallback',
                  blockIndex,
                  char: ch,
                  message: `'${ch}' (U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}) is not in the printer's ${encoding} font; its line was sent as an image`,
                });
              }
            }
            for (const ch of drawn.missingGlyphs) {
              warnings.push({ code: 'missing-glyph', blockIndex, char: ch, message: `'${ch}' (U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}) is in no font on this computer; printed as an empty box` });
            }
            setAlign(block.align);
            for (const image of drawn.images) for (const byte of rasterCommand(image)) out.push(byte);
            // GS v 0 leaves the print position at the start of the next line: no LF.
            continue;
          }
          for (const ch of unencodable) {
            warnings.push({
              code: 'unencodable-char',
              blockIndex,
              char: ch,
              message: `'${ch}' (U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}) is not in the printer's ${rasterOnly ? 'fonts (raster encoding)' : `${encoding} font`}; printed as '${placeholder}'${noRaster}`,
            });
          }
          if (bytes.length > 0) {
            setAlign(block.align);
            const sizeCode = ((w.value - 1) << 4) | (h.value - 1);
            if (size !== sizeCode) out.push(GS, 0x21, sizeCode);
            size = sizeCode;
            const b = block.bold ?? false;
            if (bold !== b) out.push(ESC, 0x45, b ? 1 : 0);
            bold = b;
            // Latin-only lines go outside Chinese mode: in it, a byte ≥ 0x80
            // would start a two-byte character. Lines with any Chinese keep
            // their ASCII inside the mode, where it still prints as ASCII.
            if (chinese !== needsChinese) out.push(FS, needsChinese ? 0x26 : 0x2e);
            chinese = needsChinese;
            for (const byte of bytes) out.push(byte);
          }
          out.push(LF);
        }
        break;
      }
      case 'qr': {
        const data = new TextEncoder().encode(block.payload);
        const level: QrErrorLevel = block.errorLevel ?? options.qrErrorLevel ?? 'M';
        if (data.length === 0) {
          warnings.push({ code: 'qr-empty', blockIndex, message: 'empty QR payload skipped' });
          break;
        }
        if (data.length > QR_MAX_BYTES[level]) {
          // The printer would silently print nothing; say so and skip it.
          warnings.push({ code: 'qr-too-long', blockIndex, message: `QR payload of ${data.length} bytes exceeds ${QR_MAX_BYTES[level]} at level ${level}; skipped` });
          break;
        }
        for (let i = 0; i + 2 < data.length; i++) {
          if (data[i] === 0x10 && (data[i + 1] === 0x04 || data[i + 1] === 0x05 || data[i + 1] === 0x14)) {
            warnings.push({ code: 'qr-realtime-sequence', blockIndex, message: `QR payload contains DLE ${data[i + 1]} at byte ${i}: the printer executes it as a real-time command` });
          }
        }
        const module = clampInt(block.moduleSize, options.qrModuleSize ?? 6, 1, 16);
        if (module.clamped) warnings.push({ code: 'clamped', blockIndex, message: `QR module size ${block.moduleSize} clamped to ${module.value}` });

        setAlign(block.align);
        if (!qrModelSent) out.push(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00);
        qrModelSent = true;
        if (qrSize !== module.value) out.push(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, module.value);
        qrSize = module.value;
        const levelCode = QR_ERROR_CODE[level];
        if (qrLevel !== levelCode) out.push(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, levelCode);
        qrLevel = levelCode;
        // pL pH count bytes from the 0x31 on: the UTF-8 payload plus 31 50 30.
        const len = data.length + 3;
        out.push(GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, 0x50, 0x30);
        for (const byte of data) out.push(byte);
        out.push(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30);
        break;
      }
      case 'feed': {
        const n = clampInt(block.lines, 0, 0, 255);
        if (n.clamped) warnings.push({ code: 'clamped', blockIndex, message: `feed of ${block.lines} lines clamped to ${n.value}` });
        if (n.value > 0) out.push(ESC, 0x64, n.value);
        break;
      }
      case 'cut': {
        const n = clampInt(options.cutFeed, 0, 0, 255);
        out.push(GS, 0x56, block.partial ? 66 : 65, n.value);
        break;
      }
    }
  });

  return { bytes: Uint8Array.from(out), warnings };
}

/** Object form, for code that takes an encoder as a dependency. */
export const escposEncoder = {
  encode: encodeReceipt,
};
