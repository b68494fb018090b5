import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startScheduler, type Ticking } from '../../../core/boot/scheduler';
import { ratingPromptsEnd } from '../../../core/boot/time-driven';
import { createEventBus } from '../../../core/domain/events';
import { createShutdown } from '../../../core/boot/shutdown';

const clock = { now: () => Date.now() };

/** The scheduler's error lines, as the lobby's logger would receive them. */
function errorLog() {
  const errors: { obj: { work?: string; err?: unknown }; msg: string }[] = [];
  return { errors, log: { error: (obj: object, msg: string) => void errors.push({ obj, msg }) } };
}

describe('the scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-26T09:00:00+08:00') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks each piece of work tick(now) in order on its cadence; a failing one is logged by name and the others still run; stop ends it', () => {
    const { errors, log } = errorLog();
    const seen: string[] = [];
    const work = (name: string): Ticking => ({ tick: (now) => void seen.push(`${name}@${now - Date.parse('2026-11-26T09:00:00+08:00')}`) });
    const scheduler = startScheduler({
      clock,
      log,
      cadences: [
        {
          everyMs: 1000,
          work: {
            first: work('first'),
            broken: {
              tick() {
                throw new Error('database is locked');
              },
            },
            last: work('last'),
          },
        },
        { everyMs: 400, work: { fast: work('fast') } },
      ],
    });
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual(['fast@400', 'fast@800', 'first@1000', 'last@1000']);
    expect(errors).toEqual([{ obj: expect.objectContaining({ area: 'scheduler', work: 'broken', err: expect.any(Error) }), msg: 'time-driven work broken failed' }]);
    scheduler.stop();
    vi.advanceTimersByTime(5000);
    expect(seen).toHaveLength(4);
  });

  it("wakes work due between two ticks just after its moment (a rating prompt's end), the next one too, and not once stopped", () => {
    const { log } = errorLog();
    const base = Date.now();
    // Two prompts end 3 s and 7 s after the first tick; the cadence is 10 s.
    const ends = [base + 13_000, base + 17_000];
    const bus = createEventBus();
    const told: number[] = [];
    bus.on('rating.changed', () => void told.push(Date.now() - base));
    const prompts = ratingPromptsEnd({ nextExpiry: () => ends.find((t) => t > Date.now()) ?? null }, bus);
    const scheduler = startScheduler({ clock, log, cadences: [{ everyMs: 10_000, work: { prompts } }] });
    vi.advanceTimersByTime(13_049);
    expect(told).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(told).toEqual([13_050]);
    vi.advanceTimersByTime(4_000);
    expect(told).toEqual([13_050, 17_050]);
    // The next tick finds nothing more to tell.
    vi.advanceTimersByTime(3_000);
    expect(told).toEqual([13_050, 17_050]);
    scheduler.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('the shutdown stack', () => {
  it('stops in the reverse order of start; a stop that fails does not keep the later ones from running, and its error comes out at the end', async () => {
    const stopped: string[] = [];
    const boot = createShutdown();
    boot.keep({ stop: () => void stopped.push('log') });
    boot.keep({ stop: () => void stopped.push('database') });
    boot.keep({
      stop: async () => {
        stopped.push('signs');
        throw new Error('sign did not close');
      },
    });
    const http = boot.keep({ app: 'the server', stop: () => void stopped.push('http') });
    expect(http.app).toBe('the server');
    await expect(boot.run()).rejects.toThrow('sign did not close');
    expect(stopped).toEqual(['http', 'signs', 'database', 'log']);
    // Run once: a second stop has nothing left to stop.
    await boot.run();
    expect(stopped).toHaveLength(4);
  });
});
