import type { StatsReport } from '../../contract';
import { RATING_REASONS } from '../../contract';
import { localIso } from '../../store/clock';
import type { Db } from '../../store/db';

const minutes = (ms: number | null) => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);
const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/**
 * The monthly (or any range's) figures the service-quality plan asks for:
 * tickets per day and hour, waiting and service times (median, p90) per
 * service and counter, no-shows, and ratings. Waiting runs from issue to
 * first call; service from the start of service (or the call) to finish.
 */
export function createStats(deps: { db: Db; timeZone: string; serviceIds: readonly string[]; counterIds: readonly string[] }) {
  const { db } = deps;
  const stmts = {
    perDay: db.prepare(
      `SELECT day, COUNT(*) AS tickets, SUM(status = 'no_show') AS no_shows, AVG(called_at - issued_at) AS avg_wait
       FROM tickets WHERE day BETWEEN ? AND ? GROUP BY day ORDER BY day`,
    ),
    perHour: db.prepare(
      `SELECT CAST(((issued_at / 1000 + CAST(? AS INTEGER)) % 86400) / 3600 AS INTEGER) AS hour, COUNT(*) AS n FROM tickets WHERE day BETWEEN ? AND ? GROUP BY hour`,
    ),
    // Percentiles come from a histogram SQLite builds (6-second buckets, the 0.1 minute the
    // report shows): a month is tens of thousands of rows, but only a few hundred buckets cross into JavaScript.
    waitBy: db.prepare(percentileSql('service_id', 'called_at - issued_at', 'called_at IS NOT NULL')),
    serviceBy: db.prepare(percentileSql('service_id', 'finished_at - COALESCE(serving_at, called_at)', "status = 'done' AND finished_at IS NOT NULL AND called_at IS NOT NULL")),
    counterBy: db.prepare(percentileSql('counter_id', 'finished_at - COALESCE(serving_at, called_at)', "status = 'done' AND finished_at IS NOT NULL AND called_at IS NOT NULL AND counter_id IS NOT NULL")),
    countsBy: db.prepare(
      `SELECT service_id AS g, COUNT(*) AS tickets, SUM(status = 'no_show') AS no_shows FROM tickets WHERE day BETWEEN ? AND ? GROUP BY service_id`,
    ),
    ratingsPerDay: db.prepare(`SELECT day, COUNT(*) AS n, AVG(score) AS avg FROM ratings WHERE day BETWEEN ? AND ? GROUP BY day`),
    ratingsByService: db.prepare(`SELECT service_id AS g, COUNT(*) AS n, AVG(score) AS avg FROM ratings WHERE day BETWEEN ? AND ? GROUP BY service_id`),
    ratingsByCounter: db.prepare(
      `SELECT counter_id AS g, COUNT(*) AS n, AVG(score) AS avg FROM ratings WHERE day BETWEEN ? AND ? AND counter_id IS NOT NULL GROUP BY counter_id`,
    ),
    scores: db.prepare(`SELECT score, COUNT(*) AS n FROM ratings WHERE day BETWEEN ? AND ? GROUP BY score`),
    reasons: db.prepare(`SELECT j.value AS reason, COUNT(*) AS n FROM ratings, json_each(ratings.reasons) j WHERE day BETWEEN ? AND ? AND reasons != '[]' GROUP BY j.value`),
  };

  function report(from: string, to: string): StatsReport {
    // Asia/Taipei has no daylight saving: one offset turns epoch ms into the local hour.
    const offsetSeconds = offsetOf(deps.timeZone);
    const days = stmts.perDay.all(from, to) as { day: string; tickets: number; no_shows: number; avg_wait: number | null }[];
    const ratingDays = new Map(
      (stmts.ratingsPerDay.all(from, to) as { day: string; n: number; avg: number }[]).map((r) => [r.day, r]),
    );
    const allDays = [...new Set([...days.map((d) => d.day), ...ratingDays.keys()])].sort();
    const byDay = new Map(days.map((d) => [d.day, d]));
    const hours = new Map((stmts.perHour.all(offsetSeconds, from, to) as { hour: number; n: number }[]).map((h) => [h.hour, h.n]));

    const byGroup = <T extends { g: string }>(rows: T[]) => new Map(rows.map((r) => [r.g, r]));
    const waits = percentiles(stmts.waitBy.all(from, to) as Bucket[]);
    const serviceTimes = percentiles(stmts.serviceBy.all(from, to) as Bucket[]);
    const counterTimes = percentiles(stmts.counterBy.all(from, to) as Bucket[]);
    const counts = byGroup(stmts.countsBy.all(from, to) as { g: string; tickets: number; no_shows: number }[]);
    const rServices = byGroup(stmts.ratingsByService.all(from, to) as { g: string; n: number; avg: number }[]);
    const rCounters = byGroup(stmts.ratingsByCounter.all(from, to) as { g: string; n: number; avg: number }[]);
    const distribution = [0, 0, 0, 0, 0];
    for (const r of stmts.scores.all(from, to) as { score: number; n: number }[]) distribution[r.score - 1] = r.n;
    const reasonCounts = new Map((stmts.reasons.all(from, to) as { reason: string; n: number }[]).map((r) => [r.reason, r.n]));
    const tickets = [...counts.values()].reduce((s, c) => s + c.tickets, 0);
    const noShows = [...counts.values()].reduce((s, c) => s + c.no_shows, 0);
    const served = [...serviceTimes.values()].reduce((s, c) => s + c.n, 0);
    const ratingCount = distribution.reduce((s, n) => s + n, 0);
    const scoreSum = distribution.reduce((s, n, i) => s + n * (i + 1), 0);
    const pct = (m: Map<string, Pct>, id: string) => ({ median: minutes(m.get(id)?.median ?? null), p90: minutes(m.get(id)?.p90 ?? null) });
    const score = (m: Map<string, { n: number; avg: number }>, id: string) => ({ ratings: m.get(id)?.n ?? 0, averageScore: round2(m.get(id)?.avg ?? null) });
    return {
      from,
      to,
      totals: { tickets, served, noShows, ratings: ratingCount, averageScore: ratingCount ? round2(scoreSum / ratingCount) : null },
      perDay: allDays.map((day) => {
        const d = byDay.get(day);
        const r = ratingDays.get(day);
        return {
          day,
          tickets: d?.tickets ?? 0,
          noShows: d?.no_shows ?? 0,
          averageWaitMinutes: minutes(d?.avg_wait ?? null),
          ratings: r?.n ?? 0,
          averageScore: r ? round2(r.avg) : null,
        };
      }),
      perHour: Array.from({ length: 24 }, (_, hour) => ({ hour, tickets: hours.get(hour) ?? 0 })).filter((h) => h.tickets > 0 || (h.hour >= 8 && h.hour <= 17)),
      byService: deps.serviceIds.map((id) => ({
        serviceId: id,
        tickets: counts.get(id)?.tickets ?? 0,
        noShows: counts.get(id)?.no_shows ?? 0,
        waitMinutes: pct(waits, id),
        serviceMinutes: pct(serviceTimes, id),
        ...score(rServices, id),
      })),
      byCounter: deps.counterIds.map((id) => ({ counterId: id, served: counterTimes.get(id)?.n ?? 0, serviceMinutes: pct(counterTimes, id), ...score(rCounters, id) })),
      scoreDistribution: distribution,
      reasons: RATING_REASONS.map((reason) => ({ reason, count: reasonCounts.get(reason) ?? 0 })),
    };
  }

  /** The same figures as CSV (UTF-8 with BOM, so Excel reads the Chinese). */
  function csv(from: string, to: string, names: { services: Map<string, string>; counters: Map<string, string> }): string {
    const r = report(from, to);
    const cell = (v: string | number | null) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    const row = (...cells: (string | number | null)[]) => cells.map(cell).join(',');
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
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  }

  return { report, csv };
}

/** Bucket width: 6 s, one tenth of the minute the report rounds to. */
const BUCKET_MS = 6000;

interface Bucket {
  g: string;
  b: number;
  c: number;
}

interface Pct {
  g: string;
  n: number;
  median: number | null;
  p90: number | null;
}

/** Counts of `value` per `group` and 6-second bucket, over tickets whose local day is between the two parameters. */
function percentileSql(group: string, value: string, where: string): string {
  return `SELECT ${group} AS g, CAST(ROUND((${value}) / ${BUCKET_MS}.0) AS INTEGER) AS b, COUNT(*) AS c
    FROM tickets WHERE day BETWEEN ? AND ? AND ${where} GROUP BY g, b ORDER BY g, b`;
}

/** Median and p90 by nearest rank (the ⌈p·n/100⌉-th smallest) from each group's sorted buckets, in ms. */
function percentiles(buckets: readonly Bucket[]): Map<string, Pct> {
  const groups = new Map<string, Bucket[]>();
  for (const b of buckets) {
    const list = groups.get(b.g);
    if (list) list.push(b);
    else groups.set(b.g, [b]);
  }
  const out = new Map<string, Pct>();
  for (const [g, list] of groups) {
    const n = list.reduce((s, b) => s + b.c, 0);
    const at = (p: number) => {
      const rank = Math.ceil((p / 100) * n);
      let seen = 0;
      for (const b of list) {
        seen += b.c;
        if (seen >= rank) return b.b * BUCKET_MS;
      }
      return null;
    };
    out.set(g, { g, n, median: at(50), p90: at(90) });
  }
  return out;
}

function offsetOf(timeZone: string): number {
  const iso = localIso(Date.UTC(2026, 0, 1), timeZone);
  const sign = iso.at(-6) === '-' ? -1 : 1;
  const [h, m] = iso.slice(-5).split(':').map(Number);
  return sign * ((h ?? 0) * 3600 + (m ?? 0) * 60);
}

export type Stats = ReturnType<typeof createStats>;
