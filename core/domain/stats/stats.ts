import type { StatsReport } from '../../contract';
import { RATING_REASONS } from '../../contract';
import { addDays, type Clock, localDay, localIso } from '../../store/clock';
import type { Db } from '../../store/db';
import { csvDocument, csvRow } from '../csv';
import { createFigureReader, Figures, type Score } from './figures';
import type { HistogramSet } from './histogram';
import { createRollup } from './rollup';
import { runInTurns, runNow, type Steps } from '../turns';

const minutes = (ms: number | null) => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);
const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/**
 * The monthly (or any range's) figures the service-quality plan asks for:
 * tickets per day and hour, waiting and service times (median, p90) per
 * service and counter, no-shows, and ratings. Waiting runs from issue to
 * first call; service from the start of service (or the call) to finish.
 * Closed days come from the figures the nightly stored; the others (today, a
 * day with a ticket still open, a day closed since the last night) are read
 * from the tickets.
 */
type CsvNames = { services: Map<string, string>; counters: Map<string, string> };

export function createStats(deps: { db: Db; clock: Clock; timeZone: string; serviceIds: readonly string[]; counterIds: readonly string[] }) {
  const read = createFigureReader(deps.db);
  const rollup = createRollup(deps.db, read);
  const offset = offsetOf(deps.timeZone);

  function sealSteps(from: string, to: string) {
    const now = deps.clock.now();
    const yesterday = addDays(localDay(now, deps.timeZone), -1);
    return rollup.seal(from, to < yesterday ? to : yesterday, offset, now);
  }

  /** Stores the closed days up to yesterday, all at once (tools and benches; the lobby uses sealInTurns). */
  function seal(from: string, to: string): void {
    runNow(sealSteps(from, to));
  }

  /** The same, a day per turn of the event loop: the nightly run (a first night after an upgrade may find a year unstored). */
  function sealInTurns(from: string, to: string): Promise<void> {
    return runInTurns(sealSteps(from, to));
  }

  /** Days of stored figures read per step: about a month is a few ms. */
  const LOAD_DAYS = 31;
  /** Days read from raw tickets per step (days the nightly has not stored yet). */
  const TICKET_DAYS = 1;

  /**
   * Only reads: days not stored yet (today, a day with a ticket still open,
   * days closed since the last night) are read from their tickets; storing
   * closed days is the nightly's work (sealInTurns), never a report's.
   */
  function* figures(from: string, to: string): Steps<Figures> {
    const all = new Figures();
    const stored = new Set<string>();
    for (let start = from; start <= to; start = addDays(start, LOAD_DAYS)) {
      const end = addDays(start, LOAD_DAYS - 1) < to ? addDays(start, LOAD_DAYS - 1) : to;
      for (const day of rollup.load(start, end, offset, all)) stored.add(day);
      yield;
    }
    // The rest from the tickets themselves, a day per turn: a busy day's tickets take ~20 ms
    // to read, a month of them ~650 ms (`npm run bench`, a year not stored yet), too long to
    // hold the loop the printer and the boards share.
    let runStart: string | null = null;
    let runDays = 0;
    for (let day = from; ; day = addDays(day, 1)) {
      const live = day <= to && !stored.has(day);
      if (runStart !== null && (!live || runDays === TICKET_DAYS)) {
        all.add(read(runStart, addDays(day, -1), offset));
        runStart = null;
        yield;
      }
      if (live) {
        if (runStart === null) {
          runStart = day;
          runDays = 0;
        }
        runDays++;
      }
      if (day > to) break;
    }
    return all;
  }

  /** The report over [from, to]; a generator so the lobby reads it in turns. */
  function* reportSteps(from: string, to: string): Steps<StatsReport> {
    const f = yield* figures(from, to);
    const allDays = [...new Set([...f.days.keys(), ...f.ratingDays.keys()])].sort();
    const tickets = [...f.services.values()].reduce((s, c) => s + c.tickets, 0);
    const noShows = [...f.services.values()].reduce((s, c) => s + c.noShows, 0);
    const served = [...f.histograms.service.groups.values()].reduce((s, h) => s + h.n, 0);
    const ratingCount = f.scores.reduce((s, n) => s + n, 0);
    const scoreSum = f.scores.reduce((s, n, i) => s + n * (i + 1), 0);
    const pct = (set: HistogramSet, id: string) => {
      const h = set.groups.get(id);
      return { median: minutes(h?.percentile(50) ?? null), p90: minutes(h?.percentile(90) ?? null) };
    };
    const average = (s: Score | undefined) => (s && s.n > 0 ? round2(s.sum / s.n) : null);
    const score = (m: Map<string, Score>, id: string) => ({ ratings: m.get(id)?.n ?? 0, averageScore: average(m.get(id)) });
    return {
      from,
      to,
      totals: { tickets, served, noShows, ratings: ratingCount, averageScore: ratingCount ? round2(scoreSum / ratingCount) : null },
      perDay: allDays.map((day) => {
        const d = f.days.get(day);
        const r = f.ratingDays.get(day);
        return {
          day,
          tickets: d?.tickets ?? 0,
          noShows: d?.noShows ?? 0,
          averageWaitMinutes: minutes(d && d.waitN > 0 ? d.waitSum / d.waitN : null),
          ratings: r?.n ?? 0,
          averageScore: average(r),
        };
      }),
      perHour: f.hours.map((n, hour) => ({ hour, tickets: n })).filter((h) => h.tickets > 0 || (h.hour >= 8 && h.hour <= 17)),
      byService: deps.serviceIds.map((id) => ({
        serviceId: id,
        tickets: f.services.get(id)?.tickets ?? 0,
        noShows: f.services.get(id)?.noShows ?? 0,
        waitMinutes: pct(f.histograms.wait, id),
        serviceMinutes: pct(f.histograms.service, id),
        ...score(f.ratingServices, id),
      })),
      byCounter: deps.counterIds.map((id) => ({
        counterId: id,
        served: f.histograms.counter.groups.get(id)?.n ?? 0,
        serviceMinutes: pct(f.histograms.counter, id),
        ...score(f.ratingCounters, id),
      })),
      scoreDistribution: f.scores,
      reasons: RATING_REASONS.map((reason) => ({ reason, count: f.reasons.get(reason) ?? 0 })),
    };
  }

  /** The same figures as CSV (UTF-8 with BOM, so Excel reads the Chinese). */
  function* csvSteps(from: string, to: string, names: CsvNames): Steps<string> {
    const r = yield* reportSteps(from, to);
    // Names are text and neutralised there; the figures stay numbers.
    const row = csvRow;
    const lines = [
      row('期間 Range', `${from} – ${to}`),
      row('取號數 Tickets', r.totals.tickets, '完成 Served', r.totals.served, '過號未到 No-shows', r.totals.noShows, '評價數 Ratings', r.totals.ratings, '平均分數 Average score', r.totals.averageScore),
      '',
      row('服務 Service', '取號數 Tickets', '過號未到 No-shows', '等候中位數(分) Wait median (min)', '等候 P90 (min)', '服務中位數(分) Service median (min)', '服務 P90 (min)', '評價數 Ratings', '平均分數 Average score'),
      ...r.byService.map((s) =>
        row(names.services.get(s.serviceId) ?? s.serviceId, s.tickets, s.noShows, s.waitMinutes.median, s.waitMinutes.p90, s.serviceMinutes.median, s.serviceMinutes.p90, s.ratings, s.averageScore),
      ),
      '',
      row('櫃台 Counter', '完成 Served', '服務中位數(分) Service median (min)', '服務 P90 (min)', '評價數 Ratings', '平均分數 Average score'),
      ...r.byCounter.map((c) => row(names.counters.get(c.counterId) ?? c.counterId, c.served, c.serviceMinutes.median, c.serviceMinutes.p90, c.ratings, c.averageScore)),
      '',
      row('日期 Day', '取號數 Tickets', '過號未到 No-shows', '平均等候(分) Average wait (min)', '評價數 Ratings', '平均分數 Average score'),
      ...r.perDay.map((d) => row(d.day, d.tickets, d.noShows, d.averageWaitMinutes, d.ratings, d.averageScore)),
    ];
    return csvDocument(lines);
  }

  return {
    report: (from: string, to: string) => runNow(reportSteps(from, to)),
    /** The report a step at a time between turns of the event loop (a year of stored days is ~100 ms of reading). */
    reportInTurns: (from: string, to: string) => runInTurns(reportSteps(from, to)),
    csv: (from: string, to: string, names: CsvNames) => runNow(csvSteps(from, to, names)),
    csvInTurns: (from: string, to: string, names: CsvNames) => runInTurns(csvSteps(from, to, names)),
    seal,
    sealInTurns,
  };
}

function offsetOf(timeZone: string): number {
  const iso = localIso(Date.UTC(2026, 0, 1), timeZone);
  const sign = iso.at(-6) === '-' ? -1 : 1;
  const [h, m] = iso.slice(-5).split(':').map(Number);
  return sign * ((h ?? 0) * 3600 + (m ?? 0) * 60);
}

export type Stats = ReturnType<typeof createStats>;
