import { describe, expect, it } from 'vitest';
import { loadSite } from '../../../../core/config/load';
import { Histogram } from '../../../../core/domain/stats/histogram';
import { createStats } from '../../../../core/domain/stats/stats';
import { manualClock } from '../../../../core/store/clock';
import { openDb, type Db } from '../../../../core/store/db';
import { seededRandom } from '../../../helpers/random';

const site = loadSite({ siteId: 'taitung-prosecutors' });
const services = site.services.map((s) => s.id);
const counters = site.counters.map((c) => c.id);
const MIN = 60_000;

/** Ten days of tickets and ratings (2026-11-02 … 11-11), some no-shows, and one ticket of 11-05 still waiting. */
function history(db: Db) {
  const rand = seededRandom(42);
  const ticket = db.prepare(
    `INSERT INTO tickets (service_id, issued_service_id, day, seq_key, seq, number, priority, status, sort_key, token, issued_at, waiting_since, called_at, serving_at, finished_at, counter_id)
     VALUES (?, ?, ?, ?, ?, ?, 0, ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const rating = db.prepare('INSERT INTO ratings (at, day, service_id, counter_id, score, reasons, source) VALUES (?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let d = 0; d < 10; d++) {
      const day = `2026-11-${String(2 + d).padStart(2, '0')}`;
      const dayStart = Date.parse(`${day}T08:30:00+08:00`);
      for (let i = 0; i < 40 + d * 7; i++) {
        const service = services[Math.floor(rand() * services.length)]!;
        const counter = counters[Math.floor(rand() * counters.length)]!;
        const issued = dayStart + Math.floor(rand() * 8 * 60) * MIN;
        const called = issued + Math.floor(rand() * 45 * MIN);
        const noShow = rand() < 0.1;
        const serving = rand() < 0.5 ? called + MIN : null;
        const finished = noShow ? null : called + Math.floor((1 + rand() * 20) * MIN);
        ticket.run(service, service, day, day, i + 1, `A${i}`, noShow ? 'no_show' : 'done', `${day}-${i}`, issued, issued, called, serving, finished, counter);
        if (rand() < 0.3) rating.run(called, day, service, rand() < 0.8 ? counter : null, 1 + Math.floor(rand() * 5), rand() < 0.4 ? '["fast","clear"]' : '[]', 'counter');
      }
    }
    // Carried over: issued on 11-05, still waiting.
    const issued = Date.parse('2026-11-05T16:50:00+08:00');
    ticket.run(services[0], services[0], '2026-11-05', '2026-11-05', 999, 'A999', 'waiting', 'open', issued, issued, null, null, null, null);
  })();
}

const statsAt = (db: Db, now: string) =>
  createStats({ db, clock: manualClock(now), timeZone: 'Asia/Taipei', serviceIds: services, counterIds: counters });

describe('statistics of closed days', () => {
  it('a range read from stored days equals the same range read from every ticket', () => {
    const db = openDb(':memory:');
    history(db);
    // Before any of these days: nothing is closed, everything is read from the tickets.
    const fromTickets = statsAt(db, '2026-11-01T12:00:00+08:00').report('2026-11-01', '2026-11-30');
    expect(db.prepare('SELECT COUNT(*) FROM stats_days').pluck().get()).toBe(0);

    // On 11-09: 11-01 … 11-08 have ended; 11-05 still has a waiting ticket; 11-09 is today.
    const later = statsAt(db, '2026-11-09T10:00:00+08:00');
    // A report only reads: storing closed days is the nightly's work.
    expect(later.report('2026-11-01', '2026-11-30')).toEqual(fromTickets);
    expect(db.prepare('SELECT COUNT(*) FROM stats_days').pluck().get()).toBe(0);
    later.seal('2026-11-01', '2026-11-30');
    const stored = db.prepare('SELECT day FROM stats_days ORDER BY day').pluck().all();
    expect(stored).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-06', '2026-11-07', '2026-11-08']);
    // Read again, now from what was stored and the tickets of the days that were not.
    expect(later.report('2026-11-01', '2026-11-30')).toEqual(fromTickets);
    expect(later.csv('2026-11-03', '2026-11-07', { services: new Map(), counters: new Map() })).toBe(
      statsAt(db, '2026-11-01T12:00:00+08:00').csv('2026-11-03', '2026-11-07', { services: new Map(), counters: new Map() }),
    );
    expect(fromTickets.totals.tickets).toBeGreaterThan(700);
    expect(fromTickets.byService.every((s) => s.tickets === 0 || s.waitMinutes.median !== null)).toBe(true);
  });

  it('a day with a ticket still open is stored only once that ticket is closed, and then counts it', () => {
    const db = openDb(':memory:');
    history(db);
    const stats = statsAt(db, '2026-11-20T10:00:00+08:00');
    stats.seal('2026-11-05', '2026-11-05');
    const before = stats.report('2026-11-05', '2026-11-05');
    expect(db.prepare("SELECT COUNT(*) FROM stats_days WHERE day = '2026-11-05'").pluck().get()).toBe(0);

    // Called the next morning and served: its 17-hour wait belongs to 11-05.
    db.prepare("UPDATE tickets SET status = 'done', called_at = ?, finished_at = ?, counter_id = 'c1' WHERE token = 'open'").run(
      Date.parse('2026-11-06T09:50:00+08:00'),
      Date.parse('2026-11-06T10:00:00+08:00'),
    );
    stats.seal('2026-11-05', '2026-11-05');
    expect(db.prepare("SELECT COUNT(*) FROM stats_days WHERE day = '2026-11-05'").pluck().get()).toBe(1);
    const after = stats.report('2026-11-05', '2026-11-05');
    expect(after.totals.tickets).toBe(before.totals.tickets);
    expect(after.totals.served).toBe(before.totals.served + 1);
    expect(after.perDay[0]!.averageWaitMinutes).toBeGreaterThan(before.perDay[0]!.averageWaitMinutes!);
    expect(statsAt(db, '2026-11-01T00:00:00+08:00').report('2026-11-05', '2026-11-05')).toEqual(after);
  });

  it('a range of months not stored yet is read from the tickets a month per step, and equals the same range once stored', () => {
    const db = openDb(':memory:');
    history(db);
    const stats = statsAt(db, '2027-01-10T10:00:00+08:00');
    // From 10-07 the steps are 10-07 … 11-06 and 11-07 …: the ten days of tickets fall in two.
    const live = stats.report('2026-10-07', '2026-12-31');
    expect(db.prepare('SELECT COUNT(*) FROM stats_days').pluck().get()).toBe(0);
    stats.seal('2026-10-07', '2026-12-31');
    expect(stats.report('2026-10-07', '2026-12-31')).toEqual(live);
    expect(live.totals.tickets).toBeGreaterThan(700);
  });

  it('nightly sealing stores the closed days and leaves today to the tickets', () => {
    const db = openDb(':memory:');
    history(db);
    statsAt(db, '2026-11-08T02:00:00+08:00').seal('2026-10-01', '2026-11-08');
    const days = db.prepare("SELECT day FROM stats_days WHERE day >= '2026-11-01' ORDER BY day").pluck().all();
    expect(days).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-06', '2026-11-07']);
    const kinds = db.prepare("SELECT DISTINCT kind FROM stats_histograms WHERE day = '2026-11-02' ORDER BY kind").pluck().all();
    expect(kinds).toEqual(['counter', 'service', 'wait']);
  });
});

describe('histogram', () => {
  it('gives nearest-rank percentiles in 6-second buckets, and survives its stored form', () => {
    const h = new Histogram();
    for (const minutes of [4, 15, 18, 2, 9]) h.add((minutes * 60_000) / 6000, 1);
    h.add(5_000_000, 1); // a wait of a year is held in the last bucket
    expect(h.n).toBe(6);
    expect(h.percentile(50)).toBe(9 * 60_000);
    expect(h.percentile(90)).toBe(1_000_000 * 6000);
    const copy = new Histogram();
    copy.addEncoded(h.encode());
    expect([copy.n, copy.percentile(50), copy.percentile(90)]).toEqual([6, 9 * 60_000, 1_000_000 * 6000]);
    expect(new Histogram().percentile(50)).toBeNull();
  });
});
