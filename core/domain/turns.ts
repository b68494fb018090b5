import { performance } from 'node:perf_hooks';

/**
 * Long work written as a generator that yields between small steps (a row, a
 * day, a slice of a file). `runNow` runs it straight through; `runInTurns`
 * gives the event loop a turn whenever a slice has run `budgetMs`, so the
 * printer polls and the live screens keep their cadence while it runs. One
 * body for both keeps the two results identical.
 */
export type Steps<T> = Generator<void, T, void>;

export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** A few ms per slice: well under a printer poll (400 ms) and a screen frame, yet few enough turns to cost little. */
export const TURN_BUDGET_MS = 5;

export async function runInTurns<T>(steps: Steps<T>, budgetMs = TURN_BUDGET_MS): Promise<T> {
  let since = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - since >= budgetMs) {
      // setImmediate, not a microtask: timers and sockets run before the next slice.
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }
}
