import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadSite, queueSite } from '../../../core/config/load';
import { createEventBus } from '../../../core/domain/events';
import { createQueue } from '../../../core/domain/queue/queue';
import { manualClock } from '../../../core/store/clock';
import { openDb } from '../../../core/store/db';
import { tempDir } from '../../helpers/tmp';

const site = queueSite(loadSite({ siteId: 'taitung-prosecutors' }));

function setup(file = ':memory:', start = '2026-11-26T01:00:00Z') {
  const db = openDb(file);
  const clock = manualClock(start);
  const bus = createEventBus();
  const queue = createQueue({ db, site, clock, bus });
  return { db, clock, bus, queue };
}

describe('queue numbering', () => {
  it('numbers each service separately with its prefix: A001, A002, B001', () => {
    const { queue } = setup();
    expect(queue.issue('consult').number).toBe('A001');
    expect(queue.issue('consult').number).toBe('A002');
    expect(queue.issue('documents').number).toBe('B001');
  });

  it('tells each ticket how many wait ahead of it', () => {
    const { queue } = setup();
    expect(queue.issue('consult').waitingAhead).toBe(0);
    expect(queue.issue('consult').waitingAhead).toBe(1);
    expect(queue.issue('bail').waitingAhead).toBe(0);
  });

  it('never hands out the same number twice, even from two connections at once', async () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'q.sqlite');
      const a = setup(file);
      const b = setup(file);
      const numbers: string[] = [];
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          Promise.resolve().then(() => numbers.push((i % 2 ? a : b).queue.issue('consult').number)),
        ),
      );
      expect(new Set(numbers).size).toBe(200);
      const rows = a.db.prepare("SELECT COUNT(DISTINCT seq) AS n, MAX(seq) AS max FROM tickets WHERE service_id = 'consult'").get() as { n: number; max: number };
      expect(rows).toEqual({ n: 200, max: 200 });
      a.db.close();
      b.db.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('starts again at 001 after local midnight in Asia/Taipei', () => {
    const { queue, clock } = setup(':memory:', '2026-11-26T15:59:00Z'); // 23:59 in Taipei
    expect(queue.issue('consult').number).toBe('A001');
    expect(queue.issue('consult').number).toBe('A002');
    clock.set('2026-11-26T16:00:01Z'); // 00:00:01 on the 27th in Taipei (still the 26th in UTC)
    const t = queue.issue('consult');
    expect(t.number).toBe('A001');
    expect(t.day).toBe('2026-11-27');
    expect(t.waitingAhead).toBe(0);
  });

  it('continues the day\'s sequence after a restart', () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'q.sqlite');
      const first = setup(file);
      first.queue.issue('consult');
      first.queue.issue('consult');
      first.db.close();
      const second = setup(file);
      expect(second.queue.issue('consult').number).toBe('A003');
      second.db.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('refuses an unknown service without writing anything', () => {
    const { queue, db } = setup();
    expect(() => queue.issue('no-such-service')).toThrow(/Unknown service/);
    expect((db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n).toBe(0);
  });
});

describe('calling', () => {
  it('a counter calls the oldest waiting ticket of the services it serves, in its order of preference', () => {
    const { queue } = setup();
    queue.issue('documents'); // B001
    queue.issue('consult'); // A001
    queue.issue('consult'); // A002
    // Counter c2 prefers documents, then certificates, then consult.
    expect(queue.callNext('c2', null)?.number).toBe('B001');
    expect(queue.callNext('c2', null)?.number).toBe('A001');
    const call = queue.callNext('c1', null);
    expect(call).toMatchObject({ number: 'A002', counterId: 'c1', counterNumber: 1 });
    expect(queue.callNext('c1', null)).toBeNull();
  });

  it('two counters calling at the same moment never get the same ticket', async () => {
    const { queue } = setup();
    for (let i = 0; i < 20; i++) queue.issue('consult');
    const calls = await Promise.all(
      Array.from({ length: 20 }, (_, i) => Promise.resolve().then(() => queue.callNext(i % 2 ? 'c1' : 'c2', null))),
    );
    const numbers = calls.map((c) => c?.number);
    expect(new Set(numbers).size).toBe(20);
  });

  it('the board shows waiting counts per service and the latest calls first', () => {
    const { queue, clock } = setup();
    queue.issue('consult');
    queue.issue('consult');
    queue.issue('bail');
    queue.callNext('c1', null);
    clock.advance(1000);
    queue.callNext('c3', null);
    const board = queue.board();
    expect(board.services.find((s) => s.serviceId === 'consult')).toMatchObject({ serviceId: 'consult', waiting: 1, lastCalled: 'A001', open: true });
    expect(board.services.find((s) => s.serviceId === 'bail')).toMatchObject({ serviceId: 'bail', waiting: 0, lastCalled: 'C001' });
    expect(board.recentCalls.map((c) => [c.number, c.counterNumber])).toEqual([
      ['C001', 3],
      ['A001', 1],
    ]);
  });

  it('emits ticket.called with the counter', () => {
    const { queue, bus } = setup();
    const seen: string[] = [];
    bus.on('ticket.called', (e) => seen.push(`${e.number}@${e.counterId}`));
    queue.issue('consult');
    queue.callNext('c1', null);
    expect(seen).toEqual(['A001@c1']);
  });

  it('ticket.called carries the id of the ticket called, on a recall and a call by number too', () => {
    const { queue, bus } = setup();
    const called: { ticketId: number; number: string; recall: boolean }[] = [];
    bus.on('ticket.called', (e) => called.push({ ticketId: e.ticketId, number: e.number, recall: e.recall }));
    const a1 = queue.issue('consult');
    const a2 = queue.issue('consult');
    queue.callNext('c1', null);
    queue.act({ action: 'recall', counterId: 'c1' }, null);
    queue.act({ action: 'call-number', counterId: 'c1', number: 'A002' }, null);
    expect(called).toEqual([
      { ticketId: a1.id, number: 'A001', recall: false },
      { ticketId: a1.id, number: 'A001', recall: true },
      { ticketId: a2.id, number: 'A002', recall: false },
    ]);
    expect(a1.id).not.toBe(a2.id);
  });
});

describe('phone ticket page', () => {
  it('shows this ticket\'s place only, and a guessed token finds nothing', () => {
    const { queue } = setup();
    queue.issue('consult');
    const mine = queue.issue('consult');
    expect(queue.phoneTicket(mine.token)).toEqual({
      number: 'A002',
      serviceName: { zh: '為民服務中心諮詢', en: 'Public Service Center Enquiries' },
      status: 'waiting',
      ahead: 1,
      counterNumber: null,
      estimatedWaitMinutes: null,
    });
    expect(() => queue.phoneTicket('AAAAAAAAAAAAAAAAAAAAAA')).toThrow(/No such ticket/);
  });

  it('a ticket left waiting from yesterday reads as expired', () => {
    const { queue, clock } = setup();
    const t = queue.issue('consult');
    clock.advance(24 * 3600 * 1000);
    expect(queue.phoneTicket(t.token).status).toBe('expired');
  });
});

describe('pausing when no ticket can be printed', () => {
  it('refuses to issue while paused, with a bilingual reason, and resumes', () => {
    const { queue, bus, db } = setup();
    const changes: string[] = [];
    bus.on('kiosk.status.changed', () => changes.push(JSON.stringify(queue.kioskStatus())));
    queue.setPaused('printer-unavailable');
    expect(queue.kioskStatus()).toEqual({ canIssue: false, reason: 'printer-unavailable' });
    expect(() => queue.issue('consult')).toThrow(/請洽服務台 \/ Ticket issuing is paused/);
    expect((db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n).toBe(0);
    queue.setPaused(null);
    expect(queue.issue('consult').number).toBe('A001');
    expect(changes).toEqual(['{"canIssue":false,"reason":"printer-unavailable"}', '{"canIssue":true,"reason":null}']);
  });

  it('finds today\'s ticket by its number for a reprint, and not yesterday\'s', () => {
    const { queue, clock } = setup();
    queue.issue('consult');
    expect(queue.ticketByNumber('A001').number).toBe('A001');
    clock.advance(24 * 3600 * 1000);
    expect(() => queue.ticketByNumber('A001')).toThrow(/No ticket A001 today/);
  });
});
