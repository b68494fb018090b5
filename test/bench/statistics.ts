/**
 * A year of history — 800,000 tickets and 200,000 ratings — and the monthly
 * report and range charts staff open: query time, median and p99.
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { loadSite } from '../../core/config/load';
import { createStats } from '../../core/domain/stats/stats';
import { manualClock } from '../../core/store/clock';
import { openDb, type Db } from '../../core/store/db';
import { tempDir } from '../helpers/tmp';
import { summary } from './stats';

type Line = (label: string, s: { n: number; median: number; p99: number }, target?: number) => void;

export function benchStatistics(line: Line): void {
  console.log('\nstatistics over a year of history: 800,000 tickets, 200,000 ratings');
  const site = loadSite({ siteId: 'taitung-prosecutors' });
  const tmp = tempDir('lobby-bench-stats-');
  try {
    const db = openDb(join(tmp.dir, 'year.sqlite'));
    const services = site.services.map((s) => s.id);
    const counters = site.counters.map((c) => c.id);
    const t0 = performance.now();
    const { tickets, ratings } = seedYear(db, services, counters);
    console.log(`  generated ${tickets.toLocaleString('en')} tickets and ${ratings.toLocaleString('en')} ratings in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // The lobby refreshes the planner's statistics nightly (with the backup); a year of rows needs them.
    db.exec('ANALYZE');
    const stats = createStats({ db, clock: manualClock('2026-11-30T15:00:00+08:00'), timeZone: site.timeZone, serviceIds: services, counterIds: counters });
    // The lobby stores each closed day's figures nightly; a first report after an upgrade does the backlog once.
    const tSeal = performance.now();
    stats.seal('2025-12-01', '2026-11-30');
    console.log(`  storing the figures of 364 closed days (once; nightly it is one day): ${((performance.now() - tSeal) / 1000).toFixed(2)} s`);
    const time = (from: string, to: string, runs: number) => {
      stats.report(from, to);
      const out: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        stats.report(from, to);
        out.push(performance.now() - t);
      }
      return summary(out);
    };
    line('  monthly report (Nov 2026, today live)', time('2026-11-01', '2026-11-30', 30), 100);
    line('  monthly report (Oct 2026, all closed)', time('2026-10-01', '2026-10-31', 30), 100);
    line('  quarter range (Sep–Nov)', time('2026-09-01', '2026-11-30', 10), 100);
    line('  whole year range', time('2025-12-01', '2026-11-30', 10), 100);
    db.close();
  } finally {
    tmp.cleanup();
  }
}

/** 2025-12-01 … 2026-11-30 (Asia/Taipei): ~2,200 tickets a day (or `perDay`), a rating for every fourth. Deterministic. */
export function seedYear(db: Db, services: readonly string[], counters: readonly string[], perDay = Math.round(800_000 / 365)): { tickets: number; ratings: number } {
  const insertTicket = db.prepare(
    `INSERT INTO tickets (service_id, issued_service_id, day, seq_key, seq, number, priority, status, sort_key, token, issued_at, waiting_since, called_at, serving_at, finished_at, counter_id)
     VALUES (?, ?, ?, ?, ?, ?, 0, ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRating = db.prepare('INSERT INTO ratings (at, day, service_id, counter_id, score, reasons, source) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  db.transaction(() => {
    const start = Date.parse('2025-12-01T00:00:00+08:00');
    for (let d = 0; d < 365; d++) {
      const dayMs = start + d * 86_400_000;
      const day = new Date(dayMs + 8 * 3600_000).toISOString().slice(0, 10);
      for (let i = 0; i < perDay; i++) {
        const service = services[i % services.length]!;
        const issued = dayMs + (8.5 * 3600 + rand() * 8 * 3600) * 1000;
        const called = issued + rand() * 40 * 60_000;
        const noShow = rand() < 0.04;
        const finished = noShow ? null : called + (2 + rand() * 15) * 60_000;
        insertTicket.run(service, service, day, day, i + 1, `A${i}`, noShow ? 'no_show' : 'done', `${d}-${i}`, issued, issued, called, null, finished, counters[i % counters.length]);
        if (i % 4 === 0) insertRating.run(called, day, service, counters[i % counters.length], 1 + Math.floor(rand() * 5), rand() < 0.3 ? '["fast"]' : '[]', 'counter');
      }
    }
  })();
  const tickets = (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
  const ratings = (db.prepare('SELECT COUNT(*) AS n FROM ratings').get() as { n: number }).n;
  return { tickets, ratings };
}
