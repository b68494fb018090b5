/**
 * What a waiting ticket is told: how many calls come before its own, and
 * about how long that takes. Honest across services: the count is the rule
 * "call next" uses (`chooseNext`), run forward at the counters that serve the
 * ticket over all the lines those counters call, as time passes and as
 * tickets keep coming to the services they prefer (see `callsBefore`).
 *
 * Counters working now (a call within the ageing limit, or a ticket at the
 * counter) are the ones foreseen; with none at work, every counter serving
 * the service. Each is foreseen working alone and the fewest calls is told:
 * "you are next" means a counter at work calls this ticket with its next call,
 * and more counters at work only bring the turn sooner.
 */
import type { PublicCounter } from '../../contract';
import type { QueueContext } from './context';
import { estimateWaitMinutes, medianMs, MIN_SAMPLES, MIN_SERVICE_MS } from './estimates';
import { callsBefore, NEW_TICKET_ID, type Forecast, type LineForecast, type LineTicket } from './ordering';
import type { Leftovers } from './rows';

/** A waiting ticket in its line. */
export interface PlaceInLine {
  id: number;
  priority: boolean;
  sortKey: number;
}

/** Reads that depend on the time as well (the last ageing period) are kept this long. */
const TIME_STEP_MS = 10_000;

/**
 * What a read of the queue read, kept for the next read until the database
 * changes: the board and every phone page read between two calls see the same
 * lines, so each pays only for its own forecast.
 */
interface Kept {
  key: string;
  lines: Map<string, LineTicket[]>;
  times: Map<string, number[]>;
  states: Map<string, number>;
  step: number;
  arrivals?: Map<string, { normal: number; priority: number }>;
  atWork?: Set<string>;
}

export function createAheadReader(ctx: QueueContext) {
  const { site, rows, clock } = ctx;
  const serving = new Map(site.services.map((s) => [s.id, site.counters.filter((c) => c.serviceIds.includes(s.id))]));
  let kept: Kept | null = null;

  /** A read's view of the queue (a board, a ticket's page). */
  return function reading(leftovers: Leftovers | null) {
    const now = clock.now();
    const { agingMs } = ctx.ordering;
    const key = `${rows.version()}|${leftovers ? leftovers.day : ''}`;
    const step = Math.floor(now / TIME_STEP_MS);
    if (!kept || kept.key !== key) kept = { key, lines: new Map(), times: new Map(), states: new Map(), step };
    if (kept.step !== step) {
      kept.step = step;
      kept.arrivals = undefined;
      kept.atWork = undefined;
    }
    const k = kept;

    function lineOf(serviceId: string): LineTicket[] {
      let line = k.lines.get(serviceId);
      if (!line) k.lines.set(serviceId, (line = rows.line(serviceId, leftovers)));
      return line;
    }

    function timesOf(serviceId: string): number[] {
      let t = k.times.get(serviceId);
      if (!t) k.times.set(serviceId, (t = rows.serviceTimes(serviceId)));
      return t;
    }

    function stateOf(counterId: string): number {
      let n = k.states.get(counterId);
      if (n === undefined) k.states.set(counterId, (n = rows.counterState(counterId)));
      return n;
    }

    /**
     * Who is expected to join a line: as many as joined it over the last ageing
     * period, one more for good measure, spread evenly, the first at once — a
     * count meant never to fall short of a steady stream.
     */
    function arrivalsOf(serviceId: string): LineForecast['arrivalEveryMs'] {
      if (!k.arrivals) {
        k.arrivals = new Map();
        for (const a of rows.recentArrivals(now - agingMs)) {
          const counts = k.arrivals.get(a.serviceId) ?? { normal: 0, priority: 0 };
          counts[a.priority ? 'priority' : 'normal'] += a.count;
          k.arrivals.set(a.serviceId, counts);
        }
      }
      const counts = k.arrivals.get(serviceId);
      const every = (n: number) => (n > 0 ? agingMs / (n + 1) : null);
      return { normal: every(counts?.normal ?? 0), priority: every(counts?.priority ?? 0) };
    }

    /** How long a call takes at the counter: its services' median, never under a minute. */
    function callMsAt(counter: PublicCounter): number {
      const samples = counter.serviceIds.flatMap(timesOf);
      return samples.length < MIN_SAMPLES ? MIN_SERVICE_MS : Math.max(MIN_SERVICE_MS, medianMs(samples));
    }

    function forecastAt(counter: PublicCounter, serviceId: string, place: PlaceInLine | null): Forecast {
      const forecastLines = new Map<string, LineForecast>();
      for (const s of counter.serviceIds) {
        const waiting = lineOf(s);
        forecastLines.set(s, {
          waiting: s === serviceId && place === null ? [...waiting, { id: NEW_TICKET_ID, priority: false, waitingSince: now, onlyCounterId: null }] : waiting,
          arrivalEveryMs: arrivalsOf(s),
        });
      }
      return { now, callMs: callMsAt(counter), lines: forecastLines };
    }

    /** Only this service at these counters and no 博愛 ticket in its line: plain line order, counted on the index. */
    function plainLine(counters: readonly PublicCounter[], serviceId: string, place: PlaceInLine | null): boolean {
      if (place?.priority) return false;
      return counters.every((c) => c.serviceIds.every((s) => s === serviceId)) && rows.prioritiesWaiting(serviceId, leftovers) === 0;
    }

    /**
     * How many calls come before the ticket at `place` in the service's line
     * (null: a normal ticket taken now, at the back).
     */
    function aheadOf(serviceId: string, place: PlaceInLine | null): number {
      const sortKey = place?.sortKey ?? Number.MAX_SAFE_INTEGER;
      const counters = serving.get(serviceId) ?? [];
      const atWork = (k.atWork ??= rows.countersAtWork(now - agingMs));
      const working = counters.filter((c) => atWork.has(c.id));
      // A ticket held for a counter not at work is foreseen at that counter all the same.
      const groups = working.length > 0 ? [working, counters.filter((c) => !atWork.has(c.id))] : [counters];
      for (const group of groups) {
        if (group.length === 0) continue;
        if (plainLine(group, serviceId, place)) return rows.normalsAhead(serviceId, sortKey, leftovers);
        let fewest: number | null = null;
        // Counters that prefer this service first: their count is likely the fewest, and it cuts the others' forecasts short.
        const byPreference = [...group].sort((a, b) => a.serviceIds.indexOf(serviceId) - b.serviceIds.indexOf(serviceId));
        for (const counter of byPreference) {
          if (fewest === 0) break;
          const forecast = forecastAt(counter, serviceId, place);
          const counterAtWork = { id: counter.id, serviceIds: counter.serviceIds, normalsSincePriority: stateOf(counter.id) };
          const calls = callsBefore({ id: place?.id ?? NEW_TICKET_ID, serviceId }, counterAtWork, forecast, ctx.ordering, fewest ?? undefined);
          if (calls !== null && (fewest === null || calls < fewest)) fewest = calls;
        }
        if (fewest !== null) return fewest;
      }
      // No counter serves it: its place in its line is all there is to say.
      return rows.normalsAhead(serviceId, sortKey, leftovers);
    }

    function estimate(serviceId: string, ahead: number): number | null {
      return estimateWaitMinutes(timesOf(serviceId), ahead, serving.get(serviceId)?.length ?? 0);
    }

    return {
      aheadOf,
      estimate,
      /** What a normal ticket taken now would be told, for the board; null without a history to estimate from. */
      estimateForNew(serviceId: string): number | null {
        if (timesOf(serviceId).length < MIN_SAMPLES) return null;
        return estimate(serviceId, aheadOf(serviceId, null));
      },
    };
  };
}
