/**
 * Estimated wait from how long recent tickets of the service took at a
 * counter, spread over the counters that serve it. Null until there is a
 * history of at least three tickets: a made-up number is worse than none.
 */
export const MIN_SAMPLES = 3;

/**
 * Nobody is served in under a minute (walking up, the number checked, papers
 * handed over). Shorter "services" in the history are calls that ended at
 * once — a no-show, a mistaken press — and with a thin history they pulled
 * the median to seconds, so the board said 約 0 分鐘 beside 11 people.
 */
export const MIN_SERVICE_MS = 60_000;

export function estimateWaitMinutes(recentServiceMs: readonly number[], ahead: number, countersServing: number): number | null {
  if (recentServiceMs.length < MIN_SAMPLES || countersServing < 1) return null;
  if (ahead <= 0) return 0;
  const perPerson = Math.max(medianMs(recentServiceMs), MIN_SERVICE_MS);
  // With people ahead the wait is never "0 minutes", however many counters share them.
  return Math.max(1, Math.round((ahead * perPerson) / countersServing / 60_000));
}

/** The lower median of the samples (an even count takes the shorter middle one). */
export function medianMs(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}
