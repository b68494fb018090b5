import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { TOPIC_ACCESS, TOPICS, type GuideResponse, type Topic } from '../../../core/contract';
import { PHONE_TICKET_LIMITS } from '../../../core/http/routes/public';
import { httpClient, startTestLobby, TEST_PUBLIC_BASE_URL, type TestLobby } from '../../helpers/lobby';
import { manualClock } from '../../../core/store/clock';

/** A fixture full of names and offences; none may leave the server on a public surface. */
const NAMES = ['王小明', '歐陽小華', '陳大文', '張三豐', '李四端', '林美華', '吳志明', 'John Smith'];
const OFFENCES = ['竊盜', '詐欺', '毒品危害防制條例'];
const CODES = ['A1B2C3', 'Q7W8E9'];
/** Staff account names (and the desk editor's display name): staff data, never public. */
const ACCOUNTS = ['chen.admin', 'clerk1', 'huang.meiling', '黃美玲'];
/** Secrets of the fixture, filled in as they are made: ticket, kiosk and session tokens. */
const TOKENS: string[] = [];

let t: TestLobby;
let ticketToken = '';
/**
 * This computer's LAN address: a socket or request from it is not loopback, as a kiosk or
 * a phone elsewhere on the LAN would be. Null on a machine with no LAN interface.
 */
const LAN_ADDRESS = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address ?? null;
/** The lobby on the LAN address: https when it serves the LAN over TLS (found in beforeAll), else http. */
let lanBase: string | null = null;
const lanUrl = () => lanBase;

/** GET over the LAN address; the lobby's own certificate is self-signed. */
function lanGet(path: string): Promise<{ status: number; body: string }> {
  const url = new URL(lanBase! + path);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
const sessionOf = (c: { headers(): Record<string, string> }) => (c.headers().cookie ?? '').replace(/^lobby_session=/, '');

beforeAll(async () => {
  // 10:00 in Taipei, so the day shift is on duty whatever time the test runs.
  // Open to the LAN (as a lobby serving phones is), so requests can come from a non-loopback address too.
  t = await startTestLobby({ clock: manualClock('2026-11-26T10:00:00+08:00'), logLevel: 'debug', host: '0.0.0.0', siteWith: { publicBaseUrl: TEST_PUBLIC_BASE_URL } });
  TOKENS.push(t.kioskToken);
  if (LAN_ADDRESS) {
    const plain = t.url.replace('127.0.0.1', LAN_ADDRESS);
    const probe = await fetch(`${plain}/api/health`, { redirect: 'manual' });
    lanBase = probe.status === 308 ? new URL(probe.headers.get('location')!).origin : plain;
  }
  const admin = httpClient(t.url, { kiosk: t.kioskToken });
  await admin.post('/api/staff/setup', { setupCode: t.setupCode, username: 'chen.admin', displayName: '系統管理員', password: 'a-long-password' });
  await admin.refreshCsrf();
  TOKENS.push(sessionOf(admin));
  await admin.post('/api/staff/users', { username: 'clerk1', displayName: '吳志明', password: 'staff-password', roles: ['clerk', 'bailiff'] });
  await admin.post('/api/staff/users', { username: 'huang.meiling', displayName: '黃美玲', password: 'staff-password', roles: ['desk'] });
  const clerk = httpClient(t.url, { kiosk: t.kioskToken });
  await clerk.post('/api/staff/login', { username: 'clerk1', password: 'staff-password' });
  await clerk.refreshCsrf();
  TOKENS.push(sessionOf(clerk));
  // The desk edits the FAQ: the guide now has a section "edited by" an account.
  const desk = httpClient(t.url);
  await desk.post('/api/staff/login', { username: 'huang.meiling', password: 'staff-password' });
  await desk.refreshCsrf();
  TOKENS.push(sessionOf(desk));
  const faq = (await desk.get<GuideResponse>('/api/guide')).body.content.faq;
  expect((await desk.put('/api/staff/guide/faq', { value: faq })).status).toBe(200);

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
  TOKENS.push(ticketToken);
  expect(TOKENS.every((x) => x.length >= 20)).toBe(true);
});
afterAll(async () => {
  await t.stop();
});

function assertClean(where: string, body: string): void {
  for (const secret of [...NAMES, ...OFFENCES, ...CODES, ...ACCOUNTS, ...TOKENS]) {
    expect(body.includes(secret), `${where} carries "${secret}"`).toBe(false);
  }
}

describe('no full name, offence, staff account or secret token on any public surface', () => {
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

  it('every live topic, subscribed anonymously: the public ones arrive clean, the others are refused', async () => {
    const topics = TOPICS.filter((k) => TOPIC_ACCESS[k] === 'public');
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/live`);
    const got = new Map<string, string>();
    const raw: string[] = [];
    ws.on('message', (d) => {
      raw.push(String(d));
      const m = JSON.parse(String(d)) as { type: string; topic: string };
      if (m.type === 'snapshot') got.set(m.topic, String(d));
    });
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'subscribe', topics: TOPICS }));
    const start = Date.now();
    while ((got.size < topics.length || !raw.some((m) => m.includes('"error"'))) && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 10));
    // A scan and a new ticket while subscribed: no kiosk.scan reaches this socket, and the receipt's token is cut out.
    const admin = httpClient(t.url);
    await admin.post('/api/staff/login', { username: 'chen.admin', password: 'a-long-password' });
    await admin.refreshCsrf();
    await admin.post('/api/devices/sim/scanner', { text: `${t.url}/phone/hearing?c=${encodeURIComponent('113年度偵字第1234號')}&v=A1B2C3` });
    const second = await httpClient(t.url, { kiosk: t.kioskToken }).post<{ phoneUrl: string }>('/api/tickets', { serviceId: 'consult' });
    const secondToken = second.body.phoneUrl.split('/').pop()!;
    TOKENS.push(secondToken);
    while (!raw.some((m) => m.includes('"devices.sim"') && m.includes('A002')) && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 300));
    ws.close();
    expect([...got.keys()].sort()).toEqual([...topics].sort());
    const errors = raw.filter((m) => m.includes('"error"')).join('\n');
    for (const topic of TOPICS.filter((k) => TOPIC_ACCESS[k] !== 'public')) expect(errors).toContain(topic);
    expect(raw.some((m) => m.includes('"snapshot"') && m.includes('"kiosk.scan"'))).toBe(false);
    for (const body of raw) assertClean('the anonymous socket', body);
    // The simulated printer printed the real link; the public panel shows the receipt with the token cut out.
    expect(t.lobby.simulator!.receipts.some((r) => JSON.stringify(r.items).includes(secondToken))).toBe(true);
    const sim = JSON.parse([...raw].reverse().find((m) => m.includes('"devices.sim"') && m.includes('A002'))!) as {
      data: { printer: { receipts: { items: { kind: string; payload?: string }[] }[] } };
    };
    const payloads = sim.data.printer.receipts.flatMap((r) => r.items.filter((i) => i.kind === 'qr').map((i) => i.payload));
    expect(payloads.length).toBeGreaterThanOrEqual(2);
    for (const p of payloads) expect(p).toBe(`${TEST_PUBLIC_BASE_URL}/phone/t/REDACTED`);
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

  it('the printed ticket (its own phone link is the one secret it carries)', () => {
    for (const r of t.lobby.simulator!.receipts) {
      const token = TOKENS.find((x) => JSON.stringify(r.items).includes(x));
      assertClean('a ticket', JSON.stringify(r.items).replace(token ?? '\u0000', ''));
    }
  });

  it('the guide says a section was edited, and only staff see by whom', async () => {
    const pub = (await fetch(`${t.url}/api/guide`).then((r) => r.json())) as GuideResponse;
    expect(pub.edited).toEqual([{ section: 'faq', at: expect.any(String) }]);
    const desk = httpClient(t.url);
    await desk.post('/api/staff/login', { username: 'huang.meiling', password: 'staff-password' });
    const staff = await desk.get<GuideResponse>('/api/staff/guide');
    expect(staff.body.edited).toEqual([{ section: 'faq', at: pub.edited[0]!.at, by: 'huang.meiling' }]);
    expect((await fetch(`${t.url}/api/staff/guide`)).status).toBe(401);
  });
});

describe('the kiosk scanner', () => {
  /** A live socket on `base` that keeps every kiosk.scan snapshot and every error. */
  async function scanSocket(base: string, opts: { cookie?: string; credential?: string } = {}) {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/live`, { rejectUnauthorized: false, ...(opts.cookie ? { headers: { cookie: opts.cookie } } : {}) });
    const scans: { seq: number; result: { courtroom: { id: string }; state: string } | null; error: string | null }[] = [];
    const errors: string[] = [];
    const raw: string[] = [];
    ws.on('message', (d) => {
      raw.push(String(d));
      const m = JSON.parse(String(d)) as { type: string; topic: string; data: (typeof scans)[number]; message: string };
      if (m.type === 'snapshot' && m.topic === 'kiosk.scan') scans.push(m.data);
      if (m.type === 'error') errors.push(m.message);
    });
    await new Promise((r) => ws.once('open', r));
    if (opts.credential) ws.send(JSON.stringify({ type: 'kiosk', credential: opts.credential }));
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['kiosk.scan'] }));
    return { ws, scans, errors, raw };
  }

  it('a scanned summons reaches only the kiosks on the lobby computer, masked; a stranger code finds nothing', async () => {
    const admin = httpClient(t.url);
    await admin.post('/api/staff/login', { username: 'chen.admin', password: 'a-long-password' });
    await admin.refreshCsrf();
    // The lobby PC's kiosks: a provisioned browser (its cookie) and the Electron window (its credential said on the socket).
    const browserKiosk = await scanSocket(t.url, { cookie: `lobby_kiosk=${t.kioskToken}` });
    const windowKiosk = await scanSocket(t.url, { credential: t.lobby.kioskCredential! });
    // Not kiosks here: a passer-by's socket, a signed-in admin's, a made-up credential, and a kiosk elsewhere on the LAN.
    const anon = await scanSocket(t.url);
    const staff = await scanSocket(t.url, { cookie: admin.headers().cookie! });
    const fake = await scanSocket(t.url, { credential: 'made-up-credential' });
    const lan = lanUrl();
    const lanKiosk = lan ? await scanSocket(lan, { cookie: `lobby_kiosk=${t.kioskToken}` }) : null;
    if (!lan) console.log('kiosk on another LAN computer: not checked, this machine has no non-loopback IPv4 address');

    const url = `${t.url}/phone/hearing?c=${encodeURIComponent('113年度偵字第1234號')}&v=A1B2C3`;
    expect((await admin.post('/api/devices/sim/scanner', { text: url })).status).toBe(200);
    const start = Date.now();
    const lobbyKiosks = [browserKiosk, windowKiosk];
    while (!lobbyKiosks.every((k) => k.scans.some((s) => s.result)) && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 10));
    for (const k of lobbyKiosks) expect(k.scans.at(-1)!.result).toMatchObject({ courtroom: { id: 'r1' }, state: 'in_session' });
    await admin.post('/api/devices/sim/scanner', { text: '113年度偵字第1234號|WRONG1' });
    while (!lobbyKiosks.every((k) => k.scans.at(-1)!.error) && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 10));
    for (const k of lobbyKiosks) {
      expect(k.scans.at(-1)!.error).toMatch(/No hearing matches/);
      for (const s of k.scans) assertClean('kiosk.scan', JSON.stringify(s));
    }
    await new Promise((r) => setTimeout(r, 200));
    for (const other of [anon, staff, fake, ...(lanKiosk ? [lanKiosk] : [])]) {
      expect(other.scans).toEqual([]);
      expect(other.errors.join(' ')).toContain('Only a kiosk on the lobby computer may follow: kiosk.scan');
      for (const body of other.raw) assertClean('a refused socket', body);
    }
    expect(fake.errors).toContain('This kiosk credential is not valid.');
    for (const s of [...lobbyKiosks, anon, staff, fake, ...(lanKiosk ? [lanKiosk] : [])]) s.ws.close();
  });
});

describe('phone-token look-ups are limited per address', () => {
  const { missesPerAddress } = PHONE_TICKET_LIMITS;
  const guess = (i: number) => `guess${String(i).padStart(17, '0')}`;

  it('a phone following its own ticket, or left open on a lost one, is never refused', async () => {
    for (let i = 0; i < 3 * missesPerAddress; i++) {
      expect((await fetch(`${t.url}/api/phone/t/${ticketToken}`)).status).toBe(200);
      // The same unknown token asked again and again is one guess, not many.
      expect((await fetch(`${t.url}/api/phone/t/${guess(999)}`)).status).toBe(404);
    }
  });

  it(`guessing: ${missesPerAddress} unknown tokens per address, then 429 (bilingual) for every look-up, the real ticket too`, async () => {
    const lan = lanUrl();
    if (!lan) console.log('guesses from loopback: this machine has no non-loopback IPv4 address to guess from');
    const get = async (path: string) => {
      if (lan) return lanGet(path);
      const res = await fetch(t.url + path);
      return { status: res.status, body: await res.text() };
    };
    const statuses: number[] = [];
    let refusal: { message?: string } = {};
    for (let i = 0; i < 200; i++) {
      const res = await get(`/api/phone/t/${guess(i)}`);
      statuses.push(res.status);
      if (res.status === 429) refusal = JSON.parse(res.body) as { message?: string };
    }
    // Only the first misses get an answer; the rest learn nothing.
    expect(statuses.slice(0, missesPerAddress).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(missesPerAddress).every((s) => s === 429)).toBe(true);
    expect(refusal.message).toMatch(/^查詢次數過多.* \/ Too many ticket look-ups/);
    // Past the budget, a real token answers 429 like any other: a guess that hits is not told so.
    expect((await get(`/api/phone/t/${ticketToken}`)).status).toBe(429);
    // Per address: phones elsewhere still follow their tickets.
    if (lan) expect((await fetch(`${t.url}/api/phone/t/${ticketToken}`)).status).toBe(200);
  });
});
