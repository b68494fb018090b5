import { describe, expect, it } from 'vitest';
import { loadSite, queueSite } from '../../../../core/config/load';
import { createEventBus } from '../../../../core/domain/events';
import { estimateWaitMinutes } from '../../../../core/domain/queue/estimates';
import { createQueue } from '../../../../core/domain/queue/queue';
import { manualClock } from '../../../../core/store/clock';
import { openDb } from '../../../../core/store/db';

const MIN = 60_000;
const SEC = 1000;

describe('the estimated wait', () => {
  it('is people ahead × the median service time ÷ the counters serving', () => {
    expect(estimateWaitMinutes([4 * MIN, 6 * MIN, 5 * MIN], 4, 2)).toBe(10);
    expect(estimateWaitMinutes([4 * MIN, 6 * MIN, 5 * MIN, 30 * MIN], 3, 1)).toBe(15);
  });

  it('is no number at all with fewer than three services to go by', () => {
    expect(estimateWaitMinutes([], 11, 2)).toBeNull();
    expect(estimateWaitMinutes([4 * MIN, 6 * MIN], 11, 2)).toBeNull();
    expect(estimateWaitMinutes([4 * MIN, 6 * MIN, 5 * MIN], 11, 0)).toBeNull();
  });

  it('counts at least a minute a person, so it is never 0 minutes with anyone ahead', () => {
    // Three calls that ended within seconds (no-shows, a mistaken press): the board said 約 0 分鐘 beside 11 waiting.
    const quick = [4 * SEC, 6 * SEC, 5 * SEC];
    expect(estimateWaitMinutes(quick, 11, 2)).toBe(6); // 11 × 1 min ÷ 2
    expect(estimateWaitMinutes(quick, 1, 2)).toBe(1);
    expect(estimateWaitMinutes([20 * SEC, 25 * SEC, 30 * SEC], 1, 3)).toBe(1);
    for (let ahead = 1; ahead < 40; ahead++) {
      for (const counters of [1, 2, 3]) expect(estimateWaitMinutes(quick, ahead, counters)).toBeGreaterThanOrEqual(1);
    }
    // Nobody ahead: the ticket is next, and screens say so instead of a time.
    expect(estimateWaitMinutes(quick, 0, 2)).toBe(0);
  });
});

describe('what the board, the ticket and the phone page say after a few quick calls', () => {
  it('a service with 11 waiting never reads 約 0 分鐘', () => {
    const site = queueSite(loadSite({ siteId: 'taitung-prosecutors' }));
    const db = openDb(':memory:');
    const clock = manualClock('2026-11-26T01:00:00Z');
    const queue = createQueue({ db, site, clock, bus: createEventBus() });
    // Three consult tickets called and passed on within seconds each.
    for (let i = 0; i < 3; i++) queue.issue('consult');
    for (let i = 0; i < 4; i++) {
      queue.act({ action: 'next', counterId: 'c1' }, null);
      clock.advance(5 * SEC);
    }
    const waiting = Array.from({ length: 11 }, () => queue.issue('consult'));
    const board = queue.board().services.find((s) => s.serviceId === 'consult')!;
    expect(board.waiting).toBe(11);
    expect(board.estimatedWaitMinutes).toBeGreaterThanOrEqual(1);
    const taken = queue.issue('consult');
    expect(taken.waitingAhead).toBeGreaterThanOrEqual(11);
    expect(board.estimatedWaitMinutes).toBe(taken.estimatedWaitMinutes);
    expect(taken.estimatedWaitMinutes).toBe(Math.round((taken.waitingAhead * 1) / 2)); // a minute a person, two counters serve consult
    const phones = waiting.map((t) => queue.phoneTicket(t.token));
    expect(phones[0]).toMatchObject({ ahead: 0, estimatedWaitMinutes: 0 });
    for (const p of phones.slice(1)) expect(p.estimatedWaitMinutes, `${p.number}: ${p.ahead} ahead`).toBeGreaterThanOrEqual(1);
    db.close();
  });
});
