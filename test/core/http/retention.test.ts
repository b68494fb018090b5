/**
 * Issue 12, point 1: every kind of personal data has a limit, and the nightly
 * maintenance purges what is past it — from the database, the handled inbox
 * files, the logs and the kept backups — before it writes the night's copy.
 * Tested by moving the lobby's clock past the backup hour night after night,
 * with the sample site's default limits (README "Personal data").
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf, ROUTES, type AuditEntry, type IssuedTicket } from '../../../core/contract';
import { listBackups } from '../../../core/store/backup';
import { manualClock } from '../../../core/store/clock';
import { createFirstAdmin, httpClient, issueTicket, startTestLobby, TEST_ADMIN, TEST_PUBLIC_BASE_URL, type HttpClient, type TestLobby } from '../../helpers/lobby';

const clock = manualClock('2026-11-20T10:00:00+08:00');
let t: TestLobby;
let admin: HttpClient;

// Hostile names (a compound surname, an Atayal name with a middle dot) and the summons codes beside them.
const OLD = { caseNumber: '115年度偵字第101號', name: '歐陽大明', witness: 'Watan·Tanga', code: 'OLD111' };
const YOUNG = { caseNumber: '115年度偵字第202號', name: '林小華', code: 'NEW222' };
const DUTY = '張值班';

const tokenOf = (ticket: IssuedTicket) => new URL(ticket.phoneUrl!).pathname.split('/').pop()!;

function readDb<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Every text cell of every table that holds people: where a name or code could still be. */
function textOf(db: Database.Database): string {
  const tables = ['hearings', 'hearing_persons', 'roster', 'detainees', 'audit', 'tickets', 'sessions'];
  return tables.map((table) => JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all())).join('\n');
}

async function night(at: string): Promise<string> {
  clock.set(at);
  const name = `lobby-${at.slice(0, 10).replace(/-/g, '')}-${at.slice(11, 13)}${at.slice(14, 16)}.sqlite`;
  await expect.poll(() => listBackups(join(t.dataDir, 'backups')).some((f) => f.endsWith(name)), { timeout: 20_000 }).toBe(true);
  // Signed out by the night (idle time): sign in again.
  expect((await admin.post(ROUTES.login.path, { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).status).toBe(200);
  await admin.refreshCsrf();
  return join(t.dataDir, 'backups', name);
}

beforeAll(async () => {
  t = await startTestLobby({ clock, timeTickMs: 50, siteWith: { publicBaseUrl: TEST_PUBLIC_BASE_URL } });
  admin = await createFirstAdmin(t, TEST_ADMIN, { kiosk: t.kioskToken });
});
afterAll(async () => {
  await t.stop();
});

describe('the nightly purge, by moving the clock', () => {
  let oldToken = '';
  let youngToken = '';
  let firstCopy = '';
  const inbox = () => join(t.dataDir, 'inbox', 'hearings');
  const logs = () => join(t.dataDir, 'logs');
  const at = (iso: string) => new Date(iso);

  it('keeps everything younger than its limit through the first night', async () => {
    const hearing = (date: string, caseNumber: string, persons: { name: string; role: string; code?: string }[]) =>
      admin.post(ROUTES.createHearing.path, { date, time: '09:30', courtroomId: 'r1', caseNumber, division: '信', prosecutor: '林檢察官', persons });
    expect((await hearing('2026-11-20', OLD.caseNumber, [{ name: OLD.name, role: 'defendant', code: OLD.code }, { name: OLD.witness, role: 'witness' }])).status).toBe(201);
    expect((await hearing('2026-11-27', YOUNG.caseNumber, [{ name: YOUNG.name, role: 'defendant', code: YOUNG.code }])).status).toBe(201);
    const roster = await admin.put(pathOf(ROUTES.saveRosterDay, { date: '2026-11-20' }), { entries: [{ shiftId: 'day', roleId: 'bailiff', name: DUTY }] });
    expect(roster.status, JSON.stringify(roster.body)).toBe(200);
    oldToken = tokenOf(await issueTicket(t, 'consult'));

    // The case system's handled files (their time is when they were written) and an old log file.
    writeFileSync(join(inbox(), 'done', 'old.csv'), `2026-11-20,09:30,r1,${OLD.caseNumber},信,林檢察官,${OLD.name}(被告):${OLD.code}\n`);
    writeFileSync(join(inbox(), 'refused', 'old.csv.txt'), 'row 2: time is not HH:MM\n');
    utimesSync(join(inbox(), 'done', 'old.csv'), at('2026-11-20T10:00:00+08:00'), at('2026-11-20T10:00:00+08:00'));
    utimesSync(join(inbox(), 'refused', 'old.csv.txt'), at('2026-11-20T10:00:00+08:00'), at('2026-11-20T10:00:00+08:00'));
    mkdirSync(logs(), { recursive: true });
    writeFileSync(join(logs(), 'lobby.0.log'), '{"msg":"an old day"}\n');
    utimesSync(join(logs(), 'lobby.0.log'), at('2026-11-10T10:00:00+08:00'), at('2026-11-10T10:00:00+08:00'));

    firstCopy = await night('2026-11-21T02:31:00+08:00');
    const copy = readDb(firstCopy, textOf);
    for (const kept of [OLD.name, OLD.witness, OLD.code, YOUNG.name, DUTY, oldToken]) expect(copy).toContain(kept);
    expect(existsSync(join(inbox(), 'done', 'old.csv'))).toBe(true);
    expect((await httpClient(t.url).get(`${ROUTES.lookupHearing.path}?c=${encodeURIComponent(OLD.caseNumber)}&v=${OLD.code}`)).status).toBe(200);
    expect((await httpClient(t.url).get(pathOf(ROUTES.phoneTicket, { token: oldToken }))).status).toBe(200);
  });

  it('a week on, the old hearing (names and codes), the old files, the old log, the old phone token and the ended session are gone, in the database and in every backup', async () => {
    // Before the backup hour: tonight's maintenance has not run yet.
    clock.set('2026-11-27T01:00:00+08:00');
    youngToken = tokenOf(await issueTicket(t, 'consult'));
    writeFileSync(join(inbox(), 'done', 'young.csv'), `2026-11-27,09:30,r1,${YOUNG.caseNumber},信,林檢察官,${YOUNG.name}(被告):${YOUNG.code}\n`);
    utimesSync(join(inbox(), 'done', 'young.csv'), at('2026-11-26T10:00:00+08:00'), at('2026-11-26T10:00:00+08:00'));
    const sessionsBefore = readDb(join(t.dataDir, 'lobby.sqlite'), (db) => db.prepare('SELECT COUNT(*) FROM sessions').pluck().get() as number);
    expect(sessionsBefore).toBeGreaterThan(0);

    const second = await night('2026-11-28T02:31:00+08:00');

    // The live database.
    const live = join(t.dataDir, 'lobby.sqlite');
    readDb(live, (db) => {
      const text = textOf(db);
      for (const gone of [OLD.name, OLD.witness, OLD.code, oldToken]) expect(text).not.toContain(gone);
      // The audit, kept a year, names people masked only.
      const audit = JSON.stringify(db.prepare('SELECT detail FROM audit').all());
      for (const name of [OLD.name, OLD.witness, YOUNG.name, DUTY, TEST_ADMIN.displayName]) expect(audit).not.toContain(name);
      for (const kept of [YOUNG.name, YOUNG.code, youngToken]) expect(text).toContain(kept);
      expect(db.prepare("SELECT COUNT(*) FROM hearings WHERE day < '2026-11-21'").pluck().get()).toBe(0);
      // The old ticket stays for the statistics, without its phone link.
      expect(db.prepare("SELECT status, substr(token, 1, 1) AS t FROM tickets WHERE day = '2026-11-20'").all()).toEqual([{ status: 'expired', t: '~' }]);
      // Sessions that ended before yesterday are gone; the one signed in just now is not.
      expect(db.prepare('SELECT COUNT(*) FROM sessions').pluck().get()).toBe(1);
    });
    // The roster's limit is 31 days: the duty name is gone from the audit (masked there) but still on its day.
    const roster = await admin.get<{ entries: { name: string }[] }>(`${ROUTES.rosterDay.path}?date=2026-11-20`);
    expect(roster.body.entries.map((e) => e.name)).toEqual([DUTY]);

    // The phone look-up finds nothing for the old summons, the young one still answers.
    const phone = httpClient(t.url);
    expect((await phone.get(`${ROUTES.lookupHearing.path}?c=${encodeURIComponent(OLD.caseNumber)}&v=${OLD.code}`)).status).toBe(404);
    expect((await phone.get(`${ROUTES.lookupHearing.path}?c=${encodeURIComponent(YOUNG.caseNumber)}&v=${YOUNG.code}`)).status).toBe(200);
    expect((await phone.get(pathOf(ROUTES.phoneTicket, { token: youngToken }))).status).toBe(200);

    // Files: the handled case-system files and the log past their limits are gone, the young ones stay.
    expect(readdirSync(join(inbox(), 'done'))).toEqual(['young.csv']);
    expect(readdirSync(join(inbox(), 'refused'))).toEqual([]);
    expect(existsSync(join(logs(), 'lobby.0.log'))).toBe(false);
    expect(readdirSync(logs()).some((n) => /^lobby\.\d+\.log$/.test(n))).toBe(true);

    // Backups: the one written tonight, after the purge, and the older ones (last week's; the start's, if the
    // lobby's first tick came before the clock moved), purged with the same SQL.
    const backups = listBackups(join(t.dataDir, 'backups'));
    expect(backups).toEqual(expect.arrayContaining([firstCopy, second]));
    for (const file of backups) {
      const text = readDb(file, textOf);
      for (const gone of [OLD.name, OLD.witness, OLD.code, oldToken]) expect(text, file).not.toContain(gone);
      // The start's copy was made while the first hearing was being entered; the nights' copies hold the young one.
      if (!file.endsWith('-20261120-1000.sqlite')) expect(text, file).toContain(YOUNG.name);
      // Nor in the file's bytes: deleted rows are overwritten, not left on free pages.
      const bytes = readFileSync(file);
      for (const gone of [OLD.name, OLD.witness]) expect(bytes.includes(Buffer.from(gone)), `${gone} in ${file}`).toBe(false);
    }

    // Each purge audited with its count and cutoff, never what it held.
    const audit = await admin.get<{ entries: AuditEntry[] }>(ROUTES.listAudit.path);
    const purges = audit.body.entries.filter((e) => e.action === 'retention.purge');
    const count = (target: string) => purges.filter((e) => e.target === target).map((e) => JSON.parse(e.detail) as { count: number });
    expect(count('hearings')).toEqual([{ count: 1, before: '2026-11-21' }]);
    expect(count('ticket-tokens')[0]?.count).toBe(1);
    expect(count('inbox-files')[0]?.count).toBe(2);
    expect(count('logs')[0]?.count).toBe(1);
    expect(count('sessions')[0]?.count).toBeGreaterThan(0);
    expect(count('backups')[0]?.count).toBeGreaterThan(0);
    for (const e of purges) expect(Object.keys(JSON.parse(e.detail) as object).sort()).toEqual(e.target === 'backups' ? ['count', 'removedCopies'] : ['before', 'count']);
  });

  it('a month on, the roster names are gone too', async () => {
    await night('2026-12-22T02:31:00+08:00');
    const roster = await admin.get<{ entries: { name: string }[] }>(`${ROUTES.rosterDay.path}?date=2026-11-20`);
    expect(roster.body.entries).toEqual([]);
    for (const file of [join(t.dataDir, 'lobby.sqlite'), ...listBackups(join(t.dataDir, 'backups'))]) expect(readDb(file, textOf), file).not.toContain(DUTY);
  });
});

describe('deleting a hearing entered by mistake', () => {
  it('a clerk deletes it with its persons (audited by case number and counts); a bailiff and the public may not', async () => {
    const signIn = async (username: string, roles: string[]) => {
      expect((await admin.post(ROUTES.createUser.path, { username, displayName: `${username} 全名`, password: 'staff-password', roles })).status).toBe(201);
      const c = httpClient(t.url);
      expect((await c.post(ROUTES.login.path, { username, password: 'staff-password' })).status).toBe(200);
      await c.refreshCsrf();
      return c;
    };
    const clerk = await signIn('clerk1', ['clerk']);
    const bailiff = await signIn('bailiff1', ['bailiff']);
    const made = await clerk.post<{ hearing: { id: number } }>(ROUTES.createHearing.path, {
      date: '2026-12-22',
      time: '14:00',
      courtroomId: 'r2',
      caseNumber: '115年度偵字第303號',
      division: '義',
      prosecutor: '王檢察官',
      persons: [{ name: '司馬相如', role: 'defendant', code: 'DEL333' }],
    });
    expect(made.status).toBe(201);
    const id = made.body.hearing.id;
    const lookup = () => httpClient(t.url).get(`${ROUTES.lookupHearing.path}?c=${encodeURIComponent('115年度偵字第303號')}&v=DEL333`);
    expect((await lookup()).status).toBe(200);

    expect((await httpClient(t.url).del(pathOf(ROUTES.deleteHearing, { id }))).status).toBe(401);
    expect((await bailiff.del(pathOf(ROUTES.deleteHearing, { id }))).status).toBe(403);
    const gone = await clerk.del<{ deleted: number }>(pathOf(ROUTES.deleteHearing, { id }));
    expect(gone.status, JSON.stringify(gone.body)).toBe(200);
    expect(gone.body).toEqual({ deleted: id });
    expect((await clerk.del(pathOf(ROUTES.deleteHearing, { id }))).status).toBe(404);

    const list = await clerk.get<{ hearings: { id: number }[] }>(`${ROUTES.listHearings.path}?date=2026-12-22`);
    expect(list.body.hearings.map((h) => h.id)).not.toContain(id);
    expect((await lookup()).status).toBe(404);
    readDb(join(t.dataDir, 'lobby.sqlite'), (db) => expect(db.prepare('SELECT COUNT(*) FROM hearing_persons WHERE hearing_id = ?').pluck().get(id)).toBe(0));

    const audit = await admin.get<{ entries: AuditEntry[] }>(ROUTES.listAudit.path);
    const entry = audit.body.entries.find((e) => e.action === 'hearing.delete');
    expect(entry).toMatchObject({ actor: 'clerk1', target: `hearing:${id}` });
    expect(JSON.parse(entry!.detail)).toEqual({ caseNumber: '115年度偵字第303號', date: '2026-12-22', courtroomId: 'r2', persons: 1 });
    expect(audit.body.entries.filter((e) => e.action === 'hearing.delete')).toHaveLength(1);
    // The new accounts' full names are in the users table only, masked in the audit.
    expect(JSON.stringify(audit.body.entries)).not.toContain('clerk1 全名');
  });
});
