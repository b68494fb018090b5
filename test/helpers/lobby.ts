import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { ROUTES, type CounterActionResponse, type IssuedTicket, type ServerMessage, type Topic } from '../../core/contract';
import { assetsDir } from '../../core/config/load';
import { createLobby, type LobbyOptions } from '../../core/lobby';
import { tempDir } from './tmp';

/** A sample site with some settings changed, written as a site file into `dir`. */
export function sampleSiteWith(dir: string, over: Record<string, unknown>, siteId = 'taitung-prosecutors'): string {
  const site = JSON.parse(readFileSync(join(assetsDir(), 'sites', siteId, 'site.json'), 'utf8')) as Record<string, unknown>;
  const file = join(dir, `${siteId}-test-site.json`);
  writeFileSync(file, JSON.stringify({ ...site, ...over }));
  return file;
}

export type TestLobby = Awaited<ReturnType<typeof startTestLobby>>;

/** The address phones reach in tests that follow a ticket's QR link (a loopback-only lobby prints none). */
export const TEST_PUBLIC_BASE_URL = 'http://lobby.test:8080';

/**
 * A real lobby on a free port with its own data folder; setup code captured.
 * `siteWith` changes settings of the sample site (written as a site file).
 */
export async function startTestLobby(opts: Partial<LobbyOptions> & { siteWith?: Record<string, unknown> } = {}) {
  const tmp = tempDir();
  let setupCode = '';
  const { siteWith, ...lobbyOpts } = opts;
  const lobby = createLobby({
    dataDir: tmp.dir,
    port: 0,
    onSetupCode: (code) => {
      setupCode = code;
    },
    ...(siteWith ? { sitePath: sampleSiteWith(tmp.dir, siteWith, opts.siteId) } : {}),
    ...lobbyOpts,
  });
  await lobby.start();
  const kioskToken = lobby.issueKioskCredential('test kiosk');
  return {
    lobby,
    url: lobby.url,
    /** A kiosk credential: pass it to httpClient to issue tickets, or as the browser's kiosk cookie. */
    kioskToken,
    kioskCookie: { name: 'lobby_kiosk', value: kioskToken, url: lobby.url },
    get setupCode() {
      return setupCode;
    },
    dataDir: tmp.dir,
    async stop() {
      await lobby.stop();
      tmp.cleanup();
    },
  };
}

/** The first admin most tests create through the setup code. */
export const TEST_ADMIN = { username: 'chen', displayName: '陳主任', password: 'a-long-password' };

/**
 * Creates the first admin through the lobby's setup code (expects 201) and
 * returns an httpClient signed in as that admin, CSRF token included.
 */
export async function createFirstAdmin(
  lobby: { url: string; setupCode: string },
  account: { username: string; displayName: string; password: string } = TEST_ADMIN,
  client: { kiosk?: string } = {},
): Promise<HttpClient> {
  const admin = httpClient(lobby.url, client);
  const setup = await admin.post(ROUTES.setup.path, { setupCode: lobby.setupCode, ...account });
  expect(setup.status, JSON.stringify(setup.body)).toBe(201);
  await admin.refreshCsrf();
  return admin;
}

/** A ticket issued by the lobby's kiosk credential, over HTTP (expects 201); 博愛 with `priority`. */
export async function issueTicket(lobby: { url: string; kioskToken: string }, serviceId: string, priority = false): Promise<IssuedTicket> {
  const res = await httpClient(lobby.url, { kiosk: lobby.kioskToken }).post<IssuedTicket>(ROUTES.issueTicket.path, priority ? { serviceId, priority } : { serviceId });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A counter action (next, recall, finish, …) by a signed-in staff client (expects 200). */
export async function counterAction(staff: HttpClient, body: Record<string, unknown>): Promise<CounterActionResponse> {
  const res = await staff.post<CounterActionResponse>(ROUTES.counterAction.path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

export interface Res<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export type HttpClient = ReturnType<typeof httpClient>;

/** JSON over real HTTP, with a cookie jar and the CSRF header once signed in. */
export function httpClient(base: string, opts: { kiosk?: string } = {}) {
  let cookie = '';
  let csrf = '';
  async function request<T>(method: string, path: string, body?: unknown, init: { raw?: string; contentType?: string } = {}): Promise<Res<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined || init.raw !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
    if (cookie) headers.cookie = cookie;
    if (csrf) headers['x-csrf-token'] = csrf;
    if (opts.kiosk) headers['x-kiosk-credential'] = opts.kiosk;
    const res = await fetch(base + path, { method, headers, body: init.raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  return {
    get: <T>(path: string) => request<T>('GET', path),
    post: <T>(path: string, body?: unknown, init?: { raw?: string; contentType?: string }) => request<T>('POST', path, body, init),
    put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
    /** DELETE without a body (a JSON content type with no body is refused). */
    del: <T>(path: string) => request<T>('DELETE', path),
    /** The cookie and CSRF headers this client sends, for a hand-made request. */
    headers(): Record<string, string> {
      return { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) };
    },
    async refreshCsrf() {
      const me = await request<{ csrfToken: string | null }>('GET', '/api/staff/me');
      csrf = me.body.csrfToken ?? '';
    },
    dropCsrf() {
      csrf = '';
    },
    setCsrf(v: string) {
      csrf = v;
    },
  };
}

/**
 * A live socket on the lobby (a board, or a staff console with a signed-in
 * client's headers) keeping the latest snapshot of each topic it follows.
 */
export async function watchLive(lobby: { url: string }, topics: readonly Topic[], headers: Record<string, string> = {}) {
  const ws = new WebSocket(`${lobby.url.replace('http', 'ws')}/live`, { headers });
  const latest = new Map<string, unknown>();
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as ServerMessage;
    if (m.type === 'snapshot') latest.set(m.topic, m.data);
  });
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ type: 'subscribe', topics }));
  return {
    ws,
    /** The latest snapshot of `topic`, once one has come. */
    get: <T>(topic: Topic) => latest.get(topic) as T | undefined,
    close: () => ws.close(),
  };
}
