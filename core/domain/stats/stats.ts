import type { StatsReport } from '../../contract';
import { RATING_REASONS } from '../../contract';
import { localIso } from '../../store/clock';
import type { Db } from '../../store/db';

/** Nearest-rank percentile of sorted values; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

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
    durations: db.prepare(
      `SELECT service_id, counter_id, status, called_at - issued_at AS wait,
       CASE WHEN status = 'done' AND finished_at IS NOT NULL THEN finished_at - COALESCE(serving_at, called_at) END AS service
       FROM tickets WHERE day BETWEEN ? AND ?`,
    ),
    ratingsPerDay: db.prepare(`SELECT day, COUNT(*) AS n, AVG(score) AS avg FROM ratings WHERE day BETWEEN ? AND ? GROUP BY day`),
    ratingsBy: db.prepare(`SELECT service_id, counter_id, score, reasons FROM ratings WHERE day BETWEEN ? AND ?`),
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

    const waits = new Map<string, number[]>();
    const serviceTimes = new Map<string, number[]>();
    const counterTimes = new Map<string, number[]>();
    const ticketsBy = new Map<string, number>();
    const noShowsBy = new Map<string, number>();
    const servedBy = new Map<string, number>();
    let tickets = 0;
    let served = 0;
    let noShows = 0;
    for (const r of stmts.durations.iterate(from, to) as Iterable<{ service_id: string; counter_id: string | null; status: string; wait: number | null; service: number | null }>) {
      tickets++;
      ticketsBy.set(r.service_id, (ticketsBy.get(r.service_id) ?? 0) + 1);
      if (r.status === 'no_show') {
        noShows++;
        noShowsBy.set(r.service_id, (noShowsBy.get(r.service_id) ?? 0) + 1);
      }
      if (r.wait !== null) push(waits, r.service_id, r.wait);
      if (r.service !== null) {
        served++;
        push(serviceTimes, r.service_id, r.service);
        if (r.counter_id) {
          push(counterTimes, r.counter_id, r.service);
          servedBy.set(r.counter_id, (servedBy.get(r.counter_id) ?? 0) + 1);
        }
      }
    }
    const ratings = stmts.ratingsBy.all(from, to) as { service_id: string; counter_id: string | null; score: number; reasons: string }[];
    const distribution = [0, 0, 0, 0, 0];
    const reasonCounts = new Map<string, number>();
    const scoreBy = (key: 'service_id' | 'counter_id', id: string) => {
      const mine = ratings.filter((r) => r[key] === id);
      return { ratings: mine.length, averageScore: mine.length ? round2(mine.reduce((s, r) => s + r.score, 0) / mine.length) : null };
    };
    for (const r of ratings) {
      distribution[r.score - 1]!++;
      for (const reason of JSON.parse(r.reasons) as string[]) reasonCounts.set(reason, (reasonCounts.get(reason) ?? 0) + 1);
    }
    const pct = (m: Map<string, number[]>, id: string) => {
      const sorted = (m.get(id) ?? []).sort((a, b) => a - b);
      return { median: minutes(percentile(sorted, 50)), p90: minutes(percentile(sorted, 90)) };
    };
    return {
      from,
      to,
      totals: {
        tickets,
        served,
        noShows,
        ratings: ratings.length,
        averageScore: ratings.length ? round2(ratings.reduce((s, r) => s + r.score, 0) / ratings.length) : null,
      },
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
        tickets: ticketsBy.get(id) ?? 0,
        noShows: noShowsBy.get(id) ?? 0,
        waitMinutes: pct(waits, id),
        serviceMinutes: pct(serviceTimes, id),
        ...scoreBy('service_id', id),
      })),
      byCounter: deps.counterIds.map((id) => ({ counterId: id, served: servedBy.get(id) ?? 0, serviceMinutes: pct(counterTimes, id), ...scoreBy('counter_id', id) })),
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

function push(m: Map<string, number[]>, key: string, v: number): void {
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
}

function offsetOf(timeZone: string): number {
  const iso = localIso(Date.UTC(2026, 0, 1), timeZone);
  const sign = iso.at(-6) === '-' ? -1 : 1;
  const [h, m] = iso.slice(-5).split(':').map(Number);
  return sign * ((h ?? 0) * 3600 + (m ?? 0) * 60);
}

export type Stats = ReturnType<typeof createStats>;
