import { DomainError } from '../domain/errors';

/**
 * A fixed-window counter per key (an IP address, a username). Kept in
 * memory: the lobby is one process, and a restart forgetting the counts is
 * harmless. Old windows are dropped as they are passed so the map stays small.
 */
export function createRateLimiter(opts: { limit: number; windowMs: number; now?: () => number; message: string }) {
  const now = opts.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();

  return {
    /** Counts one attempt; throws 429 once the key has used its window. */
    hit(key: string): void {
      const t = now();
      if (windows.size > 10_000) for (const [k, w] of windows) if (t - w.start >= opts.windowMs) windows.delete(k);
      const w = windows.get(key);
      if (!w || t - w.start >= opts.windowMs) {
        windows.set(key, { start: t, count: 1 });
        return;
      }
      w.count++;
      if (w.count > opts.limit) throw new DomainError('rate_limited', opts.message);
    },
    /**
     * Throws 429 once the key has used its window, without counting: for a look-up
     * whose misses alone are counted, so an address past its budget learns nothing more.
     */
    check(key: string): void {
      const w = windows.get(key);
      if (w && now() - w.start < opts.windowMs && w.count >= opts.limit) throw new DomainError('rate_limited', opts.message);
    },
    reset(key: string): void {
      windows.delete(key);
    },
  };
}
