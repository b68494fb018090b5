import { describe, expect, it } from 'vitest';
import { loadSite, queueSite } from '../../../../core/config/load';
import { createEventBus } from '../../../../core/domain/events';
import { createQueue } from '../../../../core/domain/queue/queue';
import { createStats } from '../../../../core/domain/stats/stats';
import { createRatings } from '../../../../core/domain/survey/ratings';
import { manualClock } from '../../../../core/store/clock';
import { openDb } from '../../../../core/store/db';

const site = loadSite({ siteId: 'taitung-prosecutors' });
const MIN = 60_000;

/**
 * A hand-computed fixture, one day (2026-11-02, Monday, Taipei):
 *   09:00 A001 issued; 09:04 called at c1 (wait 4); 09:06 started; 09:16 finished (service 10)
 *   09:01 A002 issued; 09:16 called at c1 (wait 15); 09:20 finished, no start (service 4)
 *   09:02 A003 issued; 09:20 called at c1 (wait 18); skipped; no-show after the grace
 *   10:30 B001 issued; 10:32 called at c2 (wait 2); 10:40 finished (service 8)
 * Ratings: c1 after A001 → 5 (fast, friendly); c1 after A002 → 3 (slow); kiosk consult → 4.
 * So consult: 3 tickets, 1 no-show, waits 4/15/18 → median 15, p90 18; service 10/4 → median 4, p90 10;
 * ratings 5,3,4 → 3 ratings, average 4. documents: 1 ticket, wait 2, service 8.
 * c1: served 2, service median 4; c2: served 1, service 8.
 */
function fixture() {
  const db = openDb(':memory:');
  const clock = manualClock('2026-11-02T09:00:00+08:00');
  const bus = createEventBus();
  const queue = createQueue({ db, site: queueSite(site), clock, bus });
  const ratings = createRatings({ db, clock, bus, timeZone: 'Asia/Taipei', counterIds: site.counters.map((c) => c.id), serviceIds: site.services.map((s) => s.id) });
  bus.on('ticket.finished', (e) => ratings.open(e.counterId, e.serviceId));
  const at = (hhmm: string) => clock.set(`2026-11-02T${hhmm}:00+08:00`);
  const act = (counterId: string, action: 'next' | 'start' | 'finish' | 'skip') => queue.act({ action, counterId } as never, null);
  const prompt = (counterId: string) => ratings.prompts().counters.find((c) => c.counterId === counterId)!.prompt!.id;

  at('09:00');
  queue.issue('consult');
  at('09:01');
  queue.issue('consult');
  at('09:02');
  queue.issue('consult');
  at('09:04');
  act('c1', 'next');
  at('09:06');
  act('c1', 'start');
  at('09:16');
  act('c1', 'finish');
  ratings.rateCounter({ promptId: prompt('c1'), score: 5, reasons: ['fast', 'friendly'] }, 'c1');
  act('c1', 'next');
  at('09:20');
  act('c1', 'next');
  ratings.rateCounter({ promptId: prompt('c1'), score: 3, reasons: ['slow'] }, 'c1');
  act('c1', 'skip');
  at('10:30');
  queue.issue('documents');
  at('10:32');
  act('c2', 'next');
  at('10:40');
  act('c2', 'finish');
  ratings.rateAtKiosk({ serviceId: 'consult', score: 4, reasons: [] });
  // Past the grace period, the skipped A003 is a no-show.
  at('11:00');
  queue.board();
  return { db, stats: createStats({ db, clock, timeZone: 'Asia/Taipei', serviceIds: site.services.map((s) => s.id), counterIds: site.counters.map((c) => c.id) }) };
}

describe('statistics against a hand-computed fixture', () => {
  it('totals, per service and per counter, with median and p90 in minutes', () => {
    const { stats } = fixture();
    const r = stats.report('2026-11-01', '2026-11-30');
    expect(r.totals).toEqual({ tickets: 4, served: 3, noShows: 1, ratings: 3, averageScore: 4 });
    expect(r.byService.find((s) => s.serviceId === 'consult')).toEqual({
      serviceId: 'consult',
      tickets: 3,
      noShows: 1,
      waitMinutes: { median: 15, p90: 18 },
      serviceMinutes: { median: 4, p90: 10 },
      ratings: 3,
      averageScore: 4,
    });
    expect(r.byService.find((s) => s.serviceId === 'documents')).toMatchObject({ tickets: 1, waitMinutes: { median: 2, p90: 2 }, serviceMinutes: { median: 8, p90: 8 } });
    expect(r.byCounter.find((c) => c.counterId === 'c1')).toEqual({ counterId: 'c1', served: 2, serviceMinutes: { median: 4, p90: 10 }, ratings: 2, averageScore: 4 });
    expect(r.byCounter.find((c) => c.counterId === 'c2')).toMatchObject({ served: 1, serviceMinutes: { median: 8 }, ratings: 0, averageScore: null });
  });

  it('per day and per hour, the score distribution and the reasons', () => {
    const { stats } = fixture();
    const r = stats.report('2026-11-01', '2026-11-30');
    // Average wait over the called tickets: (4 + 15 + 18 + 2) / 4 = 9.75 min.
    expect(r.perDay).toEqual([{ day: '2026-11-02', tickets: 4, noShows: 1, averageWaitMinutes: 9.8, ratings: 3, averageScore: 4 }]);
    expect(r.perHour.find((h) => h.hour === 9)!.tickets).toBe(3);
    expect(r.perHour.find((h) => h.hour === 10)!.tickets).toBe(1);
    expect(r.scoreDistribution).toEqual([0, 0, 1, 1, 1]);
    expect(r.reasons.filter((x) => x.count > 0)).toEqual([
      { reason: 'fast', count: 1 },
      { reason: 'friendly', count: 1 },
      { reason: 'slow', count: 1 },
    ]);
    expect(stats.report('2026-12-01', '2026-12-31').totals.tickets).toBe(0);
  });

  it('exports the same figures as CSV that Excel reads (UTF-8 BOM, CRLF)', () => {
    const { stats } = fixture();
    const text = stats.csv('2026-11-01', '2026-11-30', { services: new Map([['consult', '為民服務中心諮詢']]), counters: new Map([['c1', '1 號櫃台']]) });
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toContain('為民服務中心諮詢,3,1,15,18,4,10,3,4');
    expect(lines).toContain('1 號櫃台,2,4,10,2,4');
    expect(lines).toContain('2026-11-02,4,1,9.8,3,4');
  });
});

describe('ratings', () => {
  it('a prompt is answered once, expires after three minutes, and a kiosk rating needs a known service', () => {
    const db = openDb(':memory:');
    const clock = manualClock('2026-11-02T09:00:00+08:00');
    const ratings = createRatings({ db, clock, bus: createEventBus(), timeZone: 'Asia/Taipei', counterIds: ['c1'], serviceIds: ['consult'] });
    ratings.open('c1', 'consult');
    const id = ratings.prompts().counters[0]!.prompt!.id;
    ratings.rateCounter({ promptId: id, score: 4, reasons: [] }, 'c1');
    expect(() => ratings.rateCounter({ promptId: id, score: 1, reasons: [] }, 'c1')).toThrow(/already given or has expired/);
    ratings.open('c1', 'consult');
    // Another counter's tablet may not answer c1's prompt.
    const open = ratings.prompts().counters[0]!.prompt!.id;
    expect(() => ratings.rateCounter({ promptId: open, score: 1, reasons: [] }, 'c2')).toThrow(/another counter/);
    ratings.open('c1', 'consult');
    const late = ratings.prompts().counters[0]!.prompt!.id;
    clock.advance(3 * MIN + 1);
    expect(ratings.prompts().counters[0]!.prompt).toBeNull();
    expect(() => ratings.rateCounter({ promptId: late, score: 5, reasons: [] }, 'c1')).toThrow(/expired/);
    expect(() => ratings.rateAtKiosk({ serviceId: 'nope', score: 5, reasons: [] })).toThrow(/Unknown service/);
    const row = db.prepare('SELECT * FROM ratings').all();
    expect(row).toEqual([{ id: 1, at: expect.any(Number), day: '2026-11-02', service_id: 'consult', counter_id: 'c1', score: 4, reasons: '[]', source: 'counter' }]);
  });
});
