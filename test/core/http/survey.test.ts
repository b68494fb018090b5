import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ROUTES, type RatingPrompts, type ServerMessage, type StatsReport } from '../../../core/contract';
import { KIOSK_RATINGS_PER_MINUTE } from '../../../core/http/kiosk-auth';
import { httpClient, startTestLobby, type HttpClient, type TestLobby } from '../../helpers/lobby';

let t: TestLobby;
let admin: HttpClient;

beforeAll(async () => {
  t = await startTestLobby();
  admin = httpClient(t.url, { kiosk: t.kioskToken });
  await admin.post('/api/staff/setup', { setupCode: t.setupCode, username: 'admin', displayName: 'Admin', password: 'a-long-password' });
  await admin.refreshCsrf();
});
afterAll(async () => {
  await t.stop();
});

/** A browser made a counter's rating tablet the way an installer does: the admin's one-time link, opened on it. */
async function provisionTablet(counterId: string): Promise<string> {
  const link = await admin.post<{ url: string }>(ROUTES.provisionKiosk.path, { purpose: `rating:${counterId}` });
  expect(link.status, JSON.stringify(link.body)).toBe(200);
  const opened = await fetch(link.body.url.replace(/^https?:\/\/[^/]+/, t.url), { redirect: 'manual' });
  expect(opened.status).toBe(303);
  expect(opened.headers.get('location')).toBe(`/rate/${counterId}`);
  return /lobby_kiosk=([^;]+)/.exec(opened.headers.get('set-cookie') ?? '')![1]!;
}

function follow(headers: Record<string, string> = {}) {
  const ws = new WebSocket(`${t.url.replace('http', 'ws')}/live`, { headers });
  const state: { prompts: RatingPrompts | null; errors: string[] } = { prompts: null, errors: [] };
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as ServerMessage;
    if (m.type === 'snapshot' && m.topic === 'rating.prompts') state.prompts = m.data;
    if (m.type === 'error') state.errors.push(m.message);
  });
  const open = new Promise((r) => ws.once('open', r)).then(() => ws.send(JSON.stringify({ type: 'subscribe', topics: ['rating.prompts'] })));
  return { ws, state, open };
}

async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('instant rating over HTTP', () => {
  it("only counter c1's tablet answers c1's prompt: the prompts are not public, a phone with the id is refused, another counter's tablet too; one tap rates once; staff see it", async () => {
    const c1Token = await provisionTablet('c1');
    const c2Token = await provisionTablet('c2');
    expect((await admin.post(ROUTES.provisionKiosk.path, { purpose: 'rating:nope' })).status).toBe(404);
    const tabletSocket = follow({ cookie: `lobby_kiosk=${c1Token}` });
    const phoneSocket = follow();
    await Promise.all([tabletSocket.open, phoneSocket.open]);
    await until(() => phoneSocket.state.errors.length > 0);
    expect(phoneSocket.state.errors).toEqual(["Only a counter's rating tablet may follow: rating.prompts"]);

    await admin.post('/api/tickets', { serviceId: 'consult' });
    await admin.post('/api/staff/counter/action', { action: 'next', counterId: 'c1' });
    await admin.post('/api/staff/counter/action', { action: 'finish', counterId: 'c1' });
    const open = () => tabletSocket.state.prompts?.counters.find((c) => c.counterId === 'c1')?.prompt ?? null;
    await until(() => open() !== null);
    const prompt = open()!;
    expect(prompt.serviceId).toBe('consult');
    expect(phoneSocket.state.prompts).toBeNull();

    // A phone that learnt the id anyway, a ticket kiosk, and c2's tablet: refused; c1's tablet still rates.
    const phone = httpClient(t.url);
    const body = { promptId: prompt.id, score: 1, reasons: [] };
    expect((await phone.post(ROUTES.rateCounter.path, body)).status).toBe(401);
    expect((await httpClient(t.url, { kiosk: t.kioskToken }).post(ROUTES.rateCounter.path, body)).status).toBe(401);
    expect((await httpClient(t.url, { kiosk: c2Token }).post(ROUTES.rateCounter.path, body)).status).toBe(403);
    const tablet = httpClient(t.url, { kiosk: c1Token });
    expect((await tablet.post(ROUTES.rateCounter.path, { promptId: prompt.id, score: 5, reasons: ['friendly'] })).status).toBe(201);
    expect((await tablet.post(ROUTES.rateCounter.path, { promptId: prompt.id, score: 1, reasons: [] })).status).toBe(409);
    expect((await tablet.post(ROUTES.rateCounter.path, { promptId: prompt.id, score: 9, reasons: [] })).status).toBe(400);
    // A rating tablet is no ticket kiosk.
    expect((await tablet.post('/api/tickets', { serviceId: 'consult' })).status).toBe(401);
    expect((await tablet.post(ROUTES.rateAtKiosk.path, { serviceId: 'consult', score: 4 })).status).toBe(401);
    expect((await phone.post(ROUTES.rateAtKiosk.path, { serviceId: 'consult', score: 4 })).status).toBe(401);
    expect((await admin.post(ROUTES.rateAtKiosk.path, { serviceId: 'consult', score: 4 })).status).toBe(201);
    tabletSocket.ws.close();
    phoneSocket.ws.close();

    const today = (await admin.get<{ time: string }>('/api/health')).body.time.slice(0, 10);
    const report = await admin.get<StatsReport>(`/api/staff/stats?from=${today}&to=${today}`);
    expect(report.status).toBe(200);
    expect(report.body.totals).toMatchObject({ tickets: 1, served: 1, ratings: 2, averageScore: 4.5 });
    const csv = await fetch(`${t.url}/api/staff/stats.csv?from=${today}&to=${today}`, { headers: admin.headers() });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="lobby-stats-/);
    expect(await csv.text()).toMatch(/為民服務中心諮詢 Public Service Center Enquiries,1,0,/);
    expect((await admin.get(`/api/staff/stats?from=${today}&to=2020-01-01`)).status).toBe(400);
    expect((await httpClient(t.url).get(`/api/staff/stats?from=${today}&to=${today}`)).status).toBe(401);
  });

  it("a kiosk's ratings spend their own budget: a burst of one-star ratings is cut off, and the kiosk still issues tickets", async () => {
    const kiosk = httpClient(t.url, { kiosk: t.lobby.issueKioskCredential('rating burst kiosk') });
    const statuses: number[] = [];
    for (let i = 0; i < KIOSK_RATINGS_PER_MINUTE + 10; i++) statuses.push((await kiosk.post(ROUTES.rateAtKiosk.path, { serviceId: 'consult', score: 1 })).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(KIOSK_RATINGS_PER_MINUTE);
    expect(statuses.slice(KIOSK_RATINGS_PER_MINUTE).every((s) => s === 429)).toBe(true);
    expect((await kiosk.post('/api/tickets', { serviceId: 'consult' })).status).toBe(201);
  });
});
