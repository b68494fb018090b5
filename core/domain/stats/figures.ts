import type { Db } from '../../store/db';
import { BUCKET_MS, HistogramSet } from './histogram';

export interface Tally {
  tickets: number;
  noShows: number;
  /** Sum and count of waits (issue → first call), for the average per day. */
  waitSum: number;
  waitN: number;
}

export interface Score {
  n: number;
  sum: number;
}

export type HistogramKind = 'wait' | 'service' | 'counter';

/**
 * Everything a report is built from, for some set of days. Figures of
 * different days add up (counts, sums, histograms), which is what lets a closed
 * day be stored once and a range be the sum of its days.
 */
export class Figures {
  days = new Map<string, Tally>();
  ratingDays = new Map<string, Score>();
  hours: number[] = new Array<number>(24).fill(0);
  services = new Map<string, Tally>();
  ratingServices = new Map<string, Score>();
  ratingCounters = new Map<string, Score>();
  scores: number[] = [0, 0, 0, 0, 0];
  reasons = new Map<string, number>();
  histograms: Record<HistogramKind, HistogramSet> = { wait: new HistogramSet(), service: new HistogramSet(), counter: new HistogramSet() };

  add(other: Figures): void {
    addTallies(this.days, other.days);
    addScores(this.ratingDays, other.ratingDays);
    other.hours.forEach((n, h) => (this.hours[h]! += n));
    addTallies(this.services, other.services);
    addScores(this.ratingServices, other.ratingServices);
    addScores(this.ratingCounters, other.ratingCounters);
    other.scores.forEach((n, i) => (this.scores[i]! += n));
    for (const [r, n] of other.reasons) this.reasons.set(r, (this.reasons.get(r) ?? 0) + n);
    for (const kind of HISTOGRAM_KINDS) this.histograms[kind].merge(other.histograms[kind]);
  }

  /** Everything but the histograms, as stored JSON. */
  summaryJson(): string {
    return JSON.stringify({
      days: [...this.days],
      ratingDays: [...this.ratingDays],
      hours: this.hours,
      services: [...this.services],
      ratingServices: [...this.ratingServices],
      ratingCounters: [...this.ratingCounters],
      scores: this.scores,
      reasons: [...this.reasons],
    });
  }

  addSummaryJson(json: string): void {
    const s = JSON.parse(json) as StoredSummary;
    const other = new Figures();
    other.days = new Map(s.days);
    other.ratingDays = new Map(s.ratingDays);
    other.hours = s.hours;
    other.services = new Map(s.services);
    other.ratingServices = new Map(s.ratingServices);
    other.ratingCounters = new Map(s.ratingCounters);
    other.scores = s.scores;
    other.reasons = new Map(s.reasons);
    this.add(other);
  }
}

export const HISTOGRAM_KINDS: readonly HistogramKind[] = ['wait', 'service', 'counter'];

interface StoredSummary {
  days: [string, Tally][];
  ratingDays: [string, Score][];
  hours: number[];
  services: [string, Tally][];
  ratingServices: [string, Score][];
  ratingCounters: [string, Score][];
  scores: number[];
  reasons: [string, number][];
}

function addTallies(into: Map<string, Tally>, from: Map<string, Tally>): void {
  for (const [k, t] of from) {
    const a = into.get(k);
    if (!a) into.set(k, { ...t });
    else {
      a.tickets += t.tickets;
      a.noShows += t.noShows;
      a.waitSum += t.waitSum;
      a.waitN += t.waitN;
    }
  }
}

function addScores(into: Map<string, Score>, from: Map<string, Score>): void {
  for (const [k, s] of from) {
    const a = into.get(k);
    if (!a) into.set(k, { ...s });
    else {
      a.n += s.n;
      a.sum += s.sum;
    }
  }
}

const SERVICE_TIME = 'finished_at - COALESCE(serving_at, called_at)';
const SERVED = "status = 'done' AND finished_at IS NOT NULL AND called_at IS NOT NULL";

/** Counts of `value` per `group` and 6-second bucket, over tickets whose local day is between the two parameters. */
function histogramSql(group: string, value: string, where: string): string {
  return `SELECT ${group} AS g, CAST(ROUND((${value}) / ${BUCKET_MS}.0) AS INTEGER) AS b, COUNT(*) AS c
    FROM tickets WHERE day BETWEEN ? AND ? AND ${where} GROUP BY g, b`;
}

/** Reads figures straight from the tickets and ratings of a range of days. */
export function createFigureReader(db: Db) {
  const stmts = {
    perDay: db.prepare(
      `SELECT day, COUNT(*) AS tickets, SUM(status = 'no_show') AS no_shows, TOTAL(called_at - issued_at) AS wait_sum, COUNT(called_at) AS wait_n
       FROM tickets WHERE day BETWEEN ? AND ? GROUP BY day`,
    ),
    perHour: db.prepare(
      `SELECT CAST(((issued_at / 1000 + CAST(? AS INTEGER)) % 86400) / 3600 AS INTEGER) AS hour, COUNT(*) AS n FROM tickets WHERE day BETWEEN ? AND ? GROUP BY hour`,
    ),
    perService: db.prepare(
      `SELECT service_id AS g, COUNT(*) AS tickets, SUM(status = 'no_show') AS no_shows, TOTAL(called_at - issued_at) AS wait_sum, COUNT(called_at) AS wait_n
       FROM tickets WHERE day BETWEEN ? AND ? GROUP BY service_id`,
    ),
    wait: db.prepare(histogramSql('service_id', 'called_at - issued_at', 'called_at IS NOT NULL')),
    service: db.prepare(histogramSql('service_id', SERVICE_TIME, SERVED)),
    counter: db.prepare(histogramSql('counter_id', SERVICE_TIME, `${SERVED} AND counter_id IS NOT NULL`)),
    ratingsPerDay: db.prepare(`SELECT day AS g, COUNT(*) AS n, TOTAL(score) AS sum FROM ratings WHERE day BETWEEN ? AND ? GROUP BY day`),
    ratingsByService: db.prepare(`SELECT service_id AS g, COUNT(*) AS n, TOTAL(score) AS sum FROM ratings WHERE day BETWEEN ? AND ? GROUP BY service_id`),
    ratingsByCounter: db.prepare(
      `SELECT counter_id AS g, COUNT(*) AS n, TOTAL(score) AS sum FROM ratings WHERE day BETWEEN ? AND ? AND counter_id IS NOT NULL GROUP BY counter_id`,
    ),
    scores: db.prepare(`SELECT score, COUNT(*) AS n FROM ratings WHERE day BETWEEN ? AND ? GROUP BY score`),
    reasons: db.prepare(`SELECT j.value AS reason, COUNT(*) AS n FROM ratings, json_each(ratings.reasons) j WHERE day BETWEEN ? AND ? AND reasons != '[]' GROUP BY j.value`),
  };
  type TallyRow = { tickets: number; no_shows: number; wait_sum: number; wait_n: number };
  const tally = (r: TallyRow): Tally => ({ tickets: r.tickets, noShows: r.no_shows, waitSum: r.wait_sum, waitN: r.wait_n });

  /** `utcOffsetSeconds` turns epoch ms into the local hour (Asia/Taipei has no daylight saving). */
  return function read(from: string, to: string, utcOffsetSeconds: number): Figures {
    const figures = new Figures();
    for (const r of stmts.perDay.all(from, to) as (TallyRow & { day: string })[]) figures.days.set(r.day, tally(r));
    for (const r of stmts.perHour.all(utcOffsetSeconds, from, to) as { hour: number; n: number }[]) figures.hours[r.hour] = r.n;
    for (const r of stmts.perService.all(from, to) as (TallyRow & { g: string })[]) figures.services.set(r.g, tally(r));
    for (const kind of HISTOGRAM_KINDS) {
      for (const r of stmts[kind].all(from, to) as { g: string; b: number; c: number }[]) figures.histograms[kind].of(r.g).add(r.b, r.c);
    }
    const scores = (rows: unknown[], m: Map<string, Score>) => {
      for (const r of rows as { g: string; n: number; sum: number }[]) m.set(r.g, { n: r.n, sum: r.sum });
    };
    scores(stmts.ratingsPerDay.all(from, to), figures.ratingDays);
    scores(stmts.ratingsByService.all(from, to), figures.ratingServices);
    scores(stmts.ratingsByCounter.all(from, to), figures.ratingCounters);
    for (const r of stmts.scores.all(from, to) as { score: number; n: number }[]) figures.scores[r.score - 1] = r.n;
    for (const r of stmts.reasons.all(from, to) as { reason: string; n: number }[]) figures.reasons.set(r.reason, r.n);
    return figures;
  };
}
