import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LIVE_CLOSE, TOPICS, TOPIC_ACCESS, type DevicesHealth, type ServerMessage, type Topic } from '../../../core/contract';
import { addressKey, MESSAGES_PER_SECOND } from '../../../core/http/routes/live';
import { manualClock } from '../../../core/store/clock';
import { createFirstAdmin, httpClient, startTestLobby, TEST_ADMIN, type TestLobby } from '../../helpers/lobby';

/**
 * What one phone on the Wi-Fi can do to the live socket: say hello 2,000 times, flood
 * messages, subscribe again and again, open socket after socket. Each is bounded.
 */
const clock = manualClock('2026-11-26T10:00:00+08:00');
const PUBLIC = TOPICS.filter((t) => TOPIC_ACCESS[t] === 'public');
/** This machine's LAN address: a socket from it is counted, as a phone's would be (loopback is not). */
const LAN_ADDRESS = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address ?? null;
const PER_ADDRESS = 5;

let t: TestLobby;
let staffCookie = '';

beforeAll(async () => {
  t = await startTestLobby({
    clock,
    timeTickMs: 100,
    host: '0.0.0.0',
    siteWith: { network: { openToLan: false, port: 8080, screenForgetMinutes: 10, liveConnectionsPerAddress: PER_ADDRESS } },
  });
  const admin = await createFirstAdmin(t);
  staffCookie = admin.headers().cookie!;
});
afterAll(async () => {
  await t?.stop();
});

interface Sock {
  ws: WebSocket;
  messages: ServerMessage[];
  closed: Promise<{ code: number; reason: string }>;
}

function connect(base = t.url, headers: Record<string, string> = {}): Promise<Sock> {
  // The lobby's own certificate is self-signed.
  const ws = new WebSocket(`${base.replace('http', 'ws')}/live`, { headers, rejectUnauthorized: false });
  const messages: ServerMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d)) as ServerMessage));
  const closed = new Promise<{ code: number; reason: string }>((r) => ws.once('close', (code, reason) => r({ code, reason: String(reason) })));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages, closed }));
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`refused ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
  });
}

async function until(ok: () => boolean, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The screens staff see, from a signed-in socket's latest devices.health snapshot. */
function screenHealth(staff: Sock): DevicesHealth['devices'] {
  const last = staff.messages.filter((m) => m.type === 'snapshot' && m.topic === 'devices.health').at(-1) as { data: DevicesHealth } | undefined;
  return last?.data.devices.filter((d) => d.kind === 'screen') ?? [];
}
const screensIn = (staff: Sock): string[] => screenHealth(staff).map((d) => d.id);
const healthOf = (staff: Sock, idPrefix: string) => screenHealth(staff).find((d) => d.id.startsWith(idPrefix));

describe('live socket limits', () => {
  it('a hello flood from one socket lists at most one screen; the socket is closed for flooding; staff forget the screen after the site\'s time', async () => {
    const staff = await connect(t.url, { cookie: staffCookie });
    staff.ws.send(JSON.stringify({ type: 'subscribe', topics: ['devices.health'] }));
    await until(() => staff.messages.some((m) => m.type === 'snapshot'));
    const before = screensIn(staff).length;

    const phone = await connect();
    for (let i = 0; i < 2000; i++) phone.ws.send(JSON.stringify({ type: 'hello', screen: 'calls', path: `/calls/${i}` }));
    const closed = await phone.closed;
    expect(closed.code).toBe(LIVE_CLOSE.tooManyMessages);
    // The second hello was refused in words before the flood was cut off.
    expect(phone.messages.filter((m) => m.type === 'error').map((m) => (m as { message: string }).message)).toContain('hello was said already on this socket');
    // Listed once, then stopped once the server has let the socket go: quietly, as no site declares /calls/0.
    await until(() => healthOf(staff, 'screen:calls /calls/0 ')?.state === 'offline');
    expect(screensIn(staff).length - before).toBe(1);
    expect(healthOf(staff, 'screen:calls /calls/0 ')?.alert).toBeNull();
    const snapshotBytes = JSON.stringify(staff.messages.at(-1)).length;
    expect(snapshotBytes).toBeLessThan(10_000);

    staff.ws.close();

    // Stopped for longer than network.screenForgetMinutes (10): gone from the staff view
    // (signed in again: the console's session went idle meanwhile).
    clock.advance(11 * 60_000);
    const again = httpClient(t.url);
    expect((await again.post('/api/staff/login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).status).toBe(200);
    const later = await connect(t.url, { cookie: again.headers().cookie! });
    later.ws.send(JSON.stringify({ type: 'subscribe', topics: ['devices.health'] }));
    await until(() => later.messages.some((m) => m.type === 'snapshot'));
    await until(() => !screensIn(later).some((id) => id.startsWith('screen:calls /calls/0 ')));
    later.ws.close();
  });

  it(`a screen may send ${MESSAGES_PER_SECOND} messages in a burst (pings every 2 s are far below); the next one closes it with a code it can read`, async () => {
    const ok = await connect();
    for (let i = 0; i < MESSAGES_PER_SECOND - 2; i++) ok.ws.send(JSON.stringify({ type: 'ping' }));
    await until(() => ok.messages.filter((m) => m.type === 'pong').length === MESSAGES_PER_SECOND - 2);
    expect(ok.ws.readyState).toBe(WebSocket.OPEN);
    ok.ws.close();

    const flood = await connect();
    for (let i = 0; i < 200; i++) flood.ws.send(JSON.stringify({ type: 'ping' }));
    expect((await flood.closed).code).toBe(LIVE_CLOSE.tooManyMessages);
    expect(flood.messages.filter((m) => m.type === 'pong').length).toBeLessThanOrEqual(MESSAGES_PER_SECOND);
  });

  it('subscribing again to topics it follows sends nothing more: one snapshot per topic per change, however often it asks', async () => {
    const phone = await connect();
    for (let i = 0; i < 10; i++) phone.ws.send(JSON.stringify({ type: 'subscribe', topics: PUBLIC }));
    const pong = phone.messages.length;
    phone.ws.send(JSON.stringify({ type: 'ping' }));
    await until(() => phone.messages.slice(pong).some((m) => m.type === 'pong'));
    const snapshots = phone.messages.filter((m): m is Extract<ServerMessage, { type: 'snapshot' }> => m.type === 'snapshot');
    // Boards that move with the clock may change meanwhile; a version is never sent twice.
    const seen = snapshots.map((m) => `${m.topic}@${m.version}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(snapshots.map((m) => m.topic))).toEqual(new Set(PUBLIC));
    phone.ws.close();
  });

  it(`one LAN address holds at most ${PER_ADDRESS} live sockets (refused past it); the lobby's own loopback windows are not counted`, async (ctx) => {
    const loopback = await Promise.all(Array.from({ length: PER_ADDRESS * 3 }, () => connect()));
    expect(loopback.every((s) => s.ws.readyState === WebSocket.OPEN)).toBe(true);
    for (const s of loopback) s.ws.close();

    if (!LAN_ADDRESS) {
      console.log('connection limit per LAN address: not checked, this machine has no non-loopback IPv4 address');
      ctx.skip();
      return;
    }
    // The lobby serves the LAN over TLS when open to it (plain HTTP is redirected): follow it.
    const plain = t.url.replace('127.0.0.1', LAN_ADDRESS);
    const probe = await fetch(`${plain}/api/health`, { redirect: 'manual' });
    const lan = probe.status === 308 ? new URL(probe.headers.get('location')!).origin : plain;
    const kept: Sock[] = [];
    for (let i = 0; i < PER_ADDRESS; i++) kept.push(await connect(lan));
    const refused = await Promise.allSettled(Array.from({ length: 20 }, () => connect(lan)));
    expect(refused.every((r) => r.status === 'rejected' && (r.reason as { status?: number }).status === 429)).toBe(true);
    // The ones it holds still work.
    kept[0]!.ws.send(JSON.stringify({ type: 'subscribe', topics: ['queue.board'] }));
    await until(() => kept[0]!.messages.some((m) => m.type === 'snapshot'));
    // One closes: one more may open.
    kept.pop()!.ws.close();
    await until(() => kept.length === PER_ADDRESS - 1);
    let again: Sock | null = null;
    await until(() => {
      void connect(lan).then((s) => (again ??= s), () => undefined);
      return again !== null;
    });
    for (const s of [...kept, again!]) s.ws.close();
  });

  it('counts IPv6 phones by their /64, IPv4 by address', () => {
    expect(addressKey('192.168.1.20')).toBe('192.168.1.20');
    expect(addressKey('::ffff:192.168.1.20')).toBe('192.168.1.20');
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::99')).toBe('2001:db8:1:2::/64');
    expect(addressKey('fe80::1')).toBe('fe80:0:0:0::/64');
  });
});
