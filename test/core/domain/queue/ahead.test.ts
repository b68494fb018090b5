import { describe, expect, it } from 'vitest';
import { loadSite, queueSite } from '../../../../core/config/load';
import { createPrintQueue } from '../../../../core/devices/print-queue';
import { createEventBus } from '../../../../core/domain/events';
import { createPrintJobs } from '../../../../core/domain/printing/print-jobs';
import { callsBefore, type Forecast, type LineTicket } from '../../../../core/domain/queue/ordering';
import { createQueue, type QueueSite } from '../../../../core/domain/queue/queue';
import { manualClock } from '../../../../core/store/clock';
import { openDb } from '../../../../core/store/db';
import type { ReceiptDoc } from '../../../../hardware/printer/types';
import { seededRandom } from '../../../helpers/random';

const MIN = 60_000;
const site = loadSite({ siteId: 'taitung-prosecutors' });
const base = queueSite(site); // one priority after every 2 normal calls, ageing after 20 minutes

function setup(over: Partial<QueueSite> = {}) {
  const db = openDb(':memory:');
  const clock = manualClock('2026-11-26T01:00:00Z'); // Thursday 09:00 in Taipei
  const bus = createEventBus();
  const queue = createQueue({ db, site: { ...base, ...over }, clock, bus });
  const next = (counterId: string) => queue.act({ action: 'next', counterId }, null).call?.number ?? null;
  /** Issues tickets of a service from a pattern: N normal, P priority; a second apart. */
  const issue = (serviceId: string, pattern: string) =>
    [...pattern].map((c) => {
      const t = queue.issue(serviceId, c === 'P');
      clock.advance(1000);
      return t;
    });
  const ahead = (id: number) => queue.ticketById(id)!.waitingAhead;
  return { db, clock, queue, next, issue, ahead };
}

describe('callsBefore (the ordering rule run forward over one counter\'s lines)', () => {
  const rules = { priorityEvery: 2, agingMs: 20 * MIN };
  const NOW = Date.parse('2026-11-26T01:00:00Z');
  const line = (pattern: string, waitedMs = MIN): LineTicket[] =>
    [...pattern].map((c, i) => ({ id: i + 1, priority: c === 'P', waitingSince: NOW - waitedMs, onlyCounterId: null }));
  const one = (waiting: LineTicket[]): Forecast => ({
    now: NOW,
    callMs: MIN,
    lines: new Map([['s', { waiting, arrivalEveryMs: { normal: null, priority: null } }]]),
  });
  const counter = (normalsSincePriority: number) => ({ id: 'c1', serviceIds: ['s'], normalsSincePriority });
  const before = (waiting: LineTicket[], id: number, n: number, r = rules) => callsBefore({ id, serviceId: 's' }, counter(n), one(waiting), r);

  it('counts the priority tickets ahead plus the normal ones the rule lets through first', () => {
    // N1 N2 N3 P4 P5 N6 are called N1 N2 P4 N3 N6 P5.
    const l = line('NNNPPN');
    expect([1, 2, 3, 4, 5, 6].map((id) => before(l, id, 0))).toEqual([0, 1, 3, 2, 5, 4]);
    // A counter that has already called two normal tickets: P4 N1 N2 P5 N3 N6.
    expect([1, 2, 3, 4, 5, 6].map((id) => before(l, id, 2))).toEqual([1, 2, 4, 0, 3, 5]);
  });

  it('priority always first (priorityEvery 0), unless a normal ticket has aged past the limit', () => {
    expect(before(line('NNNP'), 4, 0, { ...rules, priorityEvery: 0 })).toBe(0);
    expect(before(line('NNNP'), 1, 0, { ...rules, priorityEvery: 0 })).toBe(1);
    const aged: LineTicket[] = [
      { id: 1, priority: false, waitingSince: NOW - 25 * MIN, onlyCounterId: null },
      { id: 2, priority: false, waitingSince: NOW - 5 * MIN, onlyCounterId: null },
      { id: 3, priority: true, waitingSince: NOW - 2 * MIN, onlyCounterId: null },
    ];
    expect(before(aged, 3, 0, { ...rules, priorityEvery: 0 })).toBe(1);
    expect(before(aged, 2, 0, { ...rules, priorityEvery: 0 })).toBe(2);
  });

  it('a ticket held for another counter is never called here', () => {
    const held = line('NN').map((t) => (t.id === 2 ? { ...t, onlyCounterId: 'c2' } : t));
    expect(before(held, 2, 0)).toBeNull();
    expect(before(held, 1, 0)).toBe(0);
    expect(before([], 1, 0)).toBeNull();
  });
});

describe('people ahead of a ticket', () => {
  it('a 博愛 ticket is told only who will really be called before it; a normal one includes 博愛 tickets that go first', () => {
    const { issue, ahead } = setup();
    const [a1, a2, a3, a4, a5, a6] = issue('consult', 'NNNPPN');
    // Issued: the number a ticket carries away is the honest one.
    expect(a3!.waitingAhead).toBe(2); // A001 A002 A003
    expect(a4!.waitingAhead).toBe(2); // A001 A002, then A004 — not 3
    expect(a5!.waitingAhead).toBe(4); // A001 A002 A004 A003, then A005
    // With A006 in the line the rule calls A001 A002 A004 A003 A006 A005: A003 waits for A004,
    // and A005 (due after two more normal calls) for A006.
    expect([a1, a2, a3, a4, a5, a6].map((t) => ahead(t!.id))).toEqual([0, 1, 3, 2, 5, 4]);
  });

  it('the phone page and the printed ticket say the same number, and the estimate follows it', async () => {
    const { queue, issue, next, clock } = setup();
    // History: three consult tickets of 4 minutes each at counter 1 (which then owes a priority call).
    issue('consult', 'NNN');
    for (let i = 0; i < 3; i++) {
      next('c1');
      queue.act({ action: 'start', counterId: 'c1' }, null);
      clock.advance(4 * MIN);
      queue.act({ action: 'finish', counterId: 'c1' }, null);
    }
    const [n1, n2, p] = issue('consult', 'NNP');
    // Counter 1 has called three normal tickets since its last priority one: the 博愛 ticket is next.
    expect(queue.phoneTicket(p!.token)).toMatchObject({ ahead: 0, estimatedWaitMinutes: 0 });
    expect(queue.phoneTicket(n1!.token)).toMatchObject({ ahead: 1, estimatedWaitMinutes: 2 }); // 1 × 4 min ÷ 2 counters
    expect(queue.phoneTicket(n2!.token)).toMatchObject({ ahead: 2, estimatedWaitMinutes: 4 });
    // The board's estimate for the service is what a normal ticket taken now is told.
    const boardEstimate = queue.board().services.find((s) => s.serviceId === 'consult')!.estimatedWaitMinutes;
    const taken = queue.issue('consult');
    expect(taken.waitingAhead).toBe(3);
    expect(boardEstimate).toBe(taken.estimatedWaitMinutes);
    expect(boardEstimate).toBe(6);
    // …and the call that follows agrees.
    expect(next('c1')).toBe(p!.number);
  });

  it('is printed on the ticket as the ordering counts it', async () => {
    const db = openDb(':memory:');
    const clock = manualClock('2026-11-26T02:00:00Z');
    const bus = createEventBus();
    const queue = createQueue({ db, site: base, clock, bus });
    const jobs = createPrintJobs({ db, clock, bus, timeZone: site.timeZone });
    const printed: ReceiptDoc[] = [];
    const printer = {
      id: 'capture',
      print: async (doc: ReceiptDoc) => (printed.push(doc), { bytes: 1 }),
      status: async () => ({ state: 'ready' as const, statusReadable: true, link: 'open' as const }),
      onStatus: () => () => undefined,
      close: async () => undefined,
    };
    const pq = createPrintQueue({ jobs, queue, site, printer, phoneUrl: (t) => `http://lobby/phone/t/${t}`, log: () => undefined });
    for (let i = 0; i < 3; i++) queue.issue('consult');
    const p = queue.issue('consult', true);
    pq.printIssued(p.id);
    expect(await pq.outcome(p.id, 1000)).toBe('printed');
    const texts = printed[0]!.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    expect(texts).toContain('前面等候 2 人 / 2 waiting ahead');
    pq.stop();
    db.close();
  });

  it('always names the order "call next" then follows, through priority, ageing and new arrivals', () => {
    const { queue, issue, next, clock } = setup();
    const random = seededRandom(115);
    const ids: number[] = [];
    let called = 0;
    for (let step = 0; step < 120; step++) {
      if (random() < 0.55) ids.push(...issue('consult', random() < 0.35 ? 'P' : 'N').map((t) => t.id));
      clock.advance(Math.floor(random() * 4 * MIN));
      if (random() < 0.5) continue;
      const waiting = ids.map((id) => queue.ticketById(id)!).filter((t) => t.status === 'waiting');
      if (waiting.length === 0) continue;
      // The counts are a ranking: 0, 1, … with none shared.
      expect(waiting.map((t) => t.waitingAhead).sort((a, b) => a - b)).toEqual(waiting.map((_, i) => i));
      const first = waiting.find((t) => t.waitingAhead === 0)!;
      expect(next('c1')).toBe(first.number);
      called++;
    }
    expect(called).toBeGreaterThan(30);
  });
});
