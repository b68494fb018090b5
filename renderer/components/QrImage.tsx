import { useMemo } from 'react';
import * as QRCode from 'qrcode';

export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

/** An SVG drawing (as a string) of `payload`'s QR symbol, with a 4-module quiet zone. */
export function qrSvg(payload: string, errorLevel: QrErrorLevel = 'M'): { svg: string; modules: number } {
  const qr = QRCode.create(payload, { errorCorrectionLevel: errorLevel });
  const size = qr.modules.size;
  const margin = 4;
  const total = size + margin * 2;
  let d = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (qr.modules.get(x, y)) d += `M${x + margin} ${y + margin}h1v1h-1z`;
    }
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${total}" shape-rendering="crispEdges">` +
    `<rect width="${total}" height="${total}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
  return { svg, modules: total };
}

/**
 * A QR code as an <img> (data: URL of an SVG, allowed by the CSP's img-src).
 * `modulePx` is the size of one module on screen.
 */
export function QrImage(props: {
  payload: string;
  errorLevel?: QrErrorLevel;
  modulePx?: number;
  alt: string;
  testId?: string;
  className?: string;
}) {
  const { payload, errorLevel = 'M', modulePx = 4 } = props;
  const drawn = useMemo(() => {
    try {
      return qrSvg(payload, errorLevel);
    } catch {
      return null; // payload too long for a QR symbol
    }
  }, [payload, errorLevel]);
  if (!drawn) return null;
  const px = drawn.modules * modulePx;
  return (
    <img
      className={props.className}
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(drawn.svg)}`}
      width={px}
      height={px}
      alt={props.alt}
      data-testid={props.testId}
      data-payload={payload}
      draggable={false}
    />
  );
}
