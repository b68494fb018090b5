import { useMemo } from 'react';
import { MAX_RASTER_DOTS, base64ToBytes, rasterToRgba } from './raster';

/** A 1-bit raster as a PNG data: URL (allowed by the CSP's img-src), or null when it cannot be drawn. */
export function rasterDataUrl(widthDots: number, heightDots: number, bitsBase64: string): string | null {
  if (widthDots <= 0 || heightDots <= 0) return null;
  if (widthDots > MAX_RASTER_DOTS.width || heightDots > MAX_RASTER_DOTS.height) return null;
  try {
    const rgba = rasterToRgba(widthDots, heightDots, base64ToBytes(bitsBase64));
    const canvas = document.createElement('canvas');
    canvas.width = widthDots;
    canvas.height = heightDots;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    const image = ctx.createImageData(widthDots, heightDots);
    image.data.set(rgba);
    ctx.putImageData(image, 0, 0);
    return canvas.toDataURL('image/png');
  } catch {
    return null; // not base64, or the canvas is unavailable
  }
}

/** One printer dot = one CSS pixel (80 mm paper: 576 dots = 576 px). */
export function RasterImage(props: {
  widthDots: number;
  heightDots: number;
  bitsBase64: string;
  alt: string;
  className?: string;
  testId?: string;
}) {
  const { widthDots, heightDots, bitsBase64 } = props;
  const src = useMemo(() => rasterDataUrl(widthDots, heightDots, bitsBase64), [widthDots, heightDots, bitsBase64]);
  if (!src) {
    return (
      <span className={props.className} data-testid={props.testId} data-broken="true">
        [{props.alt}]
      </span>
    );
  }
  return (
    <img
      className={props.className}
      src={src}
      width={widthDots}
      height={heightDots}
      alt={props.alt}
      data-testid={props.testId}
      data-width-dots={widthDots}
      data-height-dots={heightDots}
      draggable={false}
    />
  );
}
