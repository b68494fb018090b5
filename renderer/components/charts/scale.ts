/**
 * The arithmetic behind the statistics charts: nice axis ticks, linear and
 * band scales. Pure, no DOM (tested on their own).
 */

/** A "nice" step (1, 2, 2.5 or 5 × 10^k) so that about `count` steps cover `span`. */
export function niceStep(span: number, count = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
  return nice * mag;
}

/**
 * Ticks from 0 to at least `max`, about `count` of them, on nice numbers.
 * `integer`: counts of things never get a 2.5 step or a fraction.
 */
export function niceTicks(max: number, count = 5, integer = false): number[] {
  const top = Number.isFinite(max) && max > 0 ? max : integer ? count : 1;
  let step = niceStep(top, count);
  if (integer) step = Math.max(1, step === 2.5 ? 2 : Math.ceil(step));
  const last = Math.ceil(top / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= last + step / 1e6; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

export interface LinearScale {
  (v: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

/** Maps [d0, d1] onto [r0, r1] (a zero-width domain maps to r0). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const f = ((v: number) => (d1 === d0 ? r0 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0))) as LinearScale;
  f.domain = domain;
  f.range = range;
  return f;
}

export interface Band {
  /** Start of band i. */
  start: (i: number) => number;
  /** Centre of band i. */
  center: (i: number) => number;
  /** Width of each bar. */
  width: number;
  /** Distance between band starts. */
  step: number;
}

/** `n` equal bands across [r0, r1], `padding` (0..1) of each step left empty. */
export function bandScale(n: number, range: readonly [number, number], padding = 0.2): Band {
  const [r0, r1] = range;
  const count = Math.max(1, n);
  const step = (r1 - r0) / count;
  const width = Math.max(1, step * (1 - Math.min(0.9, Math.max(0, padding))));
  const start = (i: number) => r0 + i * step + (step - width) / 2;
  return { start, center: (i) => start(i) + width / 2, width, step };
}

/** Show every k-th label so that labels of `labelPx` fit into bands of `stepPx`. */
export function labelEvery(stepPx: number, labelPx: number): number {
  if (!(stepPx > 0)) return 1;
  return Math.max(1, Math.ceil(labelPx / stepPx));
}

/** A number as an axis or table shows it: integers plain, others with one decimal. */
export function formatValue(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return Number.isInteger(v) ? String(v) : v.toFixed(digits);
}
