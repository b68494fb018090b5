import { describe, expect, it, vi } from 'vitest';
import type { DevicesHealth, KioskStatus, PrintJob } from '../../core/contract';
import { alertingDevices, deviceAlertText } from '../../renderer/apps/staff/labels';
import { base64ToBytes, rasterToRgba } from '../../renderer/components/raster';
import { createDevicesStore } from '../../renderer/apps/devices/store';
import { createKioskStore, type KioskApi } from '../../renderer/apps/kiosk/store';
import { bindStaffLive } from '../../renderer/apps/staff/live';
import { createStaffStore } from '../../renderer/apps/staff/store';
import { ApiError } from '../../renderer/client/call';
import { LiveClient } from '../../renderer/client/live';
import { kioskCanIssue } from '../../renderer/features/tickets/slice';
import { FakeSocket, noTimers } from '../helpers/fake-socket';
import { issuedTicket } from '../helpers/fixtures';

const job = (over: Partial<PrintJob> = {}): PrintJob => ({
  id: 7,
  ticketNumber: 'A012',
  serviceId: 'consult',
  kind: 'ticket',
  status: 'failed',
  attempts: 3,
  createdAt: '2026-11-26T10:00:00+08:00',
  error: 'link down',
  ...over,
});

const health = (over: Partial<DevicesHealth> = {}): DevicesHealth => ({
  devices: [
    {
      id: 'printer',
      kind: 'printer',
      name: { zh: '號碼單印表機', en: 'Ticket printer' },
      state: 'ready',
      statusReadable: true,
      link: 'open',
      alert: null,
      since: '2026-11-26T09:00:00+08:00',
    },
  ],
  failedJobs: [],
  pendingJobs: 0,
  notices: [],
  ...over,
});

describe('live client and the contract topics', () => {
  it('validates kiosk.status with the contract schema and reports server errors', () => {
    FakeSocket.all = [];
    const snaps: unknown[] = [];
    const errors: string[] = [];
    const client = new LiveClient({
      url: 'ws://x/live',
      topics: ['kiosk.status'],
      WebSocket: FakeSocket,
      onSnapshot: (s) => snaps.push(s.data),
      onServerError: (m) => errors.push(m),
      ...noTimers,
    });
    client.start();
    const ws = FakeSocket.all[0]!;
    ws.open();
    ws.receive({ type: 'snapshot', topic: 'kiosk.status', version: 1, data: { canIssue: false, reason: 'printer-unavailable' } });
    ws.receive({ type: 'snapshot', topic: 'kiosk.status', version: 2, data: { canIssue: 'no' } });
    ws.receive({ type: 'error', message: 'devices.health needs a signed-in session' });
    expect(snaps).toEqual([{ canIssue: false, reason: 'printer-unavailable' }]);
    expect(errors).toEqual(['devices.health needs a signed-in session']);
  });

  it('reopens at once with new topics (the server reads the cookie when the socket opens)', () => {
    FakeSocket.all = [];
    const client = new LiveClient({ url: 'ws://x/live', topics: ['queue.board'], WebSocket: FakeSocket, onSnapshot: () => undefined, ...noTimers });
    client.start();
    FakeSocket.all[0]!.open();
    client.reopen(['queue.board', 'devices.health']);
    expect(FakeSocket.all[0]!.closed).toBe(true);
    const ws = FakeSocket.all[1]!;
    ws.open();
    expect(ws.subscribedTo()).toEqual(['queue.board', 'devices.health']);
    // a late message on the old socket is ignored
    expect(client.subscribed).toEqual(['queue.board', 'devices.health']);
  });
});

describe('kiosk pause', () => {
  const ticket = issuedTicket();
  const paused: KioskStatus = { canIssue: false, reason: 'printer-unavailable' };

  it('offers services until told otherwise, and refuses a tap while paused', async () => {
    let calls = 0;
    const api = { issueTicket: async () => (calls++, ticket) } as unknown as KioskApi;
    const store = createKioskStore(api);
    expect(kioskCanIssue(store.getState())).toBe(true); // no snapshot yet
    store.setState({ snapshots: { 'kiosk.status': paused } });
    expect(kioskCanIssue(store.getState())).toBe(false);
    await store.getState().issue('consult');
    expect(calls).toBe(0);
    expect(store.getState().phase).toBe('home');
    store.setState({ snapshots: { 'kiosk.status': { canIssue: true, reason: null } } });
    await store.getState().issue('consult');
    expect(calls).toBe(1);
    expect(store.getState().phase).toBe('result');
  });

  it("remembers the server's 'unavailable' code so the error screen says paused", async () => {
    const api = {
      issueTicket: () => Promise.reject(new ApiError(503, 'unavailable', 'printer: paper-end')),
    } as unknown as KioskApi;
    const store = createKioskStore(api);
    await store.getState().issue('consult');
    expect(store.getState().phase).toBe('error');
    expect(store.getState().issueErrorCode).toBe('unavailable');
    store.getState().backHome();
    expect(store.getState().issueErrorCode).toBeNull();
  });
});

function staffFetch(state: { signedIn: boolean; roles?: string[] }, log: { url: string; csrf?: string; body?: unknown }[]) {
  return async (url: string, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    log.push({ url, csrf: headers['x-csrf-token'], body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const body = (b: unknown, status = 200) => new Response(JSON.stringify(b), { status });
    const user = { id: 1, username: 'chen', displayName: '陳', roles: state.roles ?? ['admin'] };
    if (url === '/api/staff/me') return body({ user: state.signedIn ? user : null, needsSetup: false, csrfToken: state.signedIn ? 'csrf-1' : null });
    if (url === '/api/staff/login') {
      state.signedIn = true;
      return body({ user });
    }
    if (url === '/api/staff/logout') {
      state.signedIn = false;
      return body({ ok: true });
    }
    if (url === '/api/staff/tickets/reprint') {
      const n = (JSON.parse(String(init?.body)) as { number: string }).number;
      if (n === 'A999') return body({ error: 'not_found', message: 'No ticket A999 today.' }, 404);
      return body({ job: job({ id: 9, ticketNumber: n, kind: 'reprint', status: 'pending', attempts: 0, error: null }) });
    }
    if (url === '/api/devices/sim/printer/fault') {
      if (!state.signedIn) return body({ error: 'unauthorized', message: 'Sign in first.' }, 401);
      return body({ fault: (JSON.parse(String(init?.body)) as { fault: unknown }).fault });
    }
    return body({ error: 'not_found', message: 'no' }, 404);
  };
}

describe('staff console and devices.health', () => {
  it('subscribes to devices.health only once signed in, and drops it on sign-out', async () => {
    FakeSocket.all = [];
    const state = { signedIn: false };
    const store = createStaffStore({ fetch: staffFetch(state, []) });
    bindStaffLive(store, { url: 'ws://x/live', WebSocket: FakeSocket, log: () => undefined, ...noTimers });
    FakeSocket.all[0]!.open();
    expect(FakeSocket.all[0]!.subscribedTo()).toEqual(['queue.board']);

    await store.getState().refreshMe();
    expect(FakeSocket.all).toHaveLength(1); // still signed out: same socket
    await store.getState().login({ username: 'chen', password: 'a-long-password' });
    const ws = FakeSocket.all[1]!;
    ws.open();
    // an admin works a counter too: the counters' own view comes on the same signed-in socket
    expect(ws.subscribedTo()).toEqual(['queue.board', 'devices.health', 'queue.staff']);
    ws.receive({ type: 'snapshot', topic: 'devices.health', version: 1, data: health() });
    expect(store.getState().snapshots['devices.health']?.devices).toHaveLength(1);

    await store.getState().logout();
    expect(store.getState().snapshots['devices.health']).toBeUndefined();
    const after = FakeSocket.all[2]!;
    after.open();
    expect(after.subscribedTo()).toEqual(['queue.board']);
  });

  it('topics the server stops (signed out elsewhere) leave the screen at once, and the console asks who is signed in', async () => {
    FakeSocket.all = [];
    const state = { signedIn: true };
    const store = createStaffStore({ fetch: staffFetch(state, []) });
    await store.getState().refreshMe();
    bindStaffLive(store, { url: 'ws://x/live', WebSocket: FakeSocket, log: () => undefined, ...noTimers });
    const ws = FakeSocket.all[0]!;
    ws.open();
    expect(ws.subscribedTo()).toEqual(['queue.board', 'devices.health', 'queue.staff']);
    ws.receive({ type: 'snapshot', topic: 'devices.health', version: 1, data: health() });
    expect(store.getState().snapshots['devices.health']).toBeDefined();

    state.signedIn = false;
    ws.receive({ type: 'stopped', topics: ['devices.health', 'queue.staff'], reason: 'signed-out', message: 'Signed out: devices.health, queue.staff stopped' });
    expect(store.getState().snapshots['devices.health']).toBeUndefined();
    // A snapshot that was already on its way is not shown.
    ws.receive({ type: 'snapshot', topic: 'devices.health', version: 2, data: health() });
    expect(store.getState().snapshots['devices.health']).toBeUndefined();
    await vi.waitFor(() => expect(store.getState().me?.user).toBeNull());
    // The sign-in form shows (no user) and the socket follows the public board only.
    const after = FakeSocket.all.at(-1)!;
    after.open();
    expect(after.subscribedTo()).toEqual(['queue.board']);
  });

  it('reprints with the CSRF token and reports success and server errors where they were asked for', async () => {
    const log: { url: string; csrf?: string; body?: unknown }[] = [];
    const store = createStaffStore({ fetch: staffFetch({ signedIn: true }, log) });
    await store.getState().refreshMe();
    expect(await store.getState().reprint(' a012 ', 'list')).toBe(true);
    expect(log.at(-1)).toEqual({ url: '/api/staff/tickets/reprint', csrf: 'csrf-1', body: { number: 'A012' } });
    expect(store.getState().reprintDone).toMatchObject({ number: 'A012', source: 'list', job: { kind: 'reprint' } });
    expect(await store.getState().reprint('A999')).toBe(false);
    expect(store.getState().reprintDone).toBeNull();
    expect(store.getState().reprintError).toEqual({ number: 'A999', message: 'No ticket A999 today.', source: 'form' });
  });

  it('lists alerting devices, errors first, with the right words', () => {
    const h = health();
    const base = h.devices[0]!;
    h.devices = [
      { ...base, id: 'p1', state: 'paper-near-end', alert: 'warning' },
      { ...base, id: 'p2', state: 'unknown', link: 'disconnected', alert: 'error' },
      { ...base, id: 'p3' },
    ];
    expect(alertingDevices(h).map((d) => d.id)).toEqual(['p2', 'p1']);
    expect(deviceAlertText(h.devices[0]!)).toEqual({ zh: '印表機紙張將用完', en: 'Printer paper low' });
    expect(deviceAlertText(h.devices[1]!)).toEqual({ zh: '印表機未連線', en: 'Printer disconnected' });
    expect(deviceAlertText({ state: 'paper-end', link: 'open' }).en).toBe('Printer out of paper');
    expect(alertingDevices(undefined)).toEqual([]);
  });
});

describe('simulator panel fault buttons', () => {
  it('asks for an admin sign-in instead of failing silently', async () => {
    const log: { url: string; csrf?: string }[] = [];
    const store = createDevicesStore({ fetch: staffFetch({ signedIn: false }, log) });
    expect(await store.getState().setFault('paper-end')).toBe(false);
    expect(store.getState().faultError?.kind).toBe('signin');
    expect(log.map((l) => l.url)).toEqual(['/api/staff/me']); // never posted without a session

    const counter = createDevicesStore({ fetch: staffFetch({ signedIn: true, roles: ['counter'] }, []) });
    await counter.getState().setFault('paper-end');
    expect(counter.getState().faultError?.kind).toBe('signin');
  });

  it('sends the fault with the CSRF token from /api/staff/me; null clears', async () => {
    const log: { url: string; csrf?: string; body?: unknown }[] = [];
    const store = createDevicesStore({ fetch: staffFetch({ signedIn: true }, log) });
    expect(await store.getState().setFault('cover-open')).toBe(true);
    expect(log.at(-1)).toEqual({ url: '/api/devices/sim/printer/fault', csrf: 'csrf-1', body: { fault: 'cover-open' } });
    expect(await store.getState().setFault(null)).toBe(true);
    expect(log.at(-1)?.body).toEqual({ fault: null });
    expect(store.getState().faultError).toBeNull();
    expect(store.getState().faultBusy).toBeNull();
  });

  it('says so when the site has no simulated printer', async () => {
    const fetch = async (url: string) =>
      url === '/api/staff/me'
        ? new Response(JSON.stringify({ user: { id: 1, username: 'a', displayName: 'A', roles: ['admin'] }, needsSetup: false, csrfToken: 't' }))
        : new Response(JSON.stringify({ error: 'not_found', message: 'no simulated printer' }), { status: 404 });
    const store = createDevicesStore({ fetch });
    await store.getState().setFault('offline');
    expect(store.getState().faultError?.kind).toBe('not-simulated');
  });
});

describe('raster images', () => {
  it('decodes 1-bit rows padded to whole bytes, MSB = leftmost dot', () => {
    // 10 dots wide → 2 bytes a row; row 0: dots 0 and 9 black; row 1: dot 1 black
    const bits = new Uint8Array([0b1000_0000, 0b0100_0000, 0b0100_0000, 0b0000_0000]);
    const rgba = rasterToRgba(10, 2, bits);
    const black = (x: number, y: number) => rgba[(y * 10 + x) * 4 + 3] === 255;
    expect(rgba).toHaveLength(10 * 2 * 4);
    const dots = [];
    for (let y = 0; y < 2; y++) for (let x = 0; x < 10; x++) if (black(x, y)) dots.push(`${x},${y}`);
    expect(dots).toEqual(['0,0', '9,0', '1,1']);
    // black is opaque black, white is transparent (the paper shows through)
    expect([...rgba.slice(0, 4)]).toEqual([0, 0, 0, 255]);
    expect([...rgba.slice(4, 8)]).toEqual([0, 0, 0, 0]);
  });

  it('treats missing bytes as white and decodes base64', () => {
    expect(base64ToBytes('/wA=')).toEqual(new Uint8Array([255, 0]));
    const rgba = rasterToRgba(8, 3, new Uint8Array([0xff]));
    expect(rgba.filter((_, i) => i % 4 === 3 && rgba[i] === 255)).toHaveLength(8);
  });
});
