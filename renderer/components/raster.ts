/**
 * ESC/POS raster images (GS v 0) as the simulator reports them: 1 bit per dot,
 * each row padded to whole bytes, most significant bit = leftmost dot, 1 = black.
 */

/** Bytes of a base64 string (browser and Node both have atob). */
export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64.replace(/\s+/g, ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Largest raster drawn (dots): a bigger claim is a broken stream, not paper. */
export const MAX_RASTER_DOTS = { width: 4096, height: 16384 } as const;

/**
 * RGBA pixels (for ImageData) of a raster: black dots opaque black, white dots
 * transparent so the paper shows through. Missing bytes count as white.
 */
export function rasterToRgba(widthDots: number, heightDots: number, bits: Uint8Array): Uint8ClampedArray {
  const w = Math.max(0, Math.min(MAX_RASTER_DOTS.width, Math.floor(widthDots)));
  const h = Math.max(0, Math.min(MAX_RASTER_DOTS.height, Math.floor(heightDots)));
  const rowBytes = Math.ceil(w / 8);
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const byte = bits[y * rowBytes + (x >> 3)] ?? 0;
      if (byte & (0x80 >> (x & 7))) rgba[(y * w + x) * 4 + 3] = 255; // r = g = b = 0: black
    }
  }
  return rgba;
}
