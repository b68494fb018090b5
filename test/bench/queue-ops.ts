/**
 * Queue operations on one SQLite file (WAL, synchronous=FULL as in
 * production): issue and "next" throughput, and whether "next" slows down as
 * the line grows (it must not grow linearly: every head lookup is indexed).
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { loadSite, queueSite } from '../../core/config/load';
import { createEventBus } from '../../core/domain/events';
import { createQueue } from '../../core/domain/queue/queue';
import { manualClock } from '../../core/store/clock';
import { openDb } from '../../core/store/db';
import { tempDir } from '../helpers/tmp';
import { summary } from './stats';

function lobbyQueue(dir: string) {
  const base = queueSite(loadSite({ siteId: 'taitung-prosecutors' }));
  // Carry-over services run past 999 numbers, so one line can hold 10,000 tickets.
  const site = { ...base, services: base.services.map((s) => ({ ...s, dailyReset: false, hours: null })) };
  const db = openDb(join(dir, 'bench.sqlite'));
  const clock = manualClock('2026-11-26T01:00:00Z');
  return { db, clock, queue: createQueue({ db, site, clock, bus: createEventBus() }) };
}

/** Median and p99 of "next" with `waiting` tickets in the line. */
function nextLatency(waiting: number, samples: number): { median: number; p99: number } {
  const tmp = tempDir('lobby-bench-');
  try {
    const { db, clock, queue } = lobbyQueue(tmp.dir);
    db.transaction(() => {
      for (let i = 0; i < waiting + samples; i++) queue.issue('consult', i % 9 === 0);
    })();
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      clock.advance(1000);
      const t0 = performance.now();
      queue.act({ action: 'next', counterId: 'c1' }, null);
      times.push(performance.now() - t0);
    }
    db.close();
    return summary(times);
  } finally {
    tmp.cleanup();
  }
}

export function benchQueueOps(): void {
  console.log('\nqueue operations on one SQLite file (WAL, synchronous=FULL)');
  const tmp = tempDir('lobby-bench-');
  try {
    const { db, clock, queue } = lobbyQueue(tmp.dir);
    const services = ['consult', 'documents', 'bail'];
    const n = 2000;
    let t0 = performance.now();
    for (let i = 0; i < n; i++) queue.issue(services[i % 3]!);
    const issueRate = n / ((performance.now() - t0) / 1000);
    t0 = performance.now();
    for (let i = 0; i < n; i++) {
      clock.advance(1000);
      queue.act({ action: 'next', counterId: ['c1', 'c2', 'c3'][i % 3]! }, null);
    }
    const nextRate = n / ((performance.now() - t0) / 1000);
    console.log(`  issue  ${issueRate.toFixed(0).padStart(6)} ops/s   next ${nextRate.toFixed(0).padStart(6)} ops/s   (each its own durable transaction)`);
    db.close();
  } finally {
    tmp.cleanup();
  }
  const small = nextLatency(1_000, 300);
  const large = nextLatency(10_000, 300);
  console.log(`  "next" with  1,000 waiting: median ${small.median.toFixed(3)} ms  p99 ${small.p99.toFixed(3)} ms`);
  console.log(`  "next" with 10,000 waiting: median ${large.median.toFixed(3)} ms  p99 ${large.p99.toFixed(3)} ms`);
  console.log(`  10× the line → ${(large.median / small.median).toFixed(2)}× the median (linear growth would be ~10×)`);
}
