/** Nearest-rank percentile of a sample (p in 0–100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function summary(values: readonly number[]): { n: number; median: number; p99: number; max: number } {
  return { n: values.length, median: percentile(values, 50), p99: percentile(values, 99), max: percentile(values, 100) };
}
