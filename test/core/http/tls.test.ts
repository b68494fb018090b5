import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import WebSocket from 'ws';
import { LIVE_PATH, ROUTES, type ServerMessage } from '../../../core/contract';
import { createFirstAdmin, startTestLobby, type TestLobby } from '../../helpers/lobby';
import { rawRequest } from '../../helpers/raw-http';
import { tempDir } from '../../helpers/tmp';

// The "LAN" address is 127.0.0.2: a listener on a named address that is not the windows'
// 127.0.0.1, so it behaves as a LAN interface would (HTTPS, plain HTTP redirected).
const LAN = '127.0.0.2';

let t: TestLobby | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const portOf = (lobby: TestLobby) => new URL(lobby.url).port;

describe('HTTPS on the LAN', () => {
  it('makes its own certificate on first run (key 0600), serves HTTPS with it, redirects plain HTTP from the LAN, keeps HTTP for its own windows', async () => {
    t = await startTestLobby({ siteWith: { network: { openToLan: true, port: 8080, listen: [LAN] } }, host: undefined });
    const keyFile = join(t.dataDir, 'tls', 'lobby-key.pem');
    const cert = readFileSync(join(t.dataDir, 'tls', 'lobby-cert.pem'), 'utf8');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(new X509Certificate(cert).checkIP(LAN)).toBe(LAN);
    const port = portOf(t);
    expect(t.url).toBe(`http://127.0.0.1:${port}`);

    const secure = await rawRequest(`https://${LAN}:${port}${ROUTES.site.path}`, { ca: cert });
    expect(secure.status).toBe(200);
    expect(secure.fingerprint).toBe(new X509Certificate(cert).fingerprint256);
    expect(secure.headers['cache-control']).toBe('no-store');

    const plain = await rawRequest(`http://${LAN}:${port}/staff?x=1`);
    expect([301, 308]).toContain(plain.status);
    expect(plain.headers.location).toBe(`https://${LAN}:${port}/staff?x=1`);
    const plainLogin = await rawRequest(`http://${LAN}:${port}${ROUTES.login.path}`, { method: 'POST', body: '{"username":"a","password":"b"}' });
    expect(plainLogin.status).toBe(308);

    // The lobby's own windows (loopback) keep plain HTTP.
    expect((await rawRequest(`${t.url}${ROUTES.site.path}`)).status).toBe(200);

    // The session cookie carries Secure over HTTPS; staff answers are never stored.
    await createFirstAdmin(t);
    const login = await rawRequest(`https://${LAN}:${port}${ROUTES.login.path}`, {
      method: 'POST',
      ca: cert,
      body: JSON.stringify({ username: 'chen', password: 'a-long-password' }),
    });
    expect(login.status, login.body).toBe(200);
    const cookie = login.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/^lobby_session=.*; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(login.headers['cache-control']).toBe('no-store');
    const users = await rawRequest(`https://${LAN}:${port}${ROUTES.listUsers.path}`, { ca: cert, headers: { cookie: cookie.split(';')[0]! } });
    expect(users.status).toBe(200);
    expect(users.headers['cache-control']).toBe('no-store');
    expect(users.body).toContain('"chen"');

    // Screens on the LAN follow live topics over wss:// on the same port.
    const ws = new WebSocket(`wss://${LAN}:${port}${LIVE_PATH}`, { ca: cert });
    const first = await new Promise<ServerMessage>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'subscribe', topics: ['queue.board'] })));
      ws.once('message', (d) => resolve(JSON.parse(String(d)) as ServerMessage));
    });
    ws.close();
    expect(first).toMatchObject({ type: 'snapshot', topic: 'queue.board' });
  });

  it('keeps its certificate across restarts (same fingerprint) and makes a new one when the files are gone', async () => {
    const tmp = tempDir();
    const site = { siteWith: { network: { openToLan: true, port: 8080, listen: [LAN] } }, host: undefined, dataDir: tmp.dir };
    try {
      t = await startTestLobby(site);
      const first = readFileSync(join(tmp.dir, 'tls', 'lobby-cert.pem'), 'utf8');
      await t.stop();
      t = undefined;
      const again = await startTestLobby(site);
      t = again;
      expect(readFileSync(join(tmp.dir, 'tls', 'lobby-cert.pem'), 'utf8')).toBe(first);
    } finally {
      await t?.stop();
      t = undefined;
      tmp.cleanup();
    }
  });

  it("uses the agency's certificate and key when the site names them", async () => {
    const tmp = tempDir();
    try {
      const pems = await generate([{ name: 'commonName', value: 'lobby.agency.example' }], {
        keyType: 'ec',
        curve: 'P-256',
        extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'lobby.agency.example' }, { type: 7, ip: LAN }] }],
      });
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(tmp.dir, 'agency-cert.pem'), pems.cert);
      writeFileSync(join(tmp.dir, 'agency-key.pem'), pems.private, { mode: 0o600 });
      t = await startTestLobby({
        siteWith: { network: { openToLan: true, port: 8080, listen: [LAN], tls: { certFile: join(tmp.dir, 'agency-cert.pem'), keyFile: join(tmp.dir, 'agency-key.pem') } } },
        host: undefined,
      });
      const res = await rawRequest(`https://${LAN}:${portOf(t)}${ROUTES.site.path}`, { ca: pems.cert });
      expect(res.status).toBe(200);
      expect(res.fingerprint).toBe(new X509Certificate(pems.cert).fingerprint256);
    } finally {
      tmp.cleanup();
    }
  });
});
