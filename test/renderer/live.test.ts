import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { QueueBoard } from '../../core/contract';
import { LIVE_DEFAULTS, LiveClient, backoffDelay, liveUrl, type ConnectionStatus } from '../../renderer/client/live';
import { bridgeLive, createLiveSlice, type LiveSlice } from '../../renderer/features/live/slice';
import { FakeSocket } from '../helpers/fake-socket';

/** Manual timers. */
function fakeTimers() {
  let seq = 0;
  const pending = new Map<number, { fn: () => void; ms: number }>();
  return {
    setTimer: (fn: () => void, ms: number) => {
      pending.set(++seq, { fn, ms });
      return seq;
    },
    clearTimer: (h: unknown) => void pending.delete(h as number),
    pending,
    runAll() {
      const items = [...pending.entries()];
      pending.clear();
      for (const [, t] of items) t.fn();
    },
  };
}

const board = (over: Partial<QueueBoard> = {}): QueueBoard => ({
  day: '2026-11-26',
  services: [{ serviceId: 'general', waiting: 3, lastCalled: 'A001', open: true, estimatedWaitMinutes: null }],
  recentCalls: [
    {
      id: 1,
      number: 'A001',
      serviceId: 'general',
      counterId: 'c1',
      counterNumber: 1,
      calledAt: '2026-11-26T09:00:00+08:00',
      recall: false,
      priority: false,
      announcement: { zh: '來賓 A001 號，請到 1 號櫃台', en: 'Number A001, please go to counter 1', clips: [] },
    },
  ],
  ...over,
});

function setup() {
  FakeSocket.all = [];
  const timers = fakeTimers();
  const snaps: { topic: string; version: number; data: unknown }[] = [];
  const statuses: ConnectionStatus[] = [];
  const client = new LiveClient({
    url: 'ws://lobby.test/live',
    topics: ['queue.board'],
    WebSocket: FakeSocket,
    onSnapshot: (s) => snaps.push(s),
    onStatus: (s) => statuses.push(s),
    random: () => 0.5,
    initialDelayMs: 1000,
    maxDelayMs: 8000,
    heartbeatMs: 0,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
  });
  return { client, timers, snaps, statuses };
}

describe('live client', () => {
  it('subscribes on open and hands over validated snapshots', () => {
    const { client, snaps, statuses } = setup();
    client.start();
    const ws = FakeSocket.all[0]!;
    expect(ws.url).toBe('ws://lobby.test/live');
    ws.open();
    expect(JSON.parse(ws.sent[0]!)).toEqual({ type: 'subscribe', topics: ['queue.board'] });
    ws.receive({ type: 'snapshot', topic: 'queue.board', version: 1, data: board() });
    expect(snaps).toHaveLength(1);
    expect(statuses).toEqual(['connecting', 'open']);
  });

  it('ignores malformed, unknown-topic and stale snapshots', () => {
    const { client, snaps } = setup();
    client.start();
    const ws = FakeSocket.all[0]!;
    ws.open();
    ws.receive({ type: 'snapshot', topic: 'queue.board', version: 5, data: board() });
    ws.receive({ type: 'snapshot', topic: 'queue.board', version: 6, data: { day: 1 } });
    ws.receive({ type: 'snapshot', topic: 'devices.sim', version: 7, data: { printer: { fault: null, simulated: true, receipts: [] } } });
    ws.receive({ type: 'snapshot', topic: 'queue.board', version: 4, data: board() });
    ws.onmessage?.({ data: 'not json' });
    expect(snaps.map((s) => s.version)).toEqual([5]);
  });

  it('reconnects with back-off and subscribes again', () => {
    const { client, timers, statuses } = setup();
    client.start();
    FakeSocket.all[0]!.open();
    FakeSocket.all[0]!.drop();
    expect(statuses.at(-1)).toBe('reconnecting');
    expect([...timers.pending.values()][0]?.ms).toBe(1000);
    timers.runAll();
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1]!.drop(); // fails again: longer wait
    expect([...timers.pending.values()][0]?.ms).toBe(2000);
    timers.runAll();
    const ws = FakeSocket.all[2]!;
    ws.open();
    expect(JSON.parse(ws.sent[0]!)).toEqual({ type: 'subscribe', topics: ['queue.board'] });
    expect(statuses.at(-1)).toBe('open');
    // after a good connection the back-off starts over
    ws.drop();
    expect([...timers.pending.values()][0]?.ms).toBe(1000);
  });

  it('stops cleanly', () => {
    const { client, timers, statuses } = setup();
    client.start();
    FakeSocket.all[0]!.open();
    client.stop();
    expect(FakeSocket.all[0]!.closed).toBe(true);
    expect(timers.pending.size).toBe(0);
    expect(statuses.at(-1)).toBe('closed');
  });

  it('back-off grows, is capped and jittered ±20 %', () => {
    expect(backoffDelay(0, 1000, 30_000, () => 0.5)).toBe(1000);
    expect(backoffDelay(3, 1000, 30_000, () => 0.5)).toBe(8000);
    expect(backoffDelay(10, 1000, 30_000, () => 0.5)).toBe(30_000);
    expect(backoffDelay(3, 1000, 30_000, () => 0)).toBe(6400);
    expect(backoffDelay(3, 1000, 30_000, () => 1)).toBe(9600);
  });

  it('by default a board knocks again within 2 s however long the server was away: 250 ms doubling to 1.5 s, ±20 %', () => {
    const { initialDelayMs, maxDelayMs } = LIVE_DEFAULTS;
    const waits = Array.from({ length: 40 }, (_, n) => backoffDelay(n, initialDelayMs, maxDelayMs, () => 1));
    expect(waits.slice(0, 4)).toEqual([300, 600, 1200, 1800]);
    expect(Math.max(...waits)).toBeLessThanOrEqual(1800);
    expect(backoffDelay(0, initialDelayMs, maxDelayMs, () => 0)).toBe(200);
  });

  it('a server that goes silent without closing (frozen) is dropped within 3.5 s of its last word and tried again; the mark shows', () => {
    FakeSocket.all = [];
    // Timers on a clock the test moves.
    let now = 0;
    let seq = 0;
    const due = new Map<number, { fn: () => void; at: number }>();
    const statuses: ConnectionStatus[] = [];
    const client = new LiveClient({
      url: 'ws://lobby.test/live',
      topics: ['queue.board'],
      WebSocket: FakeSocket,
      onSnapshot: () => undefined,
      onStatus: (s) => statuses.push(s),
      random: () => 0.5,
      setTimer: (fn, ms) => (due.set(++seq, { fn, at: now + ms }), seq),
      clearTimer: (h) => void due.delete(h as number),
      now: () => now,
    });
    client.start();
    const ws = FakeSocket.all[0]!;
    ws.open();
    /** Time passes to `to`, each timer running when due. */
    const runTo = (to: number) => {
      for (;;) {
        const next = [...due.entries()].filter(([, t]) => t.at <= to).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        due.delete(next[0]);
        now = Math.max(now, next[1].at);
        next[1].fn();
      }
      now = to;
    };
    // It answers pings for a while: the socket stays.
    for (let k = 0; k < 5; k++) {
      runTo(now + 2000);
      expect(ws.messages().filter((m) => m.type === 'ping').length).toBe(k + 1);
      ws.receive({ type: 'pong' });
    }
    expect(statuses.at(-1)).toBe('open');
    // Frozen: no pong, no close.
    const frozeAt = now;
    while (statuses.at(-1) === 'open' && now < frozeAt + 10_000) runTo(now + 50);
    expect(now - frozeAt).toBeLessThanOrEqual(3500 + 500);
    expect(statuses.at(-1)).toBe('reconnecting');
    expect(ws.closed).toBe(true);
    // The next socket is tried within the back-off; it hangs without opening (the frozen
    // server's kernel accepts it): given up after 3 s and tried again.
    runTo(now + 400);
    expect(FakeSocket.all).toHaveLength(2);
    runTo(now + 3000 + 700);
    expect(FakeSocket.all[1]!.closed).toBe(true);
    expect(FakeSocket.all.length).toBeGreaterThanOrEqual(3);
    // The server is back: the pending socket opens, the board is live again.
    FakeSocket.last!.open();
    expect(statuses.at(-1)).toBe('open');
  });

  it('builds the URL from the page protocol', () => {
    expect(liveUrl({ protocol: 'http:', host: 'a:8123' })).toBe('ws://a:8123/live');
    expect(liveUrl({ protocol: 'https:', host: 'a' })).toBe('wss://a/live');
  });
});

describe('bridgeLive', () => {
  it('replaces the topic state whole on every snapshot and keeps it while reconnecting', () => {
    FakeSocket.all = [];
    const timers = fakeTimers();
    const store = createStore<LiveSlice>()((...a) => ({ ...createLiveSlice()(...a) }));
    bridgeLive(store, ['queue.board'], {
      url: 'ws://x/live',
      WebSocket: FakeSocket,
      heartbeatMs: 0,
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
      log: () => undefined,
    });
    const ws = FakeSocket.all[0]!;
    ws.open();
    expect(store.getState().connection).toBe('open');

    ws.receive({ type: 'snapshot', topic: 'queue.board', version: 1, data: board() });
    expect(store.getState().snapshots['queue.board']?.recentCalls).toHaveLength(1);

    // the next snapshot has no calls and another service: no merging with the old one
    const next = board({ services: [{ serviceId: 'visits', waiting: 0, lastCalled: null, open: true, estimatedWaitMinutes: 5 }], recentCalls: [] });
    ws.receive({ type: 'snapshot', topic: 'queue.board', version: 2, data: next });
    expect(store.getState().snapshots['queue.board']).toEqual(next);

    ws.drop();
    expect(store.getState().connection).toBe('reconnecting');
    expect(store.getState().snapshots['queue.board']).toEqual(next); // last snapshot stays on screen
  });

  it('drops topics the server stopped, so a reconnect does not ask for them again', () => {
    const { client, timers } = setup();
    const stopped: unknown[] = [];
    const c = new LiveClient({
      url: 'ws://lobby.test/live',
      topics: ['queue.board', 'queue.staff'],
      WebSocket: FakeSocket,
      onSnapshot: () => undefined,
      onStopped: (s) => stopped.push(s),
      heartbeatMs: 0,
      random: () => 1,
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
    });
    client.stop();
    FakeSocket.all = [];
    c.start();
    const ws = FakeSocket.all[0]!;
    ws.open();
    const msg = { type: 'stopped', topics: ['queue.staff'], reason: 'signed-out', message: 'Signed out: queue.staff stopped' };
    ws.receive(msg);
    expect(stopped).toEqual([msg]);
    expect(c.subscribed).toEqual(['queue.board']);
    ws.drop();
    timers.runAll();
    FakeSocket.all[1]!.open();
    expect(FakeSocket.all[1]!.subscribedTo()).toEqual(['queue.board']);
  });

  it('a kiosk window says its credential before subscribing, on every connection', async () => {
    FakeSocket.all = [];
    const timers = fakeTimers();
    const c = new LiveClient({
      url: 'ws://lobby.test/live',
      topics: ['kiosk.scan'],
      WebSocket: FakeSocket,
      onSnapshot: () => undefined,
      kioskCredential: async () => 'k-123',
      heartbeatMs: 0,
      random: () => 1,
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
    });
    c.start();
    const ws = FakeSocket.all[0]!;
    ws.open();
    await Promise.resolve();
    expect(ws.messages().slice(0, 2)).toEqual([
      { type: 'kiosk', credential: 'k-123' },
      { type: 'subscribe', topics: ['kiosk.scan'] },
    ]);
    expect(c.connection).toBe('open');
    c.stop();
  });
});
