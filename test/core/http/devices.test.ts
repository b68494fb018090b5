import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { DevicesHealth, KioskStatus, ServerMessage } from '../../../core/contract';
import { httpClient, startTestLobby, type TestLobby } from '../../helpers/lobby';

let t: TestLobby;
let admin: ReturnType<typeof httpClient>;

beforeAll(async () => {
  t = await startTestLobby({ printerPollMs: 100, printQueue: { timeoutMs: 1500, retries: 1, retryDelayMs: 50 } });
  admin = httpClient(t.url, { kiosk: t.kioskToken });
  expect((await admin.post('/api/staff/setup', { setupCode: t.setupCode, username: 'chen', displayName: '陳主任', password: 'a-long-password' })).status).toBe(201);
  await admin.refreshCsrf();
});
afterAll(async () => {
  await t.stop();
});

/** A live socket that remembers the latest snapshot per topic. */
async function live(topics: string[], cookie?: string) {
  const ws = new WebSocket(`${t.url.replace('http', 'ws')}/live`, cookie ? { headers: { cookie } } : {});
  const latest = new Map<string, unknown>();
  const errors: string[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as ServerMessage;
    if (m.type === 'snapshot') latest.set(m.topic, m.data);
    if (m.type === 'error') errors.push(m.message);
  });
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ type: 'subscribe', topics }));
  return { ws, latest, errors };
}

async function until<T>(get: () => T | undefined, ok: (v: T) => boolean, ms = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = get();
    if (v !== undefined && ok(v)) return v;
    if (Date.now() - start > ms) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('printer faults reach the kiosk and staff', () => {
  it('paper end pauses issuing (503 with the bilingual notice), clearing resumes it', async () => {
    const kiosk = await live(['kiosk.status']);
    await until(() => kiosk.latest.get('kiosk.status') as KioskStatus, (s) => s.canIssue);

    expect((await admin.post('/api/devices/sim/printer/fault', { fault: 'paper-end' })).status).toBe(200);
    const started = Date.now();
    await until(() => kiosk.latest.get('kiosk.status') as KioskStatus, (s) => !s.canIssue);
    expect(Date.now() - started).toBeLessThan(1000);
    const refused = await httpClient(t.url, { kiosk: t.kioskToken }).post<{ message: string }>('/api/tickets', { serviceId: 'consult' });
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(/請洽服務台 \/ .*information desk/);

    await admin.post('/api/devices/sim/printer/fault', { fault: null });
    await until(() => kiosk.latest.get('kiosk.status') as KioskStatus, (s) => s.canIssue);
    expect((await httpClient(t.url, { kiosk: t.kioskToken }).post('/api/tickets', { serviceId: 'consult' })).status).toBe(201);
    kiosk.ws.close();
  });

  it('paper near end keeps issuing and warns staff on the health topic', async () => {
    const login = await fetch(`${t.url}/api/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'chen', password: 'a-long-password' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const staff = await live(['devices.health'], cookie);
    await admin.post('/api/devices/sim/printer/fault', { fault: 'paper-near-end' });
    const health = await until(() => staff.latest.get('devices.health') as DevicesHealth, (h) => h.devices[0]?.state === 'paper-near-end');
    expect(health.devices[0]).toMatchObject({ kind: 'printer', alert: 'warning', statusReadable: true });
    // Every device is listed: the signs, the keypad line, the counter displays, the scanner.
    expect(health.devices.map((d) => d.kind)).toEqual(expect.arrayContaining(['printer', 'sign', 'keypad', 'counter-display', 'scanner']));
    expect(health.devices.find((d) => d.kind === 'keypad')).toMatchObject({ state: 'online', link: 'open', alert: null });
    const res = await httpClient(t.url, { kiosk: t.kioskToken }).post<{ print: string }>('/api/tickets', { serviceId: 'bail' });
    expect(res.status).toBe(201);
    expect(res.body.print).toBe('printed');
    await admin.post('/api/devices/sim/printer/fault', { fault: null });
    await until(() => staff.latest.get('devices.health') as DevicesHealth, (h) => h.devices[0]?.alert === null);
    staff.ws.close();
  });

  it('the health topic is for signed-in staff only', async () => {
    const anon = await live(['devices.health']);
    await until(() => anon.errors[0], (e) => e.length > 0);
    expect(anon.errors[0]).toMatch(/Sign in/);
    expect(anon.latest.has('devices.health')).toBe(false);
    anon.ws.close();
  });

  it('only an admin may inject simulator faults, and it is audited', async () => {
    expect((await httpClient(t.url, { kiosk: t.kioskToken }).post('/api/devices/sim/printer/fault', { fault: 'paper-end' })).status).toBe(401);
    const bad = await admin.post<{ message: string }>('/api/devices/sim/printer/fault', { fault: 'on-fire' });
    expect(bad.status).toBe(400);
    const audit = await admin.get<{ entries: { action: string; detail: string }[] }>('/api/staff/audit');
    expect(audit.body.entries.filter((e) => e.action === 'device.sim-fault').length).toBeGreaterThanOrEqual(2);
  });
});

describe('reprint', () => {
  it('staff reprint today\'s ticket by number; the simulator receives the same number again', async () => {
    const issued = await httpClient(t.url, { kiosk: t.kioskToken }).post<{ number: string }>('/api/tickets', { serviceId: 'documents' });
    const before = t.lobby.simulator!.receipts.length;
    const res = await admin.post<{ job: { status: string; kind: string; ticketNumber: string } }>('/api/staff/tickets/reprint', { number: issued.body.number });
    expect(res.status).toBe(200);
    expect(res.body.job).toMatchObject({ kind: 'reprint', status: 'printed', ticketNumber: issued.body.number });
    const receipts = t.lobby.simulator!.receipts;
    expect(receipts.length).toBe(before + 1);
    expect(receipts.at(-1)!.items.some((i) => i.kind === 'text' && i.text === issued.body.number)).toBe(true);
  });

  it('refuses an unknown number and a malformed one', async () => {
    expect((await admin.post('/api/staff/tickets/reprint', { number: 'Z999' })).status).toBe(404);
    expect((await admin.post('/api/staff/tickets/reprint', { number: 'A1' })).status).toBe(400);
    expect((await httpClient(t.url, { kiosk: t.kioskToken }).post('/api/staff/tickets/reprint', { number: 'A001' })).status).toBe(401);
  });
});

describe('caller keypad and counter display', () => {
  it('a key press on the simulated keypad calls like the console; the counter display and the keypad show the number', async () => {
    const issued = await httpClient(t.url, { kiosk: t.kioskToken }).post<{ number: string }>('/api/tickets', { serviceId: 'witness-fees' });
    expect(issued.status).toBe(201);
    // Counter 3 serves bail, witness fees, documents; earlier tests left tickets in some lines, so call until ours.
    let shown = '';
    for (let i = 0; i < 10 && shown !== issued.body.number; i++) {
      expect((await admin.post('/api/devices/sim/keypad', { address: 3, key: 'NEXT' })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 30));
      shown = t.lobby.simPanel.snapshot().counterDisplays.shown.find((d) => d.address === 3)?.text ?? '';
    }
    expect(shown).toBe(issued.body.number);
    const sim = t.lobby.simPanel.snapshot();
    expect(sim.keypads.shown).toContainEqual({ address: 3, text: issued.body.number });
    const board = await new Promise<{ recentCalls: { number: string; counterNumber: number }[] }>((resolve) => {
      const ws = new WebSocket(`${t.url.replace('http', 'ws')}/live`);
      ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', topics: ['queue.board'] })));
      ws.on('message', (d) => {
        resolve((JSON.parse(String(d)) as { data: { recentCalls: { number: string; counterNumber: number }[] } }).data);
        ws.close();
      });
    });
    expect(board.recentCalls[0]).toMatchObject({ number: issued.body.number, counterNumber: 3 });
  });

  it('a keypad with no counter gets ERR on its display; bad presses are refused', async () => {
    expect((await admin.post('/api/devices/sim/keypad', { address: 42, key: 'NEXT' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 30));
    expect(t.lobby.simPanel.snapshot().keypads.shown).toContainEqual({ address: 42, text: 'ERR' });
    expect((await admin.post('/api/devices/sim/keypad', { address: 3, key: 'EXPLODE' })).status).toBe(400);
    expect((await httpClient(t.url, { kiosk: t.kioskToken }).post('/api/devices/sim/keypad', { address: 3, key: 'NEXT' })).status).toBe(401);
  });
});
