/**
 * Estimated wait from how long recent tickets of the service took at a
 * counter, spread over the counters that serve it. Null until there is a
 * history: a made-up number is worse than none.
 */
export function estimateWaitMinutes(recentServiceMs: readonly number[], ahead: number, countersServing: number): number | null {
  if (recentServiceMs.length < 3 || countersServing < 1) return null;
  const sorted = [...recentServiceMs].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return Math.round((ahead * median) / countersServing / 60_000);
}
