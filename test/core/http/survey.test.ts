import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RatingPrompts, ServerMessage, StatsReport } from '../../../core/contract';
import { httpClient, startTestLobby, type TestLobby } from '../../helpers/lobby';

let t: TestLobby;
let admin: ReturnType<typeof httpClient>;

beforeAll(async () => {
  t = await startTestLobby();
  admin = httpClient(t.url, { kiosk: t.kioskToken });
  await admin.post('/api/staff/setup', { setupCode: t.setupCode, username: 'admin', displayName: 'Admin', password: 'a-long-password' });
  await admin.refreshCsrf();
});
afterAll(async () => {
  await t.stop();
});

describe('instant rating over HTTP', () => {
  it('a finished ticket opens a prompt on that counter\'s tablet; one tap rates it once; staff see it in the statistics and the CSV', async () => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/live`);
    let prompts: RatingPrompts | null = null;
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as ServerMessage;
      if (m.type === 'snapshot' && m.topic === 'rating.prompts') prompts = m.data;
    });
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['rating.prompts'] }));
    await admin.post('/api/tickets', { serviceId: 'consult' });
    await admin.post('/api/staff/counter/action', { action: 'next', counterId: 'c1' });
    await admin.post('/api/staff/counter/action', { action: 'finish', counterId: 'c1' });
    const start = Date.now();
    const open = () => (prompts as RatingPrompts | null)?.counters.find((c) => c.counterId === 'c1')?.prompt ?? null;
    while (!open() && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 10));
    const prompt = open()!;
    expect(prompt.serviceId).toBe('consult');

    const tablet = httpClient(t.url);
    expect((await tablet.post('/api/ratings/counter', { promptId: prompt.id, score: 5, reasons: ['friendly'] })).status).toBe(201);
    expect((await tablet.post('/api/ratings/counter', { promptId: prompt.id, score: 1, reasons: [] })).status).toBe(409);
    expect((await tablet.post('/api/ratings/counter', { promptId: prompt.id, score: 9, reasons: [] })).status).toBe(400);
    expect((await tablet.post('/api/ratings/kiosk', { serviceId: 'consult', score: 4 })).status).toBe(401);
    expect((await admin.post('/api/ratings/kiosk', { serviceId: 'consult', score: 4 })).status).toBe(201);
    ws.close();

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
});
