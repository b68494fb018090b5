import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadSite, queueSite } from '../../../core/config/load';
import { createEventBus } from '../../../core/domain/events';
import { createQueue, type QueueSite } from '../../../core/domain/queue/queue';
import { manualClock } from '../../../core/store/clock';
import { openDb } from '../../../core/store/db';
import { tempDir } from '../../helpers/tmp';

const MIN = 60_000;
const base = queueSite(loadSite({ siteId: 'taitung-prosecutors' }));

function setup(opts: { site?: Partial<QueueSite>; file?: string; start?: string } = {}) {
  const db = openDb(opts.file ?? ':memory:');
  const clock = manualClock(opts.start ?? '2026-11-26T01:00:00Z'); // Thursday 09:00 in Taipei
  const bus = createEventBus();
  const site: QueueSite = { ...base, ...opts.site };
  const queue = createQueue({ db, site, clock, bus });
  const next = (counterId: string) => queue.act({ action: 'next', counterId }, null).call?.number ?? null;
  return { db, clock, bus, queue, next };
}

describe('priority (博愛) tickets', () => {
  it('interleave one priority after every two normal calls at a counter (the sample sites\' rule)', () => {
    const { queue, next, clock } = setup();
    for (const p of [false, false, false, true, true, false]) {
      queue.issue('consult', p);
      clock.advance(1000);
    }
    // A001 A002 A003 normal, A004 A005 priority, A006 normal.
    expect([next('c1'), next('c1'), next('c1'), next('c1'), next('c1'), next('c1')]).toEqual(['A001', 'A002', 'A004', 'A003', 'A006', 'A005']);
  });

  it('a normal ticket waiting past the ageing limit is not starved by a stream of priority tickets', () => {
    const { queue, next, clock } = setup({ site: { rules: { priorityEvery: 0, agingMinutes: 20, graceMinutes: 10 } } });
    queue.issue('consult'); // A001 normal
    for (let i = 0; i < 3; i++) queue.issue('consult', true); // A002–A004 priority
    expect(next('c1')).toBe('A002');
    clock.advance(21 * MIN);
    queue.issue('consult', true); // A005 priority, fresh
    expect(next('c1')).toBe('A001');
  });
});

describe('skip with a grace period', () => {
  it('a skipped ticket can be called again within the grace period, and not after it', () => {
    const { queue, next, clock } = setup();
    queue.issue('consult');
    queue.issue('consult');
    expect(next('c1')).toBe('A001');
    queue.act({ action: 'skip', counterId: 'c1' }, null);
    expect(queue.staffView().lines.find((l) => l.serviceId === 'consult')!.skipped).toEqual([
      { number: 'A001', skippedAt: '2026-11-26T09:00:00+08:00', graceUntil: '2026-11-26T09:10:00+08:00' },
    ]);
    expect(next('c1')).toBe('A002');
    clock.advance(5 * MIN);
    // The citizen comes back: the counter calls the skipped number directly.
    expect(queue.act({ action: 'call-number', counterId: 'c1', number: 'A001' }, null).call?.number).toBe('A001');
    queue.act({ action: 'skip', counterId: 'c1' }, null);
    clock.advance(11 * MIN);
    expect(() => queue.act({ action: 'call-number', counterId: 'c1', number: 'A001' }, null)).toThrow(/no-show/);
  });
});

describe('transfer', () => {
  it('moves the current ticket to another service, to the front or the back of its line, keeping its number', () => {
    const { queue, next } = setup();
    queue.issue('documents'); // B001
    queue.issue('documents'); // B002
    queue.issue('consult'); // A001
    expect(next('c1')).toBe('A001');
    queue.act({ action: 'transfer', counterId: 'c1', toServiceId: 'documents', position: 'front' }, null);
    expect(queue.counterTicket('c1')).toBeNull();
    expect(next('c2')).toBe('A001');
    queue.act({ action: 'transfer', counterId: 'c2', toServiceId: 'documents', position: 'back' }, null);
    expect([next('c2'), next('c2'), next('c2')]).toEqual(['B001', 'B002', 'A001']);
  });

  it('to one counter: only that counter may call it', () => {
    const { queue, next } = setup();
    queue.issue('consult'); // A001
    queue.issue('consult'); // A002
    expect(next('c1')).toBe('A001');
    queue.act({ action: 'transfer', counterId: 'c1', toCounterId: 'c2', position: 'front' }, null);
    expect(next('c1')).toBe('A002');
    expect(next('c2')).toBe('A001');
    expect(() => queue.act({ action: 'transfer', counterId: 'c2', toServiceId: 'bail', toCounterId: 'c1', position: 'back' }, null)).toThrow(
      /does not serve bail/,
    );
  });
});

describe('service times and estimates', () => {
  it('start and finish record service time, and the estimate follows recent service times', () => {
    const { queue, next, clock } = setup();
    for (let i = 0; i < 8; i++) queue.issue('bail');
    for (let i = 0; i < 3; i++) {
      next('c3');
      clock.advance(MIN);
      queue.act({ action: 'start', counterId: 'c3' }, null);
      clock.advance(4 * MIN);
      queue.act({ action: 'finish', counterId: 'c3' }, null);
    }
    expect(queue.counterTicket('c3')).toBeNull();
    // 5 waiting, 4 min median at the one counter serving bail first (c3) — bail is served by c3 only.
    const board = queue.board();
    expect(board.services.find((s) => s.serviceId === 'bail')).toMatchObject({ waiting: 5, estimatedWaitMinutes: 20 });
  });

  it('recall announces again as a new call, without moving the ticket', () => {
    const { queue, next, bus } = setup();
    const heard: string[] = [];
    bus.on('ticket.called', (e) => heard.push(`${e.number}${e.recall ? ' (recall)' : ''} #${e.callId}`));
    queue.issue('consult');
    next('c1');
    queue.act({ action: 'recall', counterId: 'c1' }, null);
    expect(heard).toEqual(['A001 #1', 'A001 (recall) #2']);
    expect(queue.counterTicket('c1')).toMatchObject({ number: 'A001', status: 'called', recalls: 1 });
    expect(queue.board().recentCalls.map((c) => [c.id, c.recall])).toEqual([
      [2, true],
      [1, false],
    ]);
  });
});

describe('midnight', () => {
  it('a resetting service expires yesterday\'s leftovers instead of calling them today', () => {
    const { queue, next, clock } = setup({ start: '2026-11-26T09:00:00Z' }); // 17:00 Taipei
    queue.issue('consult');
    queue.issue('consult');
    clock.set('2026-11-27T00:30:00Z'); // 08:30 the next day
    expect(queue.board().services.find((s) => s.serviceId === 'consult')!.waiting).toBe(0);
    expect(next('c1')).toBeNull();
    expect(queue.issue('consult').number).toBe('A001');
  });

  it('a service that carries over keeps its line and its numbering across midnight', () => {
    const site = { services: base.services.map((s) => (s.id === 'consult' ? { ...s, dailyReset: false } : s)) };
    const { queue, next, clock } = setup({ site, start: '2026-11-26T09:00:00Z' });
    queue.issue('consult');
    queue.issue('consult');
    clock.set('2026-11-27T00:30:00Z');
    expect(queue.issue('consult').number).toBe('A003');
    expect(next('c1')).toBe('A001');
  });
});

describe('opening hours', () => {
  it('refuses a ticket outside the service\'s hours, in both languages', () => {
    const site = {
      services: base.services.map((s) => (s.id === 'bail' ? { ...s, hours: [{ days: [1, 2, 3, 4, 5], from: '08:30', to: '16:00' }] } : s)),
    };
    const { queue, clock } = setup({ site });
    expect(queue.issue('bail').number).toBe('C001');
    clock.set('2026-11-26T08:30:00Z'); // 16:30
    expect(() => queue.issue('bail')).toThrow(/繳納／發還保證金目前非服務時間 \/ Bail Payment and Refund is closed now/);
    expect(queue.board().services.find((s) => s.serviceId === 'bail')!.open).toBe(false);
  });
});

describe('a busy hall', () => {
  it('many concurrent "next" presses from several counters and connections: no ticket called twice, none lost', async () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'q.sqlite');
      const a = setup({ file });
      const b = setup({ file });
      for (let i = 0; i < 150; i++) a.queue.issue(['consult', 'documents', 'bail'][i % 3]!, i % 7 === 0);
      const called: string[] = [];
      const counters = ['c1', 'c2', 'c3'];
      await Promise.all(
        Array.from({ length: 240 }, (_, i) =>
          Promise.resolve().then(() => {
            const q = i % 2 ? a : b;
            const n = q.next(counters[i % 3]!);
            if (n) called.push(n);
          }),
        ),
      );
      const numbers = (a.db.prepare('SELECT number, service_id FROM tickets').all() as { number: string }[]).map((r) => r.number);
      expect(called.length).toBe(150);
      expect(new Set(called).size).toBe(150);
      expect(new Set(called)).toEqual(new Set(numbers));
      a.db.close();
      b.db.close();
    } finally {
      tmp.cleanup();
    }
  });
});
