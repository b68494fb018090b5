/**
 * The lobby PC's clock is stepped (time sync, an admin): issued tickets keep
 * their day and their place, numbers never repeat, staff are told.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadSite, queueSite } from '../../../../core/config/load';
import { createEventBus } from '../../../../core/domain/events';
import { createQueue } from '../../../../core/domain/queue/queue';
import { manualClock } from '../../../../core/store/clock';
import { openDb, type Db } from '../../../../core/store/db';
import { tempDir } from '../../../helpers/tmp';

const site = queueSite(loadSite({ siteId: 'taitung-prosecutors' }));
const MIN = 60_000;
/** Taipei wall time on 26 (D) or 27 (D+1) November 2026. */
const at = (hhmm: string, day = 26) => `2026-11-${day}T${hhmm}:00+08:00`;

function setup(start: string, file = ':memory:', db: Db = openDb(file)) {
  const clock = manualClock(start);
  const bus = createEventBus();
  let healthChanges = 0;
  bus.on('devices.changed', () => healthChanges++);
  const queue = createQueue({ db, site, clock, bus });
  return { db, clock, queue, healthChanges: () => healthChanges };
}

const rows = (db: Db) =>
  db.prepare(`SELECT number, day, status FROM tickets WHERE service_id = 'consult' ORDER BY id`).all() as { number: string; day: string; status: string }[];
const waitingLine = (q: ReturnType<typeof setup>['queue']) => q.staffView().lines.find((l) => l.serviceId === 'consult')!.waiting.map((w) => w.number);
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('a clock set back across midnight', () => {
  it('keeps every ticket issued after the step in the day already begun: none expires at the next midnight, the line keeps arrival order, no number repeats, staff are warned', async () => {
    const { db, clock, queue, healthChanges } = setup(at('23:58'));
    expect(queue.issue('consult')).toMatchObject({ number: 'A001', day: '2026-11-26' });
    clock.advance(5 * MIN); // 00:03 on the 27th: the new day begins
    expect(queue.issue('consult')).toMatchObject({ number: 'A001', day: '2026-11-27' });
    clock.step(at('23:50')); // time sync sets the clock back 13 minutes
    const second = queue.issue('consult');
    expect(second).toMatchObject({ number: 'A002', day: '2026-11-27', status: 'waiting', waitingAhead: 1 });
    clock.advance(4 * MIN);
    expect(queue.issue('consult')).toMatchObject({ number: 'A003', day: '2026-11-27' });
    clock.advance(12 * MIN); // 00:06 by the clock: its midnight passes again
    expect(queue.issue('consult')).toMatchObject({ number: 'A004', day: '2026-11-27' });
    expect(waitingLine(queue)).toEqual(['A001', 'A002', 'A003', 'A004']);
    expect(rows(db)).toEqual([
      { number: 'A001', day: '2026-11-26', status: 'expired' }, // yesterday's, at the real midnight
      { number: 'A001', day: '2026-11-27', status: 'waiting' },
      { number: 'A002', day: '2026-11-27', status: 'waiting' },
      { number: 'A003', day: '2026-11-27', status: 'waiting' },
      { number: 'A004', day: '2026-11-27', status: 'waiting' },
    ]);
    // Issue times never run backwards, so the order of issue is the order of the stamps too.
    const issued = db.prepare(`SELECT issued_at FROM tickets WHERE day = '2026-11-27' ORDER BY id`).pluck().all() as number[];
    expect([...issued].sort((a, b) => a - b)).toEqual(issued);
    // Counters call them in arrival order.
    const called = ['c1', 'c1', 'c1', 'c1'].map((c) => queue.callNext(c, null)?.number);
    expect(called).toEqual(['A001', 'A002', 'A003', 'A004']);

    await tick();
    expect(healthChanges()).toBe(1);
    const [notice] = queue.clockNotices();
    expect(notice).toMatchObject({ code: 'clock-jump' });
    expect(notice!.text.zh).toContain('電腦時鐘倒退 13 分鐘（00:03 → 23:50）');
    expect(notice!.text.en).toContain('The computer clock went back 13 minutes (00:03 → 23:50)');
    // Kept for the rest of that lobby day, gone the next.
    clock.advance(20 * 3600_000);
    expect(queue.clockNotices()).toHaveLength(1);
    clock.set(at('00:01', 28));
    expect(queue.clockNotices()).toEqual([]);
  });

  it('the brief case: 23:58, set back to 23:50, more tickets: one day, issue order, numbers go on; the day ends for all of them together', () => {
    const { db, clock, queue } = setup(at('23:58'));
    queue.issue('consult');
    clock.step(at('23:50'));
    queue.issue('consult');
    clock.advance(MIN);
    queue.issue('consult');
    expect(rows(db).map((r) => `${r.number} ${r.day} ${r.status}`)).toEqual(['A001 2026-11-26 waiting', 'A002 2026-11-26 waiting', 'A003 2026-11-26 waiting']);
    expect(waitingLine(queue)).toEqual(['A001', 'A002', 'A003']);
    expect(queue.clockNotices()[0]!.text.en).toContain('went back 8 minutes (23:58 → 23:50)');
    clock.advance(15 * MIN); // the clock's midnight passes
    expect(queue.issue('consult')).toMatchObject({ number: 'A001', day: '2026-11-27' });
    expect(rows(db).map((r) => r.status)).toEqual(['expired', 'expired', 'expired', 'waiting']);
  });

  it('after a restart the tickets still go to the day already begun', () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'q.sqlite');
      const first = setup(at('00:03', 27), file);
      expect(first.queue.issue('consult')).toMatchObject({ number: 'A001', day: '2026-11-27' });
      first.db.close();
      // The lobby restarts after the clock was set back to 23:52 on the 26th.
      const again = setup(at('23:52'), file);
      expect(again.queue.issue('consult')).toMatchObject({ number: 'A002', day: '2026-11-27' });
      again.clock.advance(10 * MIN);
      expect(again.queue.issue('consult')).toMatchObject({ number: 'A003', day: '2026-11-27' });
      expect(rows(again.db).map((r) => r.status)).toEqual(['waiting', 'waiting', 'waiting']);
      again.db.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('stamps made while a back step is absorbed (fractions of a millisecond) read back on every screen', () => {
    const { db, clock, queue } = setup(at('10:00'));
    queue.issue('consult');
    clock.step(at('09:50'));
    queue.issue('consult');
    clock.advance(60_001); // the lobby's time runs at half speed: 30,000.5 ms pass
    const t = queue.issue('consult');
    queue.callNext('c1', null);
    const stamp = db.prepare('SELECT issued_at FROM tickets WHERE id = ?').pluck().get(t.id) as number;
    expect(Number.isInteger(stamp)).toBe(false);
    expect(queue.phoneTicket(t.token)).toMatchObject({ number: 'A003', status: 'waiting', ahead: 1 });
    expect(queue.board().services.find((s) => s.serviceId === 'consult')!.waiting).toBe(2);
    expect(waitingLine(queue)).toEqual(['A002', 'A003']);
    expect(queue.counterTicket('c1')).toMatchObject({ number: 'A001', status: 'called' });
  });

  it('a step back of a few seconds is absorbed silently', () => {
    const { clock, queue } = setup(at('10:00'));
    queue.issue('consult');
    clock.step('2026-11-26T09:59:40+08:00'); // 20 s back
    clock.advance(30_000);
    queue.issue('consult');
    expect(queue.clockNotices()).toEqual([]);
  });
});

describe('a clock jumping far ahead', () => {
  it('+3 h at 22:00 is reported and does not expire the waiting line until the real midnight', () => {
    const { db, clock, queue } = setup(at('22:00'));
    queue.issue('consult');
    queue.issue('consult');
    clock.step(at('01:00', 27)); // someone sets the clock 3 hours ahead
    expect(queue.board().services.find((s) => s.serviceId === 'consult')!.waiting).toBe(2);
    expect(queue.clockNotices()[0]!.text.en).toContain('jumped ahead 3 hours (22:00 → 01:00)');
    // Tickets taken now belong to the day the clock shows, behind the ones already waiting.
    expect(queue.issue('consult')).toMatchObject({ number: 'A001', day: '2026-11-27' });
    clock.advance(119 * MIN); // 23:59 by real time
    expect(waitingLine(queue)).toEqual(['A001', 'A002', 'A001']);
    expect(rows(db).map((r) => r.status)).toEqual(['waiting', 'waiting', 'waiting']);
    clock.advance(2 * MIN); // real midnight
    // Staff see yesterday's line gone at once; the lobby's next tick writes it so.
    expect(waitingLine(queue)).toEqual(['A001']);
    expect(rows(db).map((r) => r.status)).toEqual(['waiting', 'waiting', 'waiting']);
    queue.tick(clock.now());
    expect(rows(db).map((r) => `${r.number} ${r.day} ${r.status}`)).toEqual(['A001 2026-11-26 expired', 'A002 2026-11-26 expired', 'A001 2026-11-27 waiting']);
  });

  it('a jump of 12 hours or more (a night asleep) is reported and followed: yesterday\'s leftovers do not stay first in line all morning', () => {
    const { db, clock, queue } = setup(at('17:30'));
    queue.issue('consult');
    clock.step(at('08:30', 27));
    expect(queue.issue('consult')).toMatchObject({ number: 'A001', day: '2026-11-27' });
    expect(rows(db).map((r) => r.status)).toEqual(['expired', 'waiting']);
    expect(queue.clockNotices()[0]!.text.en).toContain('jumped ahead 15 hours (17:30 → 08:30)');
  });

  it('time simply passing (set or advance) is no jump', () => {
    const { clock, queue } = setup(at('09:00'));
    queue.issue('consult');
    clock.set(at('09:00', 27));
    queue.issue('consult');
    clock.advance(5 * 3600_000);
    queue.issue('consult');
    expect(queue.clockNotices()).toEqual([]);
  });
});
