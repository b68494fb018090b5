import type { Clock } from '../store/clock';

/** Work that changes with time rather than by a command (midnight expiry, a schedule's end, the night's maintenance). */
export interface Ticking {
  tick(now: number): void;
}

/**
 * Work that knows the moment it is next due (a rating prompt's end): it is
 * woken just after that moment instead of waiting for the next tick.
 */
export interface Waking extends Ticking {
  nextDue(now: number): number | null;
}

export interface Cadence {
  everyMs: number;
  /** Asked in this order on every tick; named for the log. */
  work: Readonly<Record<string, Ticking | Waking>>;
}

/** A woken piece of work runs this long after its moment, so the moment has surely passed on the lobby's clock. */
const WAKE_AFTER_MS = 50;

/**
 * The one place the lobby's time-driven work is started from: every domain's
 * `tick(now)` on its cadence, and the wake-ups of work due between ticks.
 * A failing piece of work is logged and the others still run.
 */
export function startScheduler(deps: { clock: Clock; log: { error(obj: object, msg: string): void }; cadences: readonly Cadence[] }) {
  const { clock, log } = deps;
  const timers: ReturnType<typeof setInterval>[] = [];
  const wakes = new Map<Waking, { at: number; timer: ReturnType<typeof setTimeout> }>();

  function run(name: string, work: Ticking, now: number): void {
    try {
      work.tick(now);
    } catch (err) {
      log.error({ area: 'scheduler', work: name, err }, `time-driven work ${name} failed`);
    }
  }

  /** Wakes `work` at its next moment if that comes before the next tick; one wake per piece of work, the earliest. */
  function arm(name: string, work: Waking, now: number, everyMs: number): void {
    let at: number | null;
    try {
      at = work.nextDue(now);
    } catch (err) {
      log.error({ area: 'scheduler', work: name, err }, `time-driven work ${name} failed`);
      return;
    }
    if (at === null || at > now + everyMs) return;
    const armed = wakes.get(work);
    if (armed && armed.at <= at) return;
    if (armed) clearTimeout(armed.timer);
    const timer = setTimeout(
      () => {
        wakes.delete(work);
        const woken = clock.now();
        run(name, work, woken);
        arm(name, work, woken, everyMs);
      },
      Math.max(0, at - now) + WAKE_AFTER_MS,
    );
    timer.unref();
    wakes.set(work, { at, timer });
  }

  for (const cadence of deps.cadences) {
    const timer = setInterval(() => {
      const now = clock.now();
      for (const [name, work] of Object.entries(cadence.work)) run(name, work, now);
      for (const [name, work] of Object.entries(cadence.work)) if ('nextDue' in work) arm(name, work, now, cadence.everyMs);
    }, cadence.everyMs);
    timer.unref();
    timers.push(timer);
  }

  return {
    stop(): void {
      for (const timer of timers) clearInterval(timer);
      for (const { timer } of wakes.values()) clearTimeout(timer);
      wakes.clear();
    },
  };
}
