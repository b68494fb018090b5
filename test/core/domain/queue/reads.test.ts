/**
 * The queue's views only read: after midnight, or once a skipped ticket's
 * grace is over, every screen already shows the ticket expired or gone, while
 * the database is written only by the lobby's tick (or the next command).
 */
import { describe, expect, it } from 'vitest';
import { loadSite, queueSite } from '../../../../core/config/load';
import { createEventBus } from '../../../../core/domain/events';
import { createQueue } from '../../../../core/domain/queue/queue';
import { manualClock } from '../../../../core/store/clock';
import { openDb } from '../../../../core/store/db';

const MIN = 60_000;
const site = queueSite(loadSite({ siteId: 'taitung-prosecutors' }));

function setup(start = '2026-11-26T09:00:00Z') {
  const db = openDb(':memory:');
  const clock = manualClock(start); // 17:00 in Taipei
  const bus = createEventBus();
  const queue = createQueue({ db, site, clock, bus });
  let changes = 0;
  bus.on('queue.changed', () => changes++);
  const statuses = () => db.prepare('SELECT number, status FROM tickets ORDER BY id').all() as { number: string; status: string }[];
  const writes = () => db.prepare('SELECT total_changes()').pluck().get() as number;
  return { db, clock, queue, statuses, writes, changes: () => changes };
}

/** Every view a screen, a phone or a device reads. */
function readAll(q: ReturnType<typeof setup>['queue'], tokens: readonly string[]) {
  return {
    board: q.board(),
    staff: q.staffView(),
    phones: tokens.map((t) => q.phoneTicket(t)),
    c1: q.counterTicket('c1'),
  };
}

describe('reads never write', () => {
  it('after midnight yesterday\'s line reads as expired everywhere before the tick writes it, and the tick tells the screens once', () => {
    const { clock, queue, statuses, writes, changes } = setup();
    const tickets = [queue.issue('consult'), queue.issue('consult'), queue.issue('consult')];
    queue.callNext('c1', null); // A001 called at counter 1
    clock.set('2026-11-27T00:30:00Z'); // 08:30 the next day
    const changesBefore = changes();
    const before = writes();

    const seen = readAll(queue, tickets.map((t) => t.token));
    expect(seen.board.services.find((s) => s.serviceId === 'consult')).toMatchObject({ waiting: 0, estimatedWaitMinutes: null });
    expect(seen.staff.lines.find((l) => l.serviceId === 'consult')).toMatchObject({ waiting: [], waitingTotal: 0, skipped: [] });
    expect(seen.staff.counters.find((c) => c.counterId === 'c1')!.current).toBeNull();
    expect(seen.c1).toBeNull();
    expect(seen.phones.map((p) => [p.number, p.status, p.ahead])).toEqual([
      ['A001', 'expired', 0],
      ['A002', 'expired', 0],
      ['A003', 'expired', 0],
    ]);
    expect(queue.ticketById(tickets[1]!.id)).toMatchObject({ status: 'expired', waitingAhead: 0, estimatedWaitMinutes: null });

    expect(writes()).toBe(before);
    expect(statuses().map((t) => t.status)).toEqual(['called', 'waiting', 'waiting']);
    expect(changes()).toBe(changesBefore);

    queue.tick(clock.now());
    expect(statuses().map((t) => t.status)).toEqual(['expired', 'expired', 'expired']);
    expect(changes()).toBe(changesBefore + 1);
    // What the screens show did not move; a tick with nothing due writes and tells nothing.
    expect(readAll(queue, tickets.map((t) => t.token))).toEqual(seen);
    const afterTick = writes();
    queue.tick(clock.now());
    expect(writes()).toBe(afterTick);
    expect(changes()).toBe(changesBefore + 1);
  });

  it('a skipped ticket past its grace reads as a no-show before the tick writes it', () => {
    const { clock, queue, statuses, writes, changes } = setup('2026-11-26T01:00:00Z');
    const skipped = queue.issue('consult');
    queue.issue('consult');
    queue.callNext('c1', null);
    queue.act({ action: 'skip', counterId: 'c1' }, null);
    clock.advance(site.rules.graceMinutes * MIN + 1000);
    const changesBefore = changes();
    const before = writes();

    expect(queue.phoneTicket(skipped.token)).toMatchObject({ number: 'A001', status: 'no_show', ahead: 0 });
    expect(queue.staffView().lines.find((l) => l.serviceId === 'consult')!.skipped).toEqual([]);
    expect(queue.ticketByNumber('A001').status).toBe('no_show');
    expect(writes()).toBe(before);
    expect(statuses()[0]).toEqual({ number: 'A001', status: 'skipped' });

    queue.tick(clock.now());
    expect(statuses()[0]).toEqual({ number: 'A001', status: 'no_show' });
    expect(changes()).toBe(changesBefore + 1);
  });

  it('a service that carries its line over keeps it at midnight, in the views and after the tick', () => {
    const carried = { ...site, services: site.services.map((s) => (s.id === 'consult' ? { ...s, dailyReset: false } : s)) };
    const db = openDb(':memory:');
    const clock = manualClock('2026-11-26T09:00:00Z');
    const queue = createQueue({ db, site: carried, clock, bus: createEventBus() });
    const mine = [queue.issue('consult'), queue.issue('consult')][1]!;
    clock.set('2026-11-27T00:30:00Z');
    expect(queue.board().services.find((s) => s.serviceId === 'consult')!.waiting).toBe(2);
    expect(queue.phoneTicket(mine.token)).toMatchObject({ status: 'waiting', ahead: 1 });
    queue.tick(clock.now());
    expect(queue.phoneTicket(mine.token)).toMatchObject({ status: 'waiting', ahead: 1 });
  });
});

describe('rows are checked as they are read', () => {
  it('a ticket row of the wrong shape fails the read, naming the column', () => {
    const { db, queue } = setup();
    const t = queue.issue('consult');
    db.prepare(`UPDATE tickets SET priority = 'yes' WHERE id = ?`).run(t.id);
    expect(() => queue.phoneTicket(t.token)).toThrow(/tickets row: column priority is string "yes", expected 0 or 1/);
  });
});
