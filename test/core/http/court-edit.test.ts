/**
 * The court's corrections over HTTP (issue 17): a clerk imports a file that
 * names 第一偵查庭, edits a hearing (PUT) and the public board follows;
 * a clerk or bailiff undoes 庭畢; a bailiff edits and deletes a detainee.
 * Each is refused to the roles that may not, and each leaves an audit row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf, ROUTES, type AuditEntry, type DetaineesBoard, type Hearing, type HearingsBoard } from '../../../core/contract';
import { manualClock } from '../../../core/store/clock';
import { createFirstAdmin, httpClient, startTestLobby, watchLive, type HttpClient, type TestLobby } from '../../helpers/lobby';

const DAY = '2026-11-26';
const CASE = '115年度偵字第1234號';
const CSV = ['日期,時間,法庭,案號,股別,檢察官,到庭人', `${DAY},09:30,第一偵查庭,${CASE},信,林檢察官,王小明(被告):A1B2C3`].join('\n');

let t: TestLobby;
let admin: HttpClient;
let clerk: HttpClient;
let bailiff: HttpClient;

async function signIn(username: string, roles: string[]): Promise<HttpClient> {
  expect((await admin.post(ROUTES.createUser.path, { username, displayName: `${username} 全名`, password: 'staff-password', roles })).status).toBe(201);
  const c = httpClient(t.url);
  expect((await c.post(ROUTES.login.path, { username, password: 'staff-password' })).status).toBe(200);
  await c.refreshCsrf();
  return c;
}

const audit = async (action: string) => (await admin.get<{ entries: AuditEntry[] }>(ROUTES.listAudit.path)).body.entries.filter((e) => e.action === action);
const importCsv = (who: HttpClient, csv: string) => who.post(ROUTES.importHearings.path, { format: 'csv', contentBase64: Buffer.from(csv).toString('base64') });

beforeAll(async () => {
  t = await startTestLobby({ clock: manualClock(`${DAY}T09:00:00+08:00`) });
  admin = await createFirstAdmin(t);
  clerk = await signIn('clerk1', ['clerk']);
  bailiff = await signIn('bailiff1', ['bailiff']);
});
afterAll(async () => {
  await t?.stop();
});

async function theHearing(): Promise<Hearing> {
  const list = await clerk.get<{ hearings: Hearing[] }>(`${ROUTES.listHearings.path}?date=${DAY}`);
  return list.body.hearings.find((h) => h.caseNumber === CASE)!;
}

describe('hearings by courtroom name, edited and undone', () => {
  it('imports a CSV naming 第一偵查庭; an unknown room is refused with the row and the site’s rooms', async () => {
    const bad = await importCsv(clerk, `${CSV}\n${DAY},10:00,第九偵查庭,115年度偵字第9號,信,林檢察官,`);
    expect(bad.status).toBe(400);
    const body = bad.body as { error: string; details: { row: number; message: string }[] };
    expect(body.details).toEqual([{ row: 3, message: expect.stringContaining('第九偵查庭') }]);
    expect(body.details[0]!.message).toContain('第一偵查庭 (Investigation Court 1)');
    expect(body.details[0]!.message).toContain('第四偵查庭 (Investigation Court 4)');

    const res = await importCsv(clerk, CSV);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ imported: 1 });
    expect((await theHearing()).courtroomId).toBe('r1');
  });

  it('a clerk edits its time (PUT) and the public board follows, names masked; a bailiff may not edit', async () => {
    const board = await watchLive(t, ['hearings.board']);
    try {
      const h = await theHearing();
      const edit = { date: DAY, time: '10:45', courtroomId: 'Investigation Court 1', caseNumber: CASE, division: '信', prosecutor: '林檢察官', persons: [{ name: '王小明', role: 'defendant', code: 'A1B2C3' }] };
      expect((await httpClient(t.url).put(pathOf(ROUTES.updateHearing, { id: h.id }), edit)).status).toBe(401);
      expect((await bailiff.put(pathOf(ROUTES.updateHearing, { id: h.id }), edit)).status).toBe(403);
      expect((await clerk.put(pathOf(ROUTES.updateHearing, { id: h.id }), { ...edit, courtroomId: '第九偵查庭' })).status).toBe(400);
      const res = await clerk.put<{ hearing: Hearing }>(pathOf(ROUTES.updateHearing, { id: h.id }), edit);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.hearing).toMatchObject({ time: '10:45', courtroomId: 'r1' });
      await expect
        .poll(() => board.get<HearingsBoard>('hearings.board')?.rooms.find((r) => r.courtroomId === 'r1')?.next[0]?.time)
        .toBe('10:45');
      const shown = JSON.stringify(board.get<HearingsBoard>('hearings.board'));
      expect(shown).toContain('王○明');
      expect(shown).not.toContain('王小明');
      expect(shown).not.toContain('A1B2C3');
    } finally {
      board.close();
    }
    const [entry] = await audit('hearing.update');
    expect(entry).toMatchObject({ actor: 'clerk1' });
    expect(JSON.parse(entry!.detail)).toMatchObject({ changed: ['time'], from: { time: '09:30' }, to: { time: '10:45' } });
  });

  it('a bailiff undoes 庭畢 (back in session), audited as an undo', async () => {
    const h = await theHearing();
    const move = (who: HttpClient, to: string) => who.post<{ hearing: Hearing }>(pathOf(ROUTES.moveHearing, { id: h.id }), { to });
    expect((await move(bailiff, 'in_session')).status).toBe(200);
    expect((await move(bailiff, 'finished')).status).toBe(200);
    const back = await move(bailiff, 'in_session');
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.hearing).toMatchObject({ state: 'in_session', finishedAt: null });
    const [entry] = await audit('hearing.undo');
    expect(entry).toMatchObject({ actor: 'bailiff1', target: `hearing:${h.id}` });
    expect(JSON.parse(entry!.detail)).toEqual({ caseNumber: CASE, from: 'finished', to: 'in_session' });
  });
});

describe('a new detainee’s record, edited and deleted', () => {
  it('a bailiff corrects it and the board follows; a clerk may not; then deletes it; both audited', async () => {
    const board = await watchLive(t, ['detainees.board']);
    try {
      const made = await bailiff.post<{ detainee: { id: number } }>(ROUTES.recordDetainee.path, { name: '張三丰', broughtAt: '08:40', agency: '臺東縣警察局臺東分局', offence: '竊盜' });
      expect(made.status).toBe(201);
      const id = made.body.detainee.id;
      const fix = { name: '張三豐', broughtAt: '08:10', agency: '臺東縣警察局臺東分局', offence: '竊盜' };
      expect((await clerk.put(pathOf(ROUTES.updateDetainee, { id }), fix)).status).toBe(403);
      expect((await clerk.del(pathOf(ROUTES.deleteDetainee, { id }))).status).toBe(403);
      const res = await bailiff.put<{ detainee: { name: string; broughtAt: string } }>(pathOf(ROUTES.updateDetainee, { id }), fix);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.detainee).toMatchObject({ name: '張三豐', broughtAt: '08:10' });
      await expect.poll(() => board.get<DetaineesBoard>('detainees.board')?.entries.find((e) => e.id === id)?.broughtAt).toBe('08:10');
      const shown = JSON.stringify(board.get<DetaineesBoard>('detainees.board'));
      expect(shown).toContain('張○豐');
      expect(shown).not.toContain('張三豐');
      expect(shown).not.toContain('竊盜');

      const gone = await bailiff.del<{ deleted: number }>(pathOf(ROUTES.deleteDetainee, { id }));
      expect(gone.status).toBe(200);
      expect(gone.body).toEqual({ deleted: id });
      expect((await bailiff.del(pathOf(ROUTES.deleteDetainee, { id }))).status).toBe(404);
      await expect.poll(() => board.get<DetaineesBoard>('detainees.board')?.entries.some((e) => e.id === id)).toBe(false);

      const [updated] = await audit('detainee.update');
      expect(updated).toMatchObject({ actor: 'bailiff1', target: `detainee:${id}` });
      const [deleted] = await audit('detainee.delete');
      expect(deleted).toMatchObject({ actor: 'bailiff1', target: `detainee:${id}` });
      for (const e of [updated!, deleted!]) {
        expect(e.detail).toContain('張○豐');
        expect(e.detail).not.toContain('張三豐');
        expect(e.detail).not.toContain('竊盜');
      }
    } finally {
      board.close();
    }
  });
});
