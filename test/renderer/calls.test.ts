/**
 * The call board's store feeding its announcer, the board's helpers, and the
 * simulator panel's keypads and 7-segment glyphs.
 */
import { describe, expect, it } from 'vitest';
import type { Call, PublicSite, QueueBoard } from '../../core/contract';
import { announcementFor } from '../../core/domain/queue/announce';
import { counterName, sortCalls } from '../../renderer/apps/calls/CallsApp';
import { unitsFor } from '../../renderer/apps/devices/QueueDevices';
import { cells, segmentsFor } from '../../renderer/apps/devices/SevenSegment';
import { Announcer, type ClipPlayer } from '../../renderer/audio/announcer';
import { createCallsStore } from '../../renderer/apps/calls/store';
import { createDevicesStore } from '../../renderer/apps/devices/store';
import type { SiteApi } from '../../renderer/features/site/api';

const flush = () => new Promise<void>((r) => setImmediate(r));

const call = (id: number, number: string, counter: number, over: Partial<Call> = {}): Call => ({
  id,
  number,
  serviceId: 'consult',
  counterId: `c${counter}`,
  counterNumber: counter,
  calledAt: '2026-11-26T10:00:00+08:00',
  recall: false,
  priority: false,
  announcement: announcementFor(number, counter, { zh: '窗口', en: 'window' }),
  ...over,
});
const board = (calls: Call[]): QueueBoard => ({ day: '2026-11-26', services: [], recentCalls: [...calls].reverse() });

const site = {
  id: 'x',
  kind: 'prison',
  agency: { zh: '花蓮監獄', en: 'Hualien Prison' },
  timeZone: 'Asia/Taipei',
  services: [],
  counters: [
    { id: 'c2', number: 2, name: { zh: '2 號窗口', en: 'Window 2' }, serviceIds: [] },
    { id: 'c1', number: 1, name: { zh: '1 號窗口', en: 'Window 1' }, serviceIds: [] },
  ],
  courtrooms: [],
  signs: [],
} satisfies PublicSite;

describe('the call board store', () => {
  it('feeds the announcer every board snapshot and connection change, and mirrors its log', async () => {
    const played: string[] = [];
    const clips: ClipPlayer = { play: async (c) => void played.push(c), stop: () => undefined, preload: () => undefined };
    const announcer = new Announcer({ clips });
    const store = createCallsStore({ site: async () => site } as unknown as SiteApi, announcer);

    store.setState({ connection: 'open' });
    store.setState({ snapshots: { 'queue.board': board([call(1, 'A001', 1)]) } }); // baseline
    store.setState({ snapshots: { 'queue.board': board([call(1, 'A001', 1), call(2, 'A002', 2)]) } });
    for (let i = 0; i < 40; i++) await flush();
    expect(store.getState().sound.log.map((e) => [e.id, e.via])).toEqual([[2, 'clips']]);
    expect(played).toEqual(call(2, 'A002', 2).announcement.clips);

    // a reconnect: the next snapshot is a baseline again
    store.setState({ connection: 'reconnecting' });
    store.setState({ connection: 'open' });
    store.setState({ snapshots: { 'queue.board': board([call(1, 'A001', 1), call(2, 'A002', 2), call(3, 'A003', 1)]) } });
    for (let i = 0; i < 40; i++) await flush();
    expect(store.getState().sound.log.map((e) => e.id)).toEqual([2]);
  });

  it('without an announcer the board is silent', () => {
    const store = createCallsStore({ site: async () => site } as unknown as SiteApi);
    expect(store.getState().sound).toEqual({ blocked: false, current: null, pending: 0, log: [] });
    store.getState().unlockSound();
  });
});

describe('board helpers', () => {
  it('puts the newest call id first (a recall made within the same second too)', () => {
    const a = call(5, 'A001', 1);
    const b = call(6, 'A001', 1, { recall: true });
    const c = call(4, 'B001', 2);
    expect(sortCalls([c, a, b]).map((x) => x.id)).toEqual([6, 5, 4]);
  });

  it("names the counter as the site does (窗口 at a prison), else N 號櫃台", () => {
    expect(counterName(site, { counterId: 'c2', counterNumber: 2 })).toEqual({ zh: '2 號窗口', en: 'Window 2' });
    expect(counterName(null, { counterId: 'c9', counterNumber: 9 })).toEqual({ zh: '9 號櫃台', en: 'Counter 9' });
  });
});

describe('simulator panel', () => {
  it('one keypad and one display per site counter, by counter number', () => {
    expect(unitsFor(site, []).map((u) => u.address)).toEqual([1, 2]);
    expect(unitsFor(site, [{ address: 7 }]).map((u) => [u.address, u.name.en])).toEqual([
      [1, 'Window 1'],
      [2, 'Window 2'],
      [7, 'Address 7'],
    ]);
  });

  it('draws digits and letters on seven segments, right-aligned', () => {
    expect([...segmentsFor('8')].sort().join('')).toBe('abcdefg');
    expect([...segmentsFor('1')].sort().join('')).toBe('bc');
    expect([...segmentsFor('A')].sort().join('')).toBe('abcefg');
    expect([...segmentsFor('b')].sort().join('')).toBe('cdefg');
    expect(segmentsFor(' ').size).toBe(0);
    expect(cells('A12', 4)).toEqual([' ', 'A', '1', '2']);
  });

  it('presses keypad keys with the admin session and its CSRF token', async () => {
    const log: { url: string; csrf?: string; body?: unknown }[] = [];
    let signedIn = false;
    const fetch = async (url: string, init?: RequestInit) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      log.push({ url, csrf: headers['x-csrf-token'], body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const json = (b: unknown, status = 200) => new Response(JSON.stringify(b), { status });
      if (url === '/api/staff/me') {
        return json({
          user: signedIn ? { id: 1, username: 'chen', displayName: '陳', roles: ['admin'] } : null,
          needsSetup: false,
          csrfToken: signedIn ? 'csrf-9' : null,
        });
      }
      if (url === '/api/devices/sim/keypad') return json({ ok: true });
      return json({ error: 'not_found', message: 'no' }, 404);
    };
    const store = createDevicesStore({ fetch });

    expect(await store.getState().pressKey(3, 'NEXT')).toBe(false);
    expect(store.getState().keyError).toMatchObject({ address: 3, kind: 'signin' });
    expect(log.some((l) => l.url === '/api/devices/sim/keypad')).toBe(false);

    signedIn = true;
    expect(await store.getState().pressKey(3, 'NEXT')).toBe(true);
    expect(store.getState().keyError).toBeNull();
    expect(log.at(-1)).toEqual({ url: '/api/devices/sim/keypad', csrf: 'csrf-9', body: { address: 3, key: 'NEXT' } });

    expect(await store.getState().pressKey(1, 'CALL', ' a012 ')).toBe(true);
    expect(log.at(-1)?.body).toEqual({ address: 1, key: 'CALL', arg: 'A012' });

    const before = log.length;
    expect(await store.getState().pressKey(1, 'CALL', 'hello')).toBe(false);
    expect(store.getState().keyError).toMatchObject({ address: 1, kind: 'invalid' });
    expect(log.length).toBe(before);
    expect(store.getState().keyBusy).toEqual({});
  });
});
