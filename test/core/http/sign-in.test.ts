import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf, ROUTES } from '../../../core/contract';
import { createFirstAdmin, httpClient, startTestLobby, type HttpClient, type TestLobby } from '../../helpers/lobby';
import { rawRequest } from '../../helpers/raw-http';

// The lobby does not trust forwarded headers (trustProxy off): req.ip is the socket's
// address. A second device is a client socket bound to 127.0.0.2 (all of 127/8 is local).
const PHONE = '127.0.0.2';
const COUNTER_PC = '127.0.0.3';

let t: TestLobby;
let admin: HttpClient;

beforeAll(async () => {
  t = await startTestLobby();
  admin = await createFirstAdmin(t, { username: 'admin', displayName: 'Admin', password: 'a-long-password' });
  await admin.post(ROUTES.createUser.path, { username: 'clerk1', displayName: 'Clerk', password: 'clerk-password', roles: ['clerk'] });
});
afterAll(async () => {
  await t.stop();
});

const signIn = (username: string, password: string, from: string) =>
  rawRequest(`${t.url}${ROUTES.login.path}`, { method: 'POST', body: JSON.stringify({ username, password }), localAddress: from });

describe('sign-in an outsider cannot turn against staff', () => {
  it('50 wrong passwords for admin from one address do not stop admin signing in from another', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await signIn('admin', `guess-${i}`, PHONE)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    // After that the phone waits (429 with Retry-After) instead of guessing on.
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    const blocked = await signIn('admin', 'a-long-password', PHONE);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);

    const fromCounter = await signIn('admin', 'a-long-password', COUNTER_PC);
    expect(fromCounter.status, fromCounter.body).toBe(200);
    expect(fromCounter.headers['set-cookie']?.[0]).toMatch(/^lobby_session=/);

    const audit = await admin.get<{ entries: { action: string; target: string; detail: string }[] }>(ROUTES.listAudit.path);
    const throttled = audit.body.entries.find((e) => e.action === 'login.throttled');
    expect(throttled).toMatchObject({ target: 'user:admin' });
    expect(JSON.parse(throttled!.detail)).toMatchObject({ address: PHONE, scope: 'pair' });
  });

  it('an unknown username and a known one get byte-identical answers, wrong or throttled', async () => {
    const known: string[] = [];
    const unknown: string[] = [];
    const from = '127.0.0.4';
    for (let i = 0; i < 7; i++) {
      const k = await signIn('clerk1', `wrong-${i}`, from);
      const u = await signIn('nobody-here', `wrong-${i}`, from);
      known.push(`${k.status} ${k.body}`);
      unknown.push(`${u.status} ${u.body}`);
    }
    expect(unknown).toEqual(known);
    expect(new Set(known).size).toBe(2);
    expect(known[0]).toMatch(/^401 /);
    expect(known.at(-1)).toMatch(/^429 /);
  });

  it('an unknown username costs the same scrypt as a known one (similar timing)', async () => {
    const time = async (username: string, i: number) => {
      const start = performance.now();
      await signIn(username, 'wrong', `127.0.1.${i}`);
      return performance.now() - start;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time('clerk1', i));
      unknown.push(await time('ghost', 100 + i));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`sign-in answer: known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms (median of 4)`);
    // Both run scrypt (tens of ms); a skipped hash would answer in ~1 ms. Generous for a loaded machine.
    expect(median(unknown)).toBeGreaterThan(median(known) / 4);
  });

  it('an admin unlock ends the waits at once, from the Users panel route, and is audited', async () => {
    const users = await admin.get<{ users: { id: number; username: string }[] }>(ROUTES.listUsers.path);
    const clerk = users.body.users.find((u) => u.username === 'clerk1')!;
    const from = '127.0.0.5';
    for (let i = 0; i < 6; i++) await signIn('clerk1', 'wrong', from);
    expect((await signIn('clerk1', 'clerk-password', from)).status).toBe(429);

    // Not without a session (the route table test walks the roles: admin only).
    expect((await httpClient(t.url).post(pathOf(ROUTES.unlockUser, { id: clerk.id }), {})).status).toBe(401);
    const res = await admin.post<{ cleared: number }>(pathOf(ROUTES.unlockUser, { id: clerk.id }), {});
    expect(res.status).toBe(200);
    expect(res.body.cleared).toBeGreaterThanOrEqual(1);
    expect((await signIn('clerk1', 'clerk-password', from)).status).toBe(200);
    const audit = await admin.get<{ entries: { action: string; actor: string; target: string }[] }>(ROUTES.listAudit.path);
    expect(audit.body.entries.find((e) => e.action === 'login.unlock')).toMatchObject({ actor: 'admin', target: 'user:clerk1' });
  });

  it('parallel guesses cannot slip past the count', async () => {
    const from = '127.0.0.6';
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn('clerk1', `p-${i}`, from)));
    const wrong = answers.filter((a) => a.status === 401).length;
    expect(wrong).toBeLessThanOrEqual(6);
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
  });
});
