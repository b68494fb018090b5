import { describe, expect, it } from 'vitest';
import { createAccounts } from '../../../core/domain/accounts/accounts';
import { readAudit, writeAudit } from '../../../core/domain/audit';
import { createEventBus } from '../../../core/domain/events';
import { manualClock } from '../../../core/store/clock';
import { openDb } from '../../../core/store/db';

const NAMES = {
  courtroom: (id: string) => (id === 'r1' ? { zh: '第一偵查庭', en: 'Investigation Court 1' } : undefined),
  detaineeStep: (id: string) => (id === 'received' ? { zh: '收容', en: 'Received' } : undefined),
  counter: (id: string) => (id === 'c1' ? { zh: '1號櫃台', en: 'Counter 1' } : undefined),
};

async function setup() {
  const db = openDb(':memory:');
  const clock = manualClock('2026-11-26T01:00:00Z');
  const accounts = createAccounts({ db, clock, bus: createEventBus() });
  const admin = await accounts.setupFirstAdmin({ setupCode: accounts.ensureSetupCode()!, username: 'chen', displayName: '陳主任', password: 'a-long-password' });
  const lin = await accounts.createUser(admin, { username: 'lin', displayName: '林小美', password: 'counter-password', roles: ['counter'] });
  const audit = (q: Partial<Parameters<typeof readAudit>[1]> = {}) => readAudit(db, { page: 1, pageSize: 200, ...q }, { timeZone: 'Asia/Taipei', names: NAMES });
  return { db, clock, accounts, admin, lin, audit };
}

describe('an admin manages accounts', () => {
  it('renames, changes roles, disables (signing out) and enables again; each audited by what changed, in words', async () => {
    const { accounts, admin, lin, audit } = await setup();
    const session = (await accounts.login('lin', 'counter-password'))!;
    expect(accounts.updateUser(admin, lin.id, { displayName: '林美華', roles: ['counter', 'desk'] })).toMatchObject({ displayName: '林美華', roles: ['counter', 'desk'], disabled: false });

    expect(accounts.updateUser(admin, lin.id, { disabled: true })).toMatchObject({ disabled: true });
    expect(accounts.sessionUser(session.token)).toBeNull();
    expect(await accounts.login('lin', 'counter-password')).toBeNull();
    // A disabled account stays listed, marked, so it can be enabled again.
    expect(accounts.listUsers().find((u) => u.username === 'lin')).toMatchObject({ disabled: true });

    accounts.updateUser(admin, lin.id, { disabled: false });
    expect((await accounts.login('lin', 'counter-password'))?.user.username).toBe('lin');

    const updates = audit({ action: 'user.update' }).entries.map((e) => e.summary);
    expect(updates.reverse()).toEqual([
      { zh: '陳○任 修改帳號 lin：名稱由 林○美 改為 林○華；角色由 櫃台人員 改為 櫃台人員、服務台', en: '陳○任 changed the account lin: name from 林○美 to 林○華; roles from Counter to Counter, Information desk' },
      { zh: '陳○任 停用帳號 lin', en: '陳○任 disabled the account lin' },
      { zh: '陳○任 重新啟用帳號 lin', en: '陳○任 enabled the account lin again' },
    ]);
  });

  it('keeps one enabled administrator: no one takes their own admin role or disables the last admin', async () => {
    const { accounts, admin, lin } = await setup();
    expect(() => accounts.updateUser(admin, admin.id, { roles: ['counter'] })).toThrow(/administrator role from yourself/);
    expect(() => accounts.updateUser(admin, admin.id, { disabled: true })).toThrow(/disable your own account/);
    const wu = await accounts.createUser(admin, { username: 'wu', displayName: '吳組長', password: 'another-password', roles: ['admin'] });
    // With two admins, one may be disabled by the other; the last one left may not lose the role.
    accounts.updateUser(admin, wu.id, { disabled: true });
    expect(accounts.updateUser(admin, lin.id, { roles: ['admin'] }).roles).toEqual(['admin']);
    expect(() => accounts.updateUser(admin, lin.id, { roles: ['counter'] })).not.toThrow();
  });

  it('a password reset sets the new one and ends every session of that account; not for one’s own', async () => {
    const { accounts, admin, lin, audit } = await setup();
    const a = (await accounts.login('lin', 'counter-password'))!;
    const b = (await accounts.login('lin', 'counter-password'))!;
    expect(await accounts.resetPassword(admin, lin.id, 'a-fresh-password')).toEqual({ endedSessions: 2 });
    expect(accounts.sessionUser(a.token)).toBeNull();
    expect(accounts.sessionUser(b.token)).toBeNull();
    expect(await accounts.login('lin', 'counter-password')).toBeNull();
    expect(await accounts.login('lin', 'a-fresh-password')).not.toBeNull();
    await expect(accounts.resetPassword(admin, admin.id, 'whatever-password')).rejects.toThrow(/My account/);
    expect(audit({ action: 'user.password.reset' }).entries[0]!.summary).toEqual({
      zh: '陳○任 重設 lin 的密碼，並登出其 2 個工作階段',
      en: '陳○任 reset the password of lin, ending 2 sessions',
    });
  });

  it('anyone changes their own password with the current one: their other sessions end, this one stays', async () => {
    const { accounts, lin, audit } = await setup();
    const here = (await accounts.login('lin', 'counter-password'))!;
    const elsewhere = (await accounts.login('lin', 'counter-password'))!;
    await expect(accounts.changeOwnPassword(lin, here.token, { currentPassword: 'wrong-password', newPassword: 'my-new-password' })).rejects.toThrow(/current password is not correct/);
    expect(await accounts.changeOwnPassword(lin, here.token, { currentPassword: 'counter-password', newPassword: 'my-new-password' })).toEqual({ endedSessions: 1 });
    expect(accounts.sessionUser(here.token)?.username).toBe('lin');
    expect(accounts.sessionUser(elsewhere.token)).toBeNull();
    expect(await accounts.login('lin', 'my-new-password')).not.toBeNull();
    const words = audit({ action: 'user.password.' }).entries.map((e) => e.summary.en);
    expect(words).toEqual(['林○美 changed their own password, ending 1 other session', '林○美 could not change their password: wrong current password (from local)']);
  });

  it('guessing the current password is slowed like a sign-in', async () => {
    const { accounts, lin } = await setup();
    const here = (await accounts.login('lin', 'counter-password', '10.0.0.8'))!;
    for (let i = 0; i < 5; i++) {
      await expect(accounts.changeOwnPassword(lin, here.token, { currentPassword: `guess-${i}`, newPassword: 'my-new-password' }, '10.0.0.9')).rejects.toThrow(/not correct/);
    }
    await expect(accounts.changeOwnPassword(lin, here.token, { currentPassword: 'counter-password', newPassword: 'my-new-password' }, '10.0.0.9')).rejects.toThrow(/Too many/);
  });
});

describe('the audit log in words', () => {
  it('reads each action as a sentence with its facts; the lobby itself and unknown actions too', async () => {
    const { db, clock, admin, audit } = await setup();
    writeAudit(db, clock, { actorUserId: admin.id, action: 'ticket.reprint', target: 'ticket:A012', detail: { jobId: 3 } });
    writeAudit(db, clock, { actorUserId: admin.id, action: 'hearing.delete', target: 'hearing:9', detail: { caseNumber: '115年度偵字第1號', date: '2026-12-07', courtroomId: 'r1', persons: 2 } });
    writeAudit(db, clock, { actorUserId: admin.id, action: 'hearing.state', target: 'hearing:9', detail: { caseNumber: '115年度偵字第1號', from: 'waiting', to: 'in_session' } });
    writeAudit(db, clock, { actorUserId: null, action: 'retention.purge', target: 'sessions', detail: { count: 4, before: '2026-11-25T01:00:00.000Z' } });
    writeAudit(db, clock, { actorUserId: admin.id, action: 'something.new', target: 'thing:1', detail: { x: 1 } });
    writeAudit(db, clock, { actorUserId: admin.id, action: 'kiosk.provision', target: 'kiosk:4', detail: { name: 'c1 tablet', purpose: 'rating:c1' } });
    const byAction = new Map(audit().entries.map((e) => [e.action, e]));
    expect(byAction.get('ticket.reprint')).toMatchObject({ actor: 'chen', actorName: '陳○任', summary: { zh: '陳○任 把 A012 重印', en: '陳○任 reprinted A012' } });
    expect(byAction.get('hearing.delete')!.summary).toEqual({
      zh: '陳○任 刪除民國115年12月7日第一偵查庭的庭期 115年度偵字第1號',
      en: '陳○任 deleted the hearing 115年度偵字第1號 (Investigation Court 1, 7 December 2026)',
    });
    expect(byAction.get('hearing.state')!.summary.zh).toBe('陳○任 將 115年度偵字第1號 由「候訊」改為「開庭中」');
    expect(byAction.get('retention.purge')).toMatchObject({ actor: null, actorName: null, summary: { zh: '系統依保存期限清除登入工作階段 4 筆', en: 'The lobby purged 4 sign-in sessions past their keeping limit' } });
    expect(byAction.get('something.new')!.summary).toEqual({ zh: '陳○任：something.new（thing:1）', en: '陳○任: something.new (thing:1)' });
    expect(byAction.get('kiosk.provision')!.summary.en).toBe('A set-up link from 陳○任 set up the rating tablet of Counter 1 “c1 tablet”');
    // No raw record and no ISO date in what people read.
    for (const e of byAction.values()) expect(`${e.summary.zh} ${e.summary.en}`).not.toMatch(/\d{4}-\d{2}-\d{2}|[{}"]/);
  });

  it('filters by action (one or a group), by person and by the site’s days, a page at a time, newest first', async () => {
    const { db, clock, accounts, admin, lin, audit } = await setup();
    for (let i = 0; i < 7; i++) writeAudit(db, clock, { actorUserId: lin.id, action: 'ticket.reprint', target: `ticket:A00${i}`, detail: {} });
    // 23:30 in Taipei on the 26th is still the 26th; 00:30 is the 27th.
    clock.set(Date.parse('2026-11-26T15:30:00Z'));
    writeAudit(db, clock, { actorUserId: admin.id, action: 'marquee.delete', target: 'marquee:1', detail: { before: { zh: '停水', en: 'No water' } } });
    clock.set(Date.parse('2026-11-26T16:30:00Z'));
    accounts.updateUser(admin, lin.id, { roles: ['desk'] });

    const page1 = audit({ actor: 'lin', pageSize: 3 });
    expect([page1.total, page1.entries.map((e) => e.target)]).toEqual([7, ['ticket:A006', 'ticket:A005', 'ticket:A004']]);
    expect(audit({ actor: 'lin', pageSize: 3, page: 3 }).entries.map((e) => e.target)).toEqual(['ticket:A000']);
    expect(audit({ action: 'user.' }).entries.map((e) => e.action)).toEqual(['user.update', 'user.create', 'user.setup']);
    expect(audit({ from: '2026-11-27', to: '2026-11-27' }).entries.map((e) => e.action)).toEqual(['user.update']);
    expect(audit({ to: '2026-11-26', action: 'marquee.delete' }).entries[0]!.summary.zh).toBe('陳○任 刪除跑馬燈訊息 #1「停水」');
    // What the filter offers: named actions and every account.
    const page = audit();
    expect(page.actions.find((a) => a.action === 'ticket.reprint')!.label).toEqual({ zh: '重印號碼單', en: 'Ticket reprinted' });
    expect(page.actors).toEqual([
      { username: 'chen', name: '陳○任' },
      { username: 'lin', name: '林○美' },
    ]);
  });
});
