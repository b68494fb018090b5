/**
 * The counter console's pure pieces (shortcuts, countdowns, the transfer
 * dialog, line order) and the staff store's counter actions.
 */
import { describe, expect, it } from 'vitest';
import type { CounterTicket, PublicSite, QueueStaff } from '../../core/contract';
import {
  TRANSFER_CLOSED,
  availableCommands,
  commandForKey,
  formatCountdown,
  normalizeTicketNumber,
  orderLines,
  reduceTransfer,
  remainingMs,
  skippedTickets,
  transferRequest,
  waitedMinutes,
  type TransferEvent,
  type TransferState,
} from '../../renderer/apps/staff/consoleLogic';
import { staffTopics } from '../../renderer/apps/staff/live';
import { createStaffStore } from '../../renderer/apps/staff/store';
import { currentTicketFor } from '../../renderer/features/counter/current';

const site: Pick<PublicSite, 'services' | 'counters'> = {
  services: [
    { id: 'consult', prefix: 'A', name: { zh: '諮詢', en: 'Enquiries' }, hours: null, dailyReset: true },
    { id: 'documents', prefix: 'B', name: { zh: '書類', en: 'Documents' }, hours: null, dailyReset: true },
    { id: 'bail', prefix: 'C', name: { zh: '保證金', en: 'Bail' }, hours: null, dailyReset: true },
  ],
  counters: [
    { id: 'c1', number: 1, name: { zh: '1 號櫃台', en: 'Counter 1' }, serviceIds: ['consult'] },
    { id: 'c2', number: 2, name: { zh: '2 號櫃台', en: 'Counter 2' }, serviceIds: ['documents', 'consult'] },
    { id: 'c3', number: 3, name: { zh: '3 號櫃台', en: 'Counter 3' }, serviceIds: ['bail', 'documents'] },
  ],
};

const ticket = (over: Partial<CounterTicket> = {}): CounterTicket => ({
  number: 'A001',
  serviceId: 'consult',
  status: 'called',
  priority: false,
  calledAt: '2026-11-26T10:00:00+08:00',
  servingAt: null,
  recalls: 0,
  ...over,
});

const el = (tagName: string, isContentEditable = false) => ({ tagName, isContentEditable });

describe('keyboard shortcuts', () => {
  it('maps the letters on the buttons, either case', () => {
    expect(commandForKey({ key: 'n', target: el('BODY') })).toBe('next');
    expect(commandForKey({ key: 'N', target: el('BODY') })).toBe('next');
    expect(commandForKey({ key: 'r', target: el('BODY') })).toBe('recall');
    expect(commandForKey({ key: 's', target: el('DIV') })).toBe('skip');
    expect(commandForKey({ key: 'b', target: el('BODY') })).toBe('start');
    expect(commandForKey({ key: 'F', target: el('BODY') })).toBe('finish');
    expect(commandForKey({ key: 't', target: el('BODY') })).toBe('transfer');
    expect(commandForKey({ key: 'x', target: el('BODY') })).toBeNull();
    expect(commandForKey({ key: 'ArrowDown', target: el('BODY') })).toBeNull();
  });

  it('is ignored while typing in a field', () => {
    for (const tag of ['INPUT', 'TEXTAREA', 'SELECT', 'input']) {
      expect(commandForKey({ key: 'n', target: el(tag) })).toBeNull();
      expect(commandForKey({ key: 'Enter', target: el(tag) })).toBeNull();
    }
    expect(commandForKey({ key: 'f', target: el('DIV', true) })).toBeNull();
  });

  it('ignores held keys and chords (Ctrl+R reloads, it does not recall)', () => {
    expect(commandForKey({ key: 'n', repeat: true, target: el('BODY') })).toBeNull();
    expect(commandForKey({ key: 'r', ctrlKey: true, target: el('BODY') })).toBeNull();
    expect(commandForKey({ key: 'r', metaKey: true, target: el('BODY') })).toBeNull();
    expect(commandForKey({ key: 'f', altKey: true, target: el('BODY') })).toBeNull();
  });

  it('calls next on Enter, except on a focused button or link (that is its own click)', () => {
    expect(commandForKey({ key: 'Enter', target: el('BODY') })).toBe('next');
    expect(commandForKey({ key: 'Enter', target: el('BUTTON') })).toBeNull();
    expect(commandForKey({ key: 'Enter', target: el('A') })).toBeNull();
    expect(commandForKey({ key: 'Enter', target: null })).toBe('next');
  });
});

describe('which buttons apply', () => {
  it('without a current ticket only next', () => {
    expect(availableCommands(null, true)).toEqual({ next: true, recall: false, skip: false, start: false, finish: false, transfer: false });
  });
  it('a called ticket can be recalled, skipped, started, finished, transferred', () => {
    expect(availableCommands(ticket(), true)).toEqual({ next: true, recall: true, skip: true, start: true, finish: true, transfer: true });
  });
  it('a ticket being served can only be finished or transferred', () => {
    expect(availableCommands(ticket({ status: 'serving', servingAt: '2026-11-26T10:01:00+08:00' }), true)).toEqual({
      next: true,
      recall: false,
      skip: false,
      start: false,
      finish: true,
      transfer: true,
    });
  });
  it('nothing while not ready (no counter, no role, a request in flight)', () => {
    expect(Object.values(availableCommands(ticket(), false)).some(Boolean)).toBe(false);
  });
});

describe('countdowns and minutes', () => {
  it('formats m:ss and h:mm:ss, rounding up so 0:00 means over', () => {
    expect(formatCountdown(600_000)).toBe('10:00');
    expect(formatCountdown(545_000)).toBe('9:05');
    expect(formatCountdown(7_000)).toBe('0:07');
    expect(formatCountdown(6_001)).toBe('0:07');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5_000)).toBe('0:00');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
  });

  it('counts down to the grace end and never below zero', () => {
    const until = '2026-11-26T10:10:00+08:00';
    const at = (iso: string) => Date.parse(iso);
    expect(remainingMs(until, at('2026-11-26T10:00:00+08:00'))).toBe(600_000);
    expect(formatCountdown(remainingMs(until, at('2026-11-26T10:09:30.200+08:00')))).toBe('0:30');
    expect(remainingMs(until, at('2026-11-26T10:11:00+08:00'))).toBe(0);
    expect(remainingMs('not a date', 0)).toBe(0);
  });

  it('counts whole minutes waited, 0 for a clock behind the server', () => {
    const since = '2026-11-26T10:00:00+08:00';
    expect(waitedMinutes(since, Date.parse('2026-11-26T10:12:59+08:00'))).toBe(12);
    expect(waitedMinutes(since, Date.parse('2026-11-26T09:59:00+08:00'))).toBe(0);
  });
});

describe('ticket numbers typed by staff', () => {
  it('pads and upper-cases', () => {
    expect(normalizeTicketNumber('a12')).toBe('A012');
    expect(normalizeTicketNumber(' B001 ')).toBe('B001');
    expect(normalizeTicketNumber('c7')).toBe('C007');
    expect(normalizeTicketNumber('A0012')).toBe('A012');
  });
  it('refuses what cannot be a number', () => {
    for (const bad of ['', 'A', '12', 'AB12', 'A1000', 'A000', 'A-12', 'n']) expect(normalizeTicketNumber(bad)).toBeNull();
  });
});

describe('transfer dialog state', () => {
  const run = (events: TransferEvent[], from: TransferState = TRANSFER_CLOSED) =>
    events.reduce((s, e) => reduceTransfer(s, e, site), from);

  it('opens with nothing chosen, front of the line, and sends nothing until a service is chosen', () => {
    const s = run([{ type: 'open', number: 'A002', fromServiceId: 'consult' }]);
    expect(s).toMatchObject({ open: true, number: 'A002', fromServiceId: 'consult', toServiceId: '', toCounterId: '', position: 'front' });
    expect(transferRequest(s)).toBeNull();
  });

  it('builds the request: service, any counter, front', () => {
    const s = run([
      { type: 'open', number: 'A002', fromServiceId: 'consult' },
      { type: 'service', serviceId: 'documents' },
    ]);
    expect(transferRequest(s)).toEqual({ action: 'transfer', toServiceId: 'documents', position: 'front' });
  });

  it('offers only counters that serve the chosen service, and drops one that does not', () => {
    let s = run([
      { type: 'open', number: 'A002', fromServiceId: 'consult' },
      { type: 'service', serviceId: 'documents' },
      { type: 'counter', counterId: 'c3' },
      { type: 'position', position: 'back' },
    ]);
    expect(transferRequest(s)).toEqual({ action: 'transfer', toServiceId: 'documents', toCounterId: 'c3', position: 'back' });
    // c1 does not serve documents: refused
    expect(reduceTransfer(s, { type: 'counter', counterId: 'c1' }, site).toCounterId).toBe('c3');
    // consult is not served by c3: the counter goes back to "any"
    s = reduceTransfer(s, { type: 'service', serviceId: 'consult' }, site);
    expect(s.toCounterId).toBe('');
    // documents → bail keeps c3 (it serves both)
    s = run([{ type: 'service', serviceId: 'documents' }, { type: 'counter', counterId: 'c3' }, { type: 'service', serviceId: 'bail' }], s);
    expect(s.toCounterId).toBe('c3');
    expect(reduceTransfer(s, { type: 'service', serviceId: 'nope' }, site).toServiceId).toBe('');
  });

  it('opening again starts afresh; closing keeps nothing open', () => {
    const chosen = run([
      { type: 'open', number: 'A002', fromServiceId: 'consult' },
      { type: 'service', serviceId: 'bail' },
      { type: 'position', position: 'back' },
      { type: 'close' },
    ]);
    expect(chosen.open).toBe(false);
    const again = reduceTransfer(chosen, { type: 'open', number: 'A003', fromServiceId: 'consult' }, site);
    expect(again).toMatchObject({ open: true, number: 'A003', toServiceId: '', position: 'front' });
  });
});

const staffView = (over: Partial<QueueStaff> = {}): QueueStaff => ({
  counters: [
    { counterId: 'c1', current: ticket() },
    { counterId: 'c2', current: null },
  ],
  lines: [
    { serviceId: 'consult', waiting: [], waitingTotal: 0, skipped: [{ number: 'A004', skippedAt: '2026-11-26T10:00:00+08:00', graceUntil: '2026-11-26T10:10:00+08:00' }] },
    { serviceId: 'documents', waiting: [], waitingTotal: 0, skipped: [{ number: 'B002', skippedAt: '2026-11-26T09:59:00+08:00', graceUntil: '2026-11-26T10:09:00+08:00' }] },
    { serviceId: 'bail', waiting: [], waitingTotal: 0, skipped: [] },
  ],
  ...over,
});

describe('lines and skipped tickets', () => {
  it("puts the counter's services first in its order of preference", () => {
    expect(orderLines(site, site.counters[1]!, staffView()).map((l) => [l.service.id, l.mine])).toEqual([
      ['documents', true],
      ['consult', true],
      ['bail', false],
    ]);
    expect(orderLines(site, null, undefined).map((l) => l.service.id)).toEqual(['consult', 'documents', 'bail']);
  });

  it("lists this counter's skipped tickets first, soonest to lapse first", () => {
    expect(skippedTickets(staffView(), site.counters[0]!).map((s) => [s.number, s.mine])).toEqual([
      ['A004', true],
      ['B002', false],
    ]);
    expect(skippedTickets(staffView(), site.counters[2]!).map((s) => s.number)).toEqual(['B002', 'A004']);
  });
});

describe('the current ticket comes from the server', () => {
  it("uses the action's answer until a newer queue.staff snapshot arrives", () => {
    const before = staffView();
    const ack = { counterId: 'c1', current: ticket({ number: 'A002' }), basis: before };
    expect(currentTicketFor('c1', before, ack)?.number).toBe('A002');
    const after = staffView({ counters: [{ counterId: 'c1', current: ticket({ number: 'A003' }) }] });
    expect(currentTicketFor('c1', after, ack)?.number).toBe('A003');
    expect(currentTicketFor('c2', before, ack)).toBeNull();
    expect(currentTicketFor(null, before, ack)).toBeNull();
    expect(currentTicketFor('c1', undefined, null)).toBeNull();
  });

  it('subscribes to the staff topics TOPIC_ACCESS gives its roles (counter and desk: the console and reprints)', () => {
    expect(staffTopics(null)).toEqual(['queue.board']);
    expect(staffTopics({ roles: ['desk'] })).toEqual(['queue.board', 'devices.health', 'queue.staff']);
    expect(staffTopics({ roles: ['counter'] })).toEqual(['queue.board', 'devices.health', 'queue.staff']);
    expect(staffTopics({ roles: ['admin'] })).toEqual(['queue.board', 'devices.health', 'queue.staff']);
    // Bailiffs and clerks work from the court tabs: no queue or device data on their socket.
    expect(staffTopics({ roles: ['bailiff', 'clerk'] })).toEqual(['queue.board']);
  });
});

describe('staff store: counter actions', () => {
  function fakeServer(reply: (body: Record<string, unknown>) => { status: number; body: unknown }) {
    const sent: { url: string; csrf?: string; body: Record<string, unknown> }[] = [];
    const fetch = async (url: string, init?: RequestInit) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
      const json = (b: unknown, status = 200) => new Response(JSON.stringify(b), { status });
      if (url === '/api/staff/me') {
        return json({ user: { id: 1, username: 'lin', displayName: '林', roles: ['counter'] }, needsSetup: false, csrfToken: 'csrf-9' });
      }
      sent.push({ url, csrf: headers['x-csrf-token'], body });
      const r = reply(body);
      return json(r.body, r.status);
    };
    return { fetch, sent };
  }

  it('sends the action for the chosen counter with the CSRF token and keeps the answer', async () => {
    const { fetch, sent } = fakeServer(() => ({ status: 200, body: { current: ticket({ number: 'A007', recalls: 1 }), call: null } }));
    const store = createStaffStore({ fetch });
    await store.getState().refreshMe();
    store.getState().setCounter('c2');
    expect(await store.getState().act({ action: 'recall' })).toBe(true);
    expect(sent).toEqual([{ url: '/api/staff/counter/action', csrf: 'csrf-9', body: { action: 'recall', counterId: 'c2' } }]);
    const s = store.getState();
    expect(currentTicketFor('c2', s.snapshots['queue.staff'], s.ack)?.recalls).toBe(1);
    expect(s.acting).toBeNull();
  });

  it("shows the server's message and clears it with the next action", async () => {
    let fail = true;
    const { fetch } = fakeServer((body) =>
      fail
        ? { status: 409, body: { error: 'conflict', message: `Ticket ${String(body.number)} cannot be called: it is no-show.` } }
        : { status: 200, body: { current: null, call: null } },
    );
    const store = createStaffStore({ fetch });
    await store.getState().refreshMe();
    store.getState().setCounter('c1');
    expect(await store.getState().act({ action: 'call-number', number: 'A001' })).toBe(false);
    expect(store.getState().actionError).toBe('Ticket A001 cannot be called: it is no-show.');
    fail = false;
    expect(await store.getState().act({ action: 'next' })).toBe(true);
    expect(store.getState().actionError).toBeNull();
    expect(store.getState().queueEmpty).toBe(true);
  });

  it('sends one action at a time and nothing without a counter', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { fetch, sent } = fakeServer(() => ({ status: 200, body: { current: null, call: null } }));
    const slow = async (url: string, init?: RequestInit) => {
      if (url !== '/api/staff/me') await gate;
      return fetch(url, init);
    };
    const store = createStaffStore({ fetch: slow });
    await store.getState().refreshMe();
    expect(await store.getState().act({ action: 'next' })).toBe(false); // no counter chosen
    store.getState().setCounter('c1');
    const first = store.getState().act({ action: 'next' });
    expect(store.getState().acting).toBe('next');
    expect(await store.getState().act({ action: 'finish' })).toBe(false);
    release();
    await first;
    expect(sent.map((s) => s.body.action)).toEqual(['next']);
  });
});
