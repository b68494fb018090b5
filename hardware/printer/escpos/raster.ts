/**
 * Lines of text drawn on the host and sent as ESC/POS raster images
 * (GS v 0), for printers without a Chinese font ('raster' encoding) and for
 * the odd character a Big5/GB18030 font lacks (𠀋, 堃 under cp950).
 *
 * Drawn with @napi-rs/canvas (prebuilt Skia), loaded lazily: a machine where
 * it or a CJK font is missing still prints, with '○' placeholders and a
 * warning, as before.
 */
import { GS } from './commands';

/** 1 bit per dot, rows padded to whole bytes, most significant bit = leftmost dot; 1 = ink. */
export interface RasterBitmap {
  widthDots: number;
  heightDots: number;
  bits: Uint8Array;
}

export interface RasterStyle {
  /** GS ! width multiplier, 1–8. */
  width: number;
  /** GS ! height multiplier, 1–8. */
  height: number;
  bold: boolean;
}

export interface RasterLine {
  /** One image per printed row: a line wider than the paper wraps onto the next. */
  images: RasterBitmap[];
  /** Characters no installed font has; they show as an empty box. */
  missingGlyphs: string[];
}

export interface LineRasterizer {
  /** Printable width in dots (576 for 80 mm paper at 203 dpi). */
  readonly paperWidthDots: number;
  render(text: string, style: RasterStyle): RasterLine;
}

/** Traditional-Chinese faces first; the JP face of Noto has the same coverage if TC is not registered. */
export const RASTER_FONT_STACK = ['Noto Sans CJK TC', 'Noto Sans CJK JP', 'Microsoft JhengHei', 'PingFang TC'] as const;

export interface CanvasRasterizerOptions {
  /** Default 576 (80 mm at 203 dpi); 512 for an Epson TM-T88 at 180 dpi; 384 for 58 mm. */
  paperWidthDots?: number;
  /** Height in dots of a 1×1 character: the printer's own Chinese font is 24×24. Default 24. */
  baseDots?: number;
  /** Dots left blank under each line, like the printer's line spacing. Default 6 (×height). */
  lineGapDots?: number;
  /** Font families tried in order, then sans-serif. Default RASTER_FONT_STACK. */
  fontFamilies?: readonly string[];
}

export type RasterizerLoad = { rasterizer: LineRasterizer; reason?: undefined } | { rasterizer: null; reason: string };

type CanvasModule = typeof import('@napi-rs/canvas');

let canvasModule: Promise<CanvasModule | Error> | undefined;

function loadCanvas(): Promise<CanvasModule | Error> {
  canvasModule ??= import('@napi-rs/canvas').then(
    (m) => m,
    (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
  );
  return canvasModule;
}

/**
 * A rasterizer backed by @napi-rs/canvas, or the reason there is none
 * (module missing, or no CJK font on this computer).
 */
export async function loadCanvasRasterizer(options: CanvasRasterizerOptions = {}): Promise<RasterizerLoad> {
  const mod = await loadCanvas();
  if (mod instanceof Error) return { rasterizer: null, reason: `@napi-rs/canvas unavailable: ${mod.message}` };
  const families = options.fontFamilies ?? RASTER_FONT_STACK;
  try {
    const rasterizer = new CanvasRasterizer(mod, { ...options, fontFamilies: families });
    if (!families.some((f) => mod.GlobalFonts.has(f)) && !rasterizer.hasGlyph('法')) {
      return { rasterizer: null, reason: `no CJK font found (tried ${families.join(', ')})` };
    }
    return { rasterizer };
  } catch (err) {
    return { rasterizer: null, reason: `@napi-rs/canvas failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

class CanvasRasterizer implements LineRasterizer {
  readonly paperWidthDots: number;
  private readonly baseDots: number;
  private readonly gapDots: number;
  private readonly familyList: string;
  private readonly glyphCache = new Map<string, boolean>();
  private tofu: string | undefined;

  constructor(
    private readonly canvas: CanvasModule,
    options: CanvasRasterizerOptions & { fontFamilies: readonly string[] },
  ) {
    this.paperWidthDots = Math.max(8, Math.floor((options.paperWidthDots ?? 576) / 8) * 8);
    this.baseDots = options.baseDots ?? 24;
    this.gapDots = options.lineGapDots ?? 6;
    this.familyList = [...options.fontFamilies.map((f) => `"${f}"`), 'sans-serif'].join(', ');
  }

  render(text: string, style: RasterStyle): RasterLine {
    const fontPx = this.baseDots * style.height;
    const scaleX = style.width / style.height;
    const font = `${style.bold ? 'bold ' : ''}${fontPx}px ${this.familyList}`;
    const measure = this.canvas.createCanvas(8, 8).getContext('2d');
    measure.font = font;

    // Wrap at the paper edge, as the printer wraps its own text.
    const rows: string[] = [];
    let row = '';
    for (const ch of text) {
      const next = row + ch;
      if (row !== '' && measure.measureText(next).width * scaleX - 0.01 > this.paperWidthDots) {
        rows.push(row);
        row = ch;
      } else {
        row = next;
      }
    }
    if (row !== '' || rows.length === 0) rows.push(row);

    const images = rows.map((r) => this.draw(r, font, fontPx, scaleX, measure.measureText(r).width * scaleX));
    const missing = new Set<string>();
    for (const ch of text) if ((ch.codePointAt(0) ?? 0) > 0x7f && !this.hasGlyph(ch)) missing.add(ch);
    return { images, missingGlyphs: [...missing] };
  }

  /** Whether some installed font draws `ch` (not the empty box every font shows for what it lacks). */
  hasGlyph(ch: string): boolean {
    const hit = this.glyphCache.get(ch);
    if (hit !== undefined) return hit;
    this.tofu ??= this.glyphPixels('\u{10FFFD}');
    const result = this.glyphPixels(ch) !== this.tofu;
    this.glyphCache.set(ch, result);
    return result;
  }

  private glyphPixels(ch: string): string {
    const c = this.canvas.createCanvas(32, 32);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 32, 32);
    ctx.fillStyle = '#000';
    ctx.font = `24px ${this.familyList}`;
    ctx.fillText(ch, 2, 26);
    const data = ctx.getImageData(0, 0, 32, 32).data;
    let s = '';
    for (let i = 0; i < data.length; i += 4) s += (data[i] ?? 255) < 128 ? '1' : '0';
    return s;
  }

  private draw(text: string, font: string, fontPx: number, scaleX: number, textWidth: number): RasterBitmap {
    // Skia's advances carry float noise (240.0001 for five 48-dot glyphs): do not round that up a byte.
    const widthDots = Math.min(this.paperWidthDots, Math.max(8, Math.ceil((textWidth - 0.01) / 8) * 8));
    const heightDots = fontPx + this.gapDots * Math.max(1, Math.round(fontPx / this.baseDots));
    const c = this.canvas.createCanvas(widthDots, heightDots);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, widthDots, heightDots);
    ctx.fillStyle = '#000';
    ctx.font = font;
    ctx.textBaseline = 'alphabetic';
    ctx.setTransform(scaleX, 0, 0, 1, 0, 0);
    // CJK glyphs sit in an em box with ~0.88 em above the baseline.
    ctx.fillText(text, 0, Math.round(fontPx * 0.88));
    const rgba = ctx.getImageData(0, 0, widthDots, heightDots).data;
    const bytesPerRow = widthDots / 8;
    const bits = new Uint8Array(bytesPerRow * heightDots);
    for (let y = 0; y < heightDots; y++) {
      for (let x = 0; x < widthDots; x++) {
        const i = (y * widthDots + x) * 4;
        const luminance = 0.299 * (rgba[i] ?? 255) + 0.587 * (rgba[i + 1] ?? 255) + 0.114 * (rgba[i + 2] ?? 255);
        if (luminance < 128) bits[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
      }
    }
    return { widthDots, heightDots, bits };
  }
}

/**
 * GS v 0 m xL xH yL yH d1…dk for a bitmap (m = 0, normal size).
 *
 * A printer scans everything it receives for real-time commands, image data
 * included: `10 04 n` would make it send a status byte nobody asked for, and
 * `10 05 n` / `10 14 …` could clear its buffer. Wherever a row's bytes form
 * DLE followed by EOT, ENQ or DC4, one dot is added next to the existing dot
 * in the byte after DLE (04→0C, 05→0D, 14→1C): invisible on paper, and the
 * sequence is gone.
 */
export function rasterCommand(image: RasterBitmap): Uint8Array {
  const x = Math.ceil(image.widthDots / 8);
  const y = image.heightDots;
  const out = new Uint8Array(8 + x * y);
  out.set([GS, 0x76, 0x30, 0x00, x & 0xff, x >> 8, y & 0xff, y >> 8]);
  out.set(image.bits.subarray(0, x * y), 8);
  for (let i = 8; i + 1 < out.length; i++) {
    if (out[i] === 0x10) {
      const next = out[i + 1];
      if (next === 0x04 || next === 0x05 || next === 0x14) out[i + 1] = next | 0x08;
    }
  }
  return out;
}

/** Dots with ink, for tests and the simulator panel. */
export function inkDots(image: RasterBitmap): number {
  let n = 0;
  for (const byte of image.bits) {
    let b = byte;
    while (b) {
      n += b & 1;
      b >>= 1;
    }
  }
  return n;
}
