import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { IssuedTicket, PhoneTicket, QueueBoard, ServerMessage } from '../../../core/contract';
import { httpClient, startTestLobby, TEST_PUBLIC_BASE_URL, type TestLobby } from '../../helpers/lobby';

let t: TestLobby;
beforeAll(async () => {
  t = await startTestLobby({ siteWith: { publicBaseUrl: TEST_PUBLIC_BASE_URL } });
});
afterAll(async () => {
  await t.stop();
});

async function signInAdmin(http: ReturnType<typeof httpClient>) {
  const res = await http.post('/api/staff/setup', {
    setupCode: t.setupCode,
    username: 'chen',
    displayName: '陳主任',
    password: 'a-long-password',
  });
  expect(res.status).toBe(201);
  await http.refreshCsrf();
}

describe('kiosk → printer → counter → board, over real HTTP', () => {
  it('issues a ticket, prints it, and shows the number on the phone page', async () => {
    const http = httpClient(t.url, { kiosk: t.kioskToken });
    const res = await http.post<IssuedTicket>('/api/tickets', { serviceId: 'consult' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ number: 'A001', serviceId: 'consult', waitingAhead: 0, print: 'printed' });
    expect(res.body.phoneUrl).toMatch(new RegExp(`^${TEST_PUBLIC_BASE_URL}/phone/t/[A-Za-z0-9_-]{22}$`));

    const receipts = t.lobby.simulator!.receipts;
    const last = receipts[receipts.length - 1]!;
    const texts = last.items.filter((i) => i.kind === 'text').map((i) => (i as { text: string }).text);
    expect(texts).toContain('A001');
    expect(texts).toContain('臺灣臺東地方檢察署');
    expect(last.items.find((i) => i.kind === 'qr')).toMatchObject({ payload: res.body.phoneUrl });

    const token = res.body.phoneUrl!.split('/').pop()!;
    const phone = await http.get<PhoneTicket>(`/api/phone/t/${token}`);
    expect(phone.body).toMatchObject({ number: 'A001', status: 'waiting', ahead: 0 });
  });

  it('lets a signed-in counter call the next number, and the board snapshot shows it live', async () => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/live`);
    const messages: ServerMessage[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d)) as ServerMessage));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['queue.board'] }));
    await waitFor(() => messages.length >= 1);
    const first = messages[0] as { topic: string; version: number; data: QueueBoard };
    expect(first.topic).toBe('queue.board');

    const http = httpClient(t.url, { kiosk: t.kioskToken });
    await signInAdmin(http);
    const call = await http.post<{ call: { number: string; counterNumber: number } }>('/api/staff/counter/call-next', { counterId: 'c1' });
    expect(call.status).toBe(200);
    expect(call.body.call).toMatchObject({ number: 'A001', counterNumber: 1 });

    await waitFor(() => messages.some((m) => m.type === 'snapshot' && m.data && (m.data as QueueBoard).recentCalls?.length > 0));
    const latest = messages.filter((m) => m.type === 'snapshot').pop() as { version: number; data: QueueBoard };
    expect(latest.version).toBeGreaterThan(first.version);
    expect(latest.data.recentCalls[0]).toMatchObject({ number: 'A001', counterNumber: 1 });
    ws.close();
  });
});

describe('staff routes refuse what they should', () => {
  it('without a session: 401; with a forged CSRF token: 403; with the wrong role: 403', async () => {
    const anon = httpClient(t.url, { kiosk: t.kioskToken });
    expect((await anon.post('/api/staff/counter/call-next', { counterId: 'c1' })).status).toBe(401);

    const admin = httpClient(t.url, { kiosk: t.kioskToken });
    const login = await admin.post('/api/staff/login', { username: 'chen', password: 'a-long-password' });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    admin.setCsrf('forged');
    expect((await admin.post('/api/staff/counter/call-next', { counterId: 'c1' })).status).toBe(403);
    await admin.refreshCsrf();
    const created = await admin.post('/api/staff/users', { username: 'wu', displayName: '吳書記官', password: 'clerk-password', roles: ['clerk'] });
    expect(created.status).toBe(201);

    const clerk = httpClient(t.url, { kiosk: t.kioskToken });
    await clerk.post('/api/staff/login', { username: 'wu', password: 'clerk-password' });
    await clerk.refreshCsrf();
    const refused = await clerk.post<{ message: string }>('/api/staff/counter/call-next', { counterId: 'c1' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/counter/);

    const audit = await admin.get<{ entries: { action: string; actor: string; target: string }[] }>('/api/staff/audit');
    expect(audit.body.entries.find((e) => e.action === 'user.create')).toMatchObject({ actor: 'chen', target: 'user:wu' });
  });

  it('a second setup with the used code is refused', async () => {
    const http = httpClient(t.url, { kiosk: t.kioskToken });
    const res = await http.post('/api/staff/setup', { setupCode: t.setupCode, username: 'eve', displayName: 'E', password: 'a-long-password' });
    expect(res.status).toBe(403);
  });
});

describe('bad input gets a clear 4xx and the server keeps serving', () => {
  const cases: [string, () => Promise<{ status: number; body: unknown }>, number, RegExp][] = [
    ['unknown service', () => httpClient(t.url, { kiosk: t.kioskToken }).post('/api/tickets', { serviceId: 'nope' }), 404, /Unknown service/],
    ['missing field', () => httpClient(t.url, { kiosk: t.kioskToken }).post('/api/tickets', {}), 400, /serviceId/],
    ['wrong type', () => httpClient(t.url, { kiosk: t.kioskToken }).post('/api/tickets', { serviceId: 42 }), 400, /serviceId/],
    ['unexpected field', () => httpClient(t.url, { kiosk: t.kioskToken }).post('/api/tickets', { serviceId: 'consult', admin: true }), 400, /admin|Unrecognized/i],
    ['malformed JSON', () => httpClient(t.url, { kiosk: t.kioskToken }).post('/api/tickets', undefined, { raw: '{"serviceId": "consult"' }), 400, /not valid JSON/],
    ['oversize body', () => httpClient(t.url, { kiosk: t.kioskToken }).post('/api/tickets', undefined, { raw: JSON.stringify({ serviceId: 'x'.repeat(100_000) }) }), 413, /too large/],
    ['wrong content type', () => httpClient(t.url, { kiosk: t.kioskToken }).post('/api/tickets', undefined, { raw: 'serviceId=consult', contentType: 'text/plain' }), 415, /application\/json/],
    ['deep JSON', () => httpClient(t.url, { kiosk: t.kioskToken }).post('/api/tickets', undefined, { raw: '['.repeat(5000) + ']'.repeat(5000) }), 400, /./],
    ['bad phone token', () => httpClient(t.url, { kiosk: t.kioskToken }).get('/api/phone/t/..%2F..%2Fetc'), 400, /token/],
    ['unknown route', () => httpClient(t.url, { kiosk: t.kioskToken }).get('/api/nope'), 404, /No such route/],
  ];
  for (const [name, send, status, message] of cases) {
    it(`${name} → ${status}`, async () => {
      const before = await ticketCount();
      const res = await send();
      expect(res.status).toBe(status);
      expect((res.body as { message: string }).message).toMatch(message);
      expect(await ticketCount()).toBe(before);
      const health = await httpClient(t.url, { kiosk: t.kioskToken }).get<{ ok: boolean }>('/api/health');
      expect(health.body.ok).toBe(true);
    });
  }

  it('a hostile live message gets an error reply, not a crash', async () => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/live`);
    const messages: ServerMessage[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d)) as ServerMessage));
    await new Promise((r) => ws.once('open', r));
    ws.send('not json');
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['staff.secrets'] }));
    await waitFor(() => messages.length >= 2);
    expect(messages.every((m) => m.type === 'error')).toBe(true);
    ws.close();
  });
});

describe('pages', () => {
  it('serves every screen path with a CSP and no inline script', async () => {
    for (const path of ['/kiosk', '/calls', '/staff', '/devices', '/guide', '/phone/t/abc']) {
      const res = await fetch(t.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await res.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });
});

/** Read straight from the file the lobby writes: what is kept is what counts. */
async function ticketCount(): Promise<number> {
  const db = new Database(join(t.dataDir, 'lobby.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('sounds', () => {
  it('serves the chime and voice clips a call names', async () => {
    const res = await fetch(`${t.url}/sounds/voice/zh/qing.wav`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/audio\/(wav|wave|x-wav)/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(String.fromCharCode(...bytes.slice(0, 4))).toBe('RIFF');
    expect((await fetch(`${t.url}/sounds/../site.json`)).status).toBe(404);
  });
});
