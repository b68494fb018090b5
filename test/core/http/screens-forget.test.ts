/**
 * Screens over the live socket and the forget route, on a running lobby: a page
 * the site does not declare is listed quietly when it stops (no alarm), a
 * declared one (the lobby PC's /calls window, an expectedScreens TV) is an
 * alarm; an admin forgets a stopped undeclared screen (audited); a declared or
 * open one is refused in words; other roles may not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type AuditEntry, type DevicesHealth } from '../../../core/contract';
import { createFirstAdmin, httpClient, startTestLobby, watchLive, type HttpClient, type TestLobby } from '../../helpers/lobby';

let t: TestLobby;
let admin: HttpClient;
let desk: HttpClient;

const DESK = { username: 'desk1', displayName: '服務台', password: 'desk-password-1' };

beforeAll(async () => {
  t = await startTestLobby();
  admin = await createFirstAdmin(t);
  expect((await admin.post(ROUTES.createUser.path, { ...DESK, roles: ['desk'] })).status).toBe(201);
  desk = httpClient(t.url);
  expect((await desk.post(ROUTES.login.path, { username: DESK.username, password: DESK.password })).status).toBe(200);
  await desk.refreshCsrf();
});
afterAll(async () => {
  await t?.stop();
});

/** A board: a socket that says which screen it is. */
async function openScreen(screen: string, path: string) {
  const board = await watchLive(t, ['queue.board']);
  board.ws.send(JSON.stringify({ type: 'hello', screen, path }));
  return board;
}

async function until<T>(read: () => T | undefined, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = read();
    if (v !== undefined && ok(v)) return v;
    if (Date.now() - start > ms) throw new Error(`timed out; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('screens staff are alarmed about', () => {
  it('an undeclared page that stops is listed quietly; a declared one that stops is an alarm; an admin forgets the quiet one', async () => {
    const staff = await watchLive(t, ['devices.health'], admin.headers());
    const screen = (id: string) => staff.get<DevicesHealth>('devices.health')?.devices.find((d) => d.id === id);

    // declared but not seen since the lobby started: listed, no alarm
    expect(await until(() => screen('screen:/hearings/r1'), () => true)).toMatchObject({ state: 'unknown', alert: null, name: { zh: '第一偵查庭門口看板' } });

    const stray = await openScreen('hearings', '/hearings/r7');
    const hall = await openScreen('calls', '/calls');
    const door = await openScreen('hearings', '/hearings/r1');
    await until(() => screen('screen:hearings /hearings/r7 @127.0.0.1'), (d) => d.state === 'online');
    await until(() => screen('screen:/calls'), (d) => d.state === 'online');
    await until(() => screen('screen:/hearings/r1'), (d) => d.state === 'online');

    // An open screen is not forgotten.
    const open = await admin.post<{ error: string }>(ROUTES.forgetScreen.path, { id: 'screen:hearings /hearings/r7 @127.0.0.1' });
    expect(open.status).toBe(409);
    expect(JSON.stringify(open.body)).toContain('connected now');

    stray.close();
    hall.close();
    door.close();
    expect(await until(() => screen('screen:hearings /hearings/r7 @127.0.0.1'), (d) => d.state === 'offline')).toMatchObject({ alert: null, screen: { expected: false } });
    expect(await until(() => screen('screen:/calls'), (d) => d.state === 'offline')).toMatchObject({ alert: 'error', name: { zh: '本機叫號看板', en: 'Call board (this computer)' } });
    expect(await until(() => screen('screen:/hearings/r1'), (d) => d.state === 'offline')).toMatchObject({ alert: 'error', name: { en: 'Room 1 door screen' } });

    // A declared screen is the site file's to drop.
    const declared = await admin.post(ROUTES.forgetScreen.path, { id: 'screen:/calls' });
    expect(declared.status).toBe(409);
    expect(JSON.stringify(declared.body)).toContain('site file');

    // Only an admin forgets.
    expect((await desk.post(ROUTES.forgetScreen.path, { id: 'screen:hearings /hearings/r7 @127.0.0.1' })).status).toBe(403);

    const res = await admin.post<{ forgotten: boolean }>(ROUTES.forgetScreen.path, { id: 'screen:hearings /hearings/r7 @127.0.0.1' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ forgotten: true });
    await until(() => staff.get<DevicesHealth>('devices.health'), (h) => !h.devices.some((d) => d.id === 'screen:hearings /hearings/r7 @127.0.0.1'));
    // Again: nothing left to forget, and nothing audited twice.
    expect((await admin.post(ROUTES.forgetScreen.path, { id: 'screen:hearings /hearings/r7 @127.0.0.1' })).body).toEqual({ forgotten: false });

    const listed = await admin.get<{ entries: AuditEntry[] }>(`${ROUTES.listAudit.path}?action=screen.forget`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    const audit = listed.body.entries.filter((e) => e.action === 'screen.forget');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target: 'screen:hearings /hearings/r7 @127.0.0.1' });
    staff.close();
  });
});
