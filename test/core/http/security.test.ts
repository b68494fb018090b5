import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, ROUTES, routeKey, type Access, type Role } from '../../../core/contract';
import { httpClient, startTestLobby, type TestLobby } from '../../helpers/lobby';

let t: TestLobby;
const clients = new Map<Role, ReturnType<typeof httpClient>>();

beforeAll(async () => {
  t = await startTestLobby();
  const admin = httpClient(t.url);
  await admin.post('/api/staff/setup', { setupCode: t.setupCode, username: 'admin', displayName: 'Admin', password: 'a-long-password' });
  await admin.refreshCsrf();
  clients.set('admin', admin);
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    await admin.post('/api/staff/users', { username: `u-${role}`, displayName: role, password: 'staff-password', roles: [role] });
    const c = httpClient(t.url);
    await c.post('/api/staff/login', { username: `u-${role}`, password: 'staff-password' });
    await c.refreshCsrf();
    clients.set(role, c);
  }
});
afterAll(async () => {
  await t.stop();
});

/** Each /api route's access, keyed `METHOD /path`, from the route table. */
const ROUTE_ACCESS: Record<string, Access> = Object.fromEntries(
  Object.values(ROUTES)
    .filter((d) => d.path.startsWith('/api/'))
    .map((d) => [routeKey(d), d.access]),
);
const concrete = (url: string) => url.replace(':id', '1').replace(':date', '2026-11-26').replace(':token', 'x'.repeat(22));
const staffRoutes = Object.entries(ROUTE_ACCESS).filter(([, a]) => Array.isArray(a)) as [string, readonly Role[]][];

async function send(client: ReturnType<typeof httpClient> | null, key: string, body: unknown = {}) {
  const [method, url] = key.split(' ') as [string, string];
  const path = concrete(url);
  const c = client ?? httpClient(t.url);
  if (method === 'GET') return c.get(path.includes('roster') ? `${path}?date=2026-11-26` : path);
  if (method === 'DELETE') return c.del(path);
  if (method === 'PUT') return c.put(path, body);
  return c.post(path, body);
}

describe('the route table', () => {
  it('covers every API route the server has, and nothing more', () => {
    const served = t.lobby.app.lobbyRoutes.filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url}`);
    expect(new Set(served)).toEqual(new Set(Object.keys(ROUTE_ACCESS)));
  });
});

describe('every staff route', () => {
  it.each(staffRoutes)('%s refuses no session (401, HEAD too), the wrong role (403) and a forged CSRF token (403)', async (key, roles) => {
    const anon = await send(null, key);
    expect(anon.status, 'no session').toBe(401);
    if (key.startsWith('GET ')) {
      // The HEAD route Fastify adds beside each GET is guarded the same.
      const head = await fetch(t.url + concrete(key.slice(4)), { method: 'HEAD' });
      expect(head.status, 'HEAD, no session').toBe(401);
    }
    const outsider = ROLES.find((r) => r !== 'admin' && !roles.includes(r));
    if (outsider) {
      const wrong = await send(clients.get(outsider)!, key);
      expect(wrong.status, `role ${outsider}`).toBe(403);
    }
    if (!key.startsWith('GET')) {
      const allowed = clients.get(roles.includes('admin') ? 'admin' : roles[0]!)!;
      allowed.setCsrf('forged-token');
      const forged = await send(allowed, key);
      await allowed.refreshCsrf();
      expect(forged.status, 'forged CSRF').toBe(403);
    }
  });
});

describe('hostile bodies get a 4xx and the server stays up', () => {
  const bodies: [string, string][] = [
    ['wrong types', JSON.stringify({ serviceId: 42, counterId: [], action: null, zh: {}, date: 7 })],
    ['huge string', JSON.stringify({ serviceId: 'x'.repeat(15_000) })],
    ['over the size limit', JSON.stringify({ serviceId: 'x'.repeat(2_000_000) })],
    ['deep JSON', '['.repeat(10_000) + ']'.repeat(10_000)],
    ['deep object', '{"a":'.repeat(3000) + '1' + '}'.repeat(3000)],
    ['not JSON', '{"serviceId": "consult",'],
    ['prototype pollution', '{"__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true}}}'],
    ['null', 'null'],
  ];
  const writeRoutes = Object.keys(ROUTE_ACCESS).filter((k) => !k.startsWith('GET'));

  it.each(bodies)('%s, on every write route, as admin', async (_name, raw) => {
    const admin = clients.get('admin')!;
    for (const key of writeRoutes) {
      const [method, url] = key.split(' ') as [string, string];
      const res = await fetch(t.url + concrete(url), {
        method,
        headers: { 'content-type': 'application/json', ...admin.headers() },
        body: raw,
      });
      expect(res.status, `${key}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${key}`).toBeLessThan(500);
      const body = (await res.json()) as { message?: string };
      expect(typeof body.message, `${key} explains`).toBe('string');
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
  });

  it('invalid UTF-8 bytes', async () => {
    const admin = clients.get('admin')!;
    const bytes = Buffer.concat([Buffer.from('{"zh":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('","en":"x"}')]);
    const res = await fetch(`${t.url}/api/staff/marquee`, { method: 'POST', headers: { 'content-type': 'application/json', ...admin.headers() }, body: bytes });
    expect(res.status).toBe(400);
    expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
  });
});

describe('pages', () => {
  it('carry the security headers and the CSP', async () => {
    for (const path of ['/kiosk', '/staff', '/api/site']) {
      const res = await fetch(t.url + path);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});

describe('sign-in limits', () => {
  it('repeated wrong passwords make that address wait (429, bilingual, Retry-After); so do many usernames from one address', async () => {
    const c = httpClient(t.url);
    for (let i = 0; i < 5; i++) expect((await c.post('/api/staff/login', { username: 'u-desk', password: 'wrong-password' })).status).toBe(401);
    const waiting = await c.post<{ message: string }>('/api/staff/login', { username: 'u-desk', password: 'staff-password' });
    expect(waiting.status).toBe(429);
    expect(waiting.body.message).toMatch(/登入失敗次數過多.*Too many failed sign-ins/);
    expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThan(0);
    let last = 0;
    for (let i = 0; i < 25 && last !== 429; i++) last = (await c.post('/api/staff/login', { username: `nobody-${i}`, password: 'x' })).status;
    expect(last).toBe(429);
  });
});

describe('issuing tickets needs a kiosk', () => {
  it('a phone on the Wi-Fi (no credential), a made-up one, or one from 127.0.0.1 alone cannot issue', async () => {
    for (const client of [httpClient(t.url), httpClient(t.url, { kiosk: 'x'.repeat(43) })]) {
      const res = await client.post<{ message: string }>('/api/tickets', { serviceId: 'consult' });
      expect(res.status).toBe(401);
      expect(res.body.message).toMatch(/此裝置尚未設定為取號機 \/ This device is not set up as a ticket kiosk/);
    }
  });

  it('a one-time link provisions a browser once; staff can revoke a kiosk; issuing is rate limited per kiosk', async () => {
    const admin = clients.get('admin')!;
    const link = await admin.post<{ url: string }>('/api/staff/kiosks/provision', {});
    expect(link.status).toBe(200);
    const first = await fetch(link.body.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/kiosk');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^lobby_kiosk=.+HttpOnly.+SameSite=Strict/i);
    expect((await fetch(link.body.url, { redirect: 'manual' })).status).toBe(403);

    const kioskCookie = cookie.split(';')[0]!;
    const issue = () =>
      fetch(`${t.url}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: kioskCookie }, body: '{"serviceId":"consult"}' });
    expect((await issue()).status).toBe(201);
    const status = await fetch(`${t.url}/api/kiosk/status`, { headers: { cookie: kioskCookie } });
    expect(await status.json()).toEqual({ provisioned: true });

    let last = 201;
    for (let i = 0; i < 40 && last === 201; i++) last = (await issue()).status;
    expect(last).toBe(429);

    const list = await admin.get<{ kiosks: { id: number; name: string; revoked: boolean }[] }>('/api/staff/kiosks');
    const browserKiosk = list.body.kiosks.find((k) => k.name.startsWith('browser'))!;
    expect((await admin.post(`/api/staff/kiosks/${browserKiosk.id}/revoke`, {})).status).toBe(200);
    expect((await issue()).status).toBe(401);
  });
});
