import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPIC_ACCESS, type Topic } from '../../../core/contract';
import { httpClient, startTestLobby, TEST_PUBLIC_BASE_URL, type TestLobby } from '../../helpers/lobby';
import { manualClock } from '../../../core/store/clock';

/** A fixture full of names and offences; none may leave the server on a public surface. */
const NAMES = ['王小明', '歐陽小華', '陳大文', '張三豐', '李四端', '林美華', '吳志明', 'John Smith'];
const OFFENCES = ['竊盜', '詐欺', '毒品危害防制條例'];
const CODES = ['A1B2C3', 'Q7W8E9'];

let t: TestLobby;
let ticketToken = '';

beforeAll(async () => {
  // 10:00 in Taipei, so the day shift is on duty whatever time the test runs.
  t = await startTestLobby({ clock: manualClock('2026-11-26T10:00:00+08:00'), logLevel: 'debug', siteWith: { publicBaseUrl: TEST_PUBLIC_BASE_URL } });
  const admin = httpClient(t.url, { kiosk: t.kioskToken });
  await admin.post('/api/staff/setup', { setupCode: t.setupCode, username: 'admin', displayName: '系統管理員', password: 'a-long-password' });
  await admin.refreshCsrf();
  await admin.post('/api/staff/users', { username: 'clerk1', displayName: '吳志明', password: 'staff-password', roles: ['clerk', 'bailiff'] });
  const clerk = httpClient(t.url, { kiosk: t.kioskToken });
  await clerk.post('/api/staff/login', { username: 'clerk1', password: 'staff-password' });
  await clerk.refreshCsrf();

  const base = { date: '', time: '09:30', courtroomId: 'r1', division: '信', prosecutor: '林美華' };
  const today = (await httpClient(t.url, { kiosk: t.kioskToken }).get<{ time: string }>('/api/health')).body.time.slice(0, 10);
  const h1 = await clerk.post<{ hearing: { id: number } }>('/api/staff/hearings', {
    ...base,
    date: today,
    caseNumber: '113年度偵字第1234號',
    persons: [
      { name: '王小明', role: 'defendant', code: 'A1B2C3' },
      { name: '歐陽小華', role: 'witness' },
      { name: 'John Smith', role: 'witness' },
    ],
  });
  expect(h1.status).toBe(201);
  await clerk.post('/api/staff/hearings', { ...base, date: today, time: '10:00', caseNumber: '113年度偵字第2222號', persons: [{ name: '陳大文', role: 'defendant', code: 'Q7W8E9' }] });
  await clerk.post(`/api/staff/hearings/${h1.body.hearing.id}/state`, { to: 'in_session' });
  for (const [name, offence] of [['張三豐', '竊盜'], ['李四端', '詐欺'], ['王小明', '毒品危害防制條例']]) {
    const d = await clerk.post('/api/staff/detainees', { name, broughtAt: '08:15', agency: '臺東縣警察局臺東分局', offence });
    expect(d.status).toBe(201);
  }
  const roster = await clerk.put(`/api/staff/roster/${today}`, {
    entries: [
      { shiftId: 'day', roleId: 'prosecutor', name: '林美華' },
      { shiftId: 'night', roleId: 'bailiff', name: '吳志明' },
      { shiftId: 'day', roleId: 'clerk', name: '吳志明' },
    ],
  });
  expect(roster.status).toBe(200);
  const ticket = await httpClient(t.url, { kiosk: t.kioskToken }).post<{ phoneUrl: string }>('/api/tickets', { serviceId: 'consult' });
  ticketToken = ticket.body.phoneUrl.split('/').pop()!;
});
afterAll(async () => {
  await t.stop();
});

function assertClean(where: string, body: string): void {
  for (const secret of [...NAMES, ...OFFENCES, ...CODES]) {
    expect(body.includes(secret), `${where} carries "${secret}"`).toBe(false);
  }
}

describe('no full name and no offence on any public surface', () => {
  it('every public GET route', async () => {
    const routes = t.lobby.app.lobbyRoutes.filter((r) => r.method === 'GET' && !r.url.startsWith('/api/staff') && r.url !== '/live');
    expect(routes.length).toBeGreaterThan(10);
    const walked: string[] = [];
    for (const r of routes) {
      if (r.url.startsWith('/assets/') || r.url.startsWith('/sounds/')) continue;
      const url = r.url
        .replace(':token', ticketToken)
        .replace(/\*$/, 'r1')
        .concat(r.url === '/api/phone/hearing' ? `?c=${encodeURIComponent('113年度偵字第1234號')}&v=A1B2C3` : '');
      const res = await fetch(t.url + url);
      const body = await res.text();
      assertClean(`GET ${url}`, body);
      walked.push(`${url} ${res.status}`);
    }
    // The look-ups that must succeed did, so their bodies were really checked.
    expect(walked).toContain(`/api/phone/t/${ticketToken} 200`);
    expect(walked.find((w) => w.startsWith('/api/phone/hearing'))).toMatch(/ 200$/);
  });

  it('every public live topic', async () => {
    const topics = (Object.keys(TOPIC_ACCESS) as Topic[]).filter((k) => TOPIC_ACCESS[k] === 'public');
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/live`);
    const got = new Map<string, string>();
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as { type: string; topic: string };
      if (m.type === 'snapshot') got.set(m.topic, String(d));
    });
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'subscribe', topics }));
    const start = Date.now();
    while (got.size < topics.length && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 10));
    ws.close();
    expect([...got.keys()].sort()).toEqual([...topics].sort());
    for (const [topic, body] of got) assertClean(`topic ${topic}`, body);
    // The boards really had the people in them, masked.
    expect(got.get('hearings.board')).toContain('王○明');
    expect(got.get('hearings.board')).toContain('J. S.');
    expect(got.get('detainees.board')).toContain('張○豐');
    expect(got.get('detainees.board')).toContain('林○華');
  });

  it('the log files', async () => {
    // Requests that carry a case number and a summons code in the query string.
    await fetch(`${t.url}/api/phone/hearing?c=${encodeURIComponent('113年度偵字第1234號')}&v=A1B2C3`);
    await fetch(`${t.url}/api/phone/hearing?c=bad&v=${encodeURIComponent('王小明')}`);
    // The file stream writes asynchronously; give it a moment.
    await new Promise((r) => setTimeout(r, 300));
    const dir = join(t.dataDir, 'logs');
    const text = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    // Request lines are on at debug level: the look-ups above were logged, by path only.
    expect(text).toContain('"path":"/api/phone/hearing"');
    assertClean('the log', text);
  });

  it('the printed ticket', () => {
    for (const r of t.lobby.simulator!.receipts) assertClean('a ticket', JSON.stringify(r.items));
  });
});

describe('the kiosk scanner', () => {
  it('a scanned summons shows its room and progress on the kiosk topic, masked; a stranger code finds nothing', async () => {
    const admin = httpClient(t.url);
    await admin.post('/api/staff/login', { username: 'admin', password: 'a-long-password' });
    await admin.refreshCsrf();
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/live`);
    const scans: { seq: number; result: { courtroom: { id: string }; state: string } | null; error: string | null }[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as { type: string; topic: string; data: (typeof scans)[number] };
      if (m.type === 'snapshot' && m.topic === 'kiosk.scan') scans.push(m.data);
    });
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['kiosk.scan'] }));
    const url = `${t.url}/phone/hearing?c=${encodeURIComponent('113年度偵字第1234號')}&v=A1B2C3`;
    expect((await admin.post('/api/devices/sim/scanner', { text: url })).status).toBe(200);
    const start = Date.now();
    while (!scans.some((s) => s.result) && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 10));
    expect(scans.at(-1)!.result).toMatchObject({ courtroom: { id: 'r1' }, state: 'in_session' });
    await admin.post('/api/devices/sim/scanner', { text: '113年度偵字第1234號|WRONG1' });
    while (!scans.at(-1)!.error && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 10));
    expect(scans.at(-1)!.error).toMatch(/No hearing matches/);
    for (const s of scans) assertClean('kiosk.scan', JSON.stringify(s));
    ws.close();
  });
});
