import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LiveStopped, Topic } from '../../../core/contract';
import { manualClock } from '../../../core/store/clock';
import { createFirstAdmin, httpClient, issueTicket, startTestLobby, type HttpClient, type TestLobby } from '../../helpers/lobby';

/**
 * Staff and kiosk topics follow the session over real HTTP and WebSocket: a socket keeps
 * a topic only while its session (or kiosk credential) may follow it, and is told why
 * when it loses it.
 */
const clock = manualClock('2026-11-26T10:00:00+08:00');
let t: TestLobby;
let admin: HttpClient;
const ids = new Map<string, number>();

beforeAll(async () => {
  t = await startTestLobby({ clock });
  admin = await createFirstAdmin(t);
  for (const [username, roles] of [
    ['lin.counter', ['counter']],
    ['ko.clerk', ['clerk']],
    ['wu.counter', ['counter']],
    ['cheng.counter', ['counter']],
    ['li.desk', ['desk']],
  ] as const) {
    const res = await admin.post<{ user: { id: number } }>('/api/staff/users', { username, displayName: '職員', password: 'staff-password', roles });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.set(username, res.body.user.id);
  }
});
afterAll(async () => {
  await t?.stop();
});

async function signIn(username: string): Promise<{ client: HttpClient; cookie: string }> {
  const client = httpClient(t.url);
  const res = await client.post('/api/staff/login', { username, password: username === 'chen' ? 'a-long-password' : 'staff-password' });
  expect(res.status).toBe(200);
  await client.refreshCsrf();
  return { client, cookie: client.headers().cookie! };
}

interface Received {
  at: number;
  type: string;
  topic?: Topic;
  message?: string;
}

/** A live socket that logs every message with the time it arrived. */
async function live(topics: Topic[], headers: Record<string, string> = {}) {
  const ws = new WebSocket(`${t.url.replace('http', 'ws')}/live`, { headers });
  const log: Received[] = [];
  const stopped: (LiveStopped & { at: number })[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as Received & LiveStopped;
    const at = Date.now();
    log.push({ at, type: m.type, ...(m.topic ? { topic: m.topic } : {}), ...(m.message ? { message: m.message } : {}) });
    if (m.type === 'stopped') stopped.push({ ...m, at });
  });
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ type: 'subscribe', topics }));
  return {
    ws,
    log,
    stopped,
    snapshots: (topic: Topic) => log.filter((m) => m.type === 'snapshot' && m.topic === topic),
    errors: () => log.filter((m) => m.type === 'error').map((m) => m.message!),
  };
}

async function until(ok: () => boolean, ms = 4000): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Enough time for a publish (coalesced to the next tick) to reach a socket, and a recheck to pass. */
const settle = () => new Promise((r) => setTimeout(r, 1300));

describe('a staff socket keeps its topics only while its session may follow them', () => {
  it('signing out stops queue.staff and devices.health at once, with the reason; the public board goes on', async () => {
    const counter = await signIn('lin.counter');
    const sock = await live(['queue.board', 'queue.staff', 'devices.health'], { cookie: counter.cookie });
    await until(() => sock.snapshots('queue.staff').length > 0 && sock.snapshots('devices.health').length > 0);
    await issueTicket(t, 'consult');
    await until(() => sock.snapshots('queue.staff').length > 1);

    const signedOutAt = Date.now();
    expect((await counter.client.post('/api/staff/logout')).status).toBe(200);
    await until(() => sock.stopped.length > 0, 1000);
    expect(sock.stopped[0]!.at - signedOutAt).toBeLessThan(1000);
    expect(sock.stopped[0]).toMatchObject({ type: 'stopped', reason: 'signed-out' });
    expect([...sock.stopped[0]!.topics].sort()).toEqual(['devices.health', 'queue.staff']);
    expect(sock.stopped[0]!.message).toMatch(/^Signed out: .*queue\.staff.* stopped$/);

    const boardsBefore = sock.snapshots('queue.board').length;
    await issueTicket(t, 'consult');
    await issueTicket(t, 'consult');
    await until(() => sock.snapshots('queue.board').length > boardsBefore);
    await settle();
    const after = sock.log
      .slice(sock.log.findIndex((m) => m.type === 'stopped') + 1)
      .filter((m) => m.type === 'snapshot')
      .map((m) => m.topic);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((topic) => topic === 'queue.board')).toBe(true);
    // Told once, not on every change.
    expect(sock.stopped).toHaveLength(1);
    sock.ws.close();
  });

  it('a role without a topic cannot subscribe to it; the topics it may follow still arrive', async () => {
    const clerk = await signIn('ko.clerk');
    const sock = await live(['queue.board', 'queue.staff', 'devices.health'], { cookie: clerk.cookie });
    await until(() => sock.errors().length > 0 && sock.snapshots('queue.board').length > 0);
    expect(sock.errors()).toEqual(['Your roles do not include: queue.staff, devices.health']);
    await issueTicket(t, 'consult');
    await settle();
    expect(sock.snapshots('queue.staff')).toHaveLength(0);
    expect(sock.snapshots('devices.health')).toHaveLength(0);
    sock.ws.close();

    // A counter session follows the staff topics of its list, but not the kiosk's scanner.
    const counter = await signIn('wu.counter');
    const c = await live(['queue.staff', 'kiosk.scan'], { cookie: counter.cookie });
    await until(() => c.errors().length > 0 && c.snapshots('queue.staff').length > 0);
    expect(c.errors()).toEqual(['Only a kiosk on the lobby computer may follow: kiosk.scan']);
    expect(c.snapshots('kiosk.scan')).toHaveLength(0);
    c.ws.close();

    // Nobody signed in: a bilingual console's board, nothing else.
    const anon = await live(['queue.board', 'queue.staff']);
    await until(() => anon.errors().length > 0 && anon.snapshots('queue.board').length > 0);
    expect(anon.errors()).toEqual(['Sign in to follow: queue.staff']);
    anon.ws.close();
  });

  it('an admin removing the role takes the topics from the open socket; a role that still allows them keeps them', async () => {
    const counter = await signIn('cheng.counter');
    const sock = await live(['queue.staff', 'devices.health'], { cookie: counter.cookie });
    await until(() => sock.snapshots('queue.staff').length > 0);
    const id = ids.get('cheng.counter')!;

    // counter → desk: both topics are still the desk's.
    expect((await admin.put(`/api/staff/users/${id}`, { roles: ['desk'] })).status).toBe(200);
    await issueTicket(t, 'consult');
    await settle();
    expect(sock.stopped).toHaveLength(0);
    const staffSnaps = sock.snapshots('queue.staff').length;
    expect(staffSnaps).toBeGreaterThan(1);

    const changedAt = Date.now();
    expect((await admin.put(`/api/staff/users/${id}`, { roles: ['clerk'] })).status).toBe(200);
    await until(() => sock.stopped.length > 0, 1000);
    expect(sock.stopped[0]!.at - changedAt).toBeLessThan(1000);
    expect(sock.stopped[0]).toMatchObject({ reason: 'role-removed' });
    expect(sock.stopped[0]!.message).toContain('queue.staff');
    await issueTicket(t, 'consult');
    await settle();
    expect(sock.snapshots('queue.staff')).toHaveLength(staffSnaps);
    // The change is audited.
    const audit = await admin.get<{ entries: { action: string; target: string }[] }>('/api/staff/audit');
    expect(audit.body.entries.filter((e) => e.action === 'user.update' && e.target === 'user:cheng.counter')).toHaveLength(2);
    sock.ws.close();
  });

  it('disabling an account ends its sessions and its topics', async () => {
    const desk = await signIn('li.desk');
    const sock = await live(['queue.staff'], { cookie: desk.cookie });
    await until(() => sock.snapshots('queue.staff').length > 0);
    expect((await admin.put(`/api/staff/users/${ids.get('li.desk')!}`, { disabled: true })).status).toBe(200);
    await until(() => sock.stopped.length > 0, 1000);
    expect(sock.stopped[0]).toMatchObject({ reason: 'signed-out', topics: ['queue.staff'] });
    expect((await desk.client.get<{ user: unknown }>('/api/staff/me')).body.user).toBeNull();
    // An admin cannot lock themselves out.
    expect((await admin.put(`/api/staff/users/1`, { disabled: true })).status).toBe(409);
    sock.ws.close();
  });

  it('a revoked kiosk loses the scanner topic within a second or so', async () => {
    const kioskToken = t.lobby.issueKioskCredential('revoked kiosk');
    const sock = await live(['kiosk.scan'], { cookie: `lobby_kiosk=${kioskToken}` });
    await until(() => sock.snapshots('kiosk.scan').length > 0);
    const list = await admin.get<{ kiosks: { id: number; name: string; revoked: boolean }[] }>('/api/staff/kiosks');
    const id = list.body.kiosks.find((k) => k.name === 'revoked kiosk' && !k.revoked)!.id;
    const revokedAt = Date.now();
    expect((await admin.post(`/api/staff/kiosks/${id}/revoke`)).status).toBe(200);
    // Revoking emits no staff event: the once-a-second check finds it.
    await until(() => sock.stopped.length > 0, 3000);
    expect(sock.stopped[0]!.at - revokedAt).toBeLessThan(2500);
    expect(sock.stopped[0]).toMatchObject({ reason: 'kiosk-revoked', topics: ['kiosk.scan'] });
    sock.ws.close();
  });

  // Last: moving the lobby's clock ends every session in this file.
  it('a session that expires while idle stops its topics; the open socket does not keep it alive', async () => {
    const counter = await signIn('wu.counter');
    const sock = await live(['queue.staff'], { cookie: counter.cookie });
    await until(() => sock.snapshots('queue.staff').length > 0);
    // 45 minutes three times (2 h 15 min, past the 2 h idle sign-out), a re-check between each:
    // were the socket's checks counted as activity, the session would still be alive.
    for (let i = 0; i < 2; i++) {
      clock.advance(45 * 60_000);
      await settle();
      expect(sock.stopped).toHaveLength(0);
    }
    const before = sock.snapshots('queue.staff').length;
    clock.advance(45 * 60_000);
    // A change published before the next timed check is checked too: no snapshot leaks.
    await issueTicket(t, 'consult');
    await until(() => sock.stopped.length > 0, 1500);
    expect(sock.stopped[0]).toMatchObject({ reason: 'signed-out', topics: ['queue.staff'] });
    expect(sock.snapshots('queue.staff')).toHaveLength(before);
    expect((await counter.client.get<{ user: unknown }>('/api/staff/me')).body.user).toBeNull();
    sock.ws.close();
  });

  it('a session past its 12 h lifetime loses its topics within a second of the clock passing it', async () => {
    const counter = await signIn('wu.counter');
    const sock = await live(['queue.staff'], { cookie: counter.cookie });
    await until(() => sock.snapshots('queue.staff').length > 0);
    // Keep it active (each /me is the person's own activity) across 12 h.
    for (let h = 0; h < 12; h++) {
      clock.advance(60 * 60_000);
      await counter.client.get('/api/staff/me');
    }
    const passedAt = Date.now();
    clock.advance(60_000);
    await until(() => sock.stopped.length > 0, 2500);
    expect(sock.stopped[0]!.at - passedAt).toBeLessThan(2500);
    expect(sock.stopped[0]).toMatchObject({ reason: 'signed-out', topics: ['queue.staff'] });
    sock.ws.close();
  });
});
