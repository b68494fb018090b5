import { describe, expect, it } from 'vitest';
import { createAccounts } from '../../../core/domain/accounts/accounts';
import { hashPassword, verifyPassword } from '../../../core/domain/accounts/passwords';
import { listAudit } from '../../../core/domain/audit';
import { createEventBus } from '../../../core/domain/events';
import { manualClock } from '../../../core/store/clock';
import { openDb } from '../../../core/store/db';

function setup() {
  const db = openDb(':memory:');
  const clock = manualClock('2026-11-26T01:00:00Z');
  const accounts = createAccounts({ db, clock, bus: createEventBus() });
  return { db, clock, accounts };
}

describe('passwords', () => {
  it('are stored as salted scrypt hashes, never as given', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toContain('correct');
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('wrong horse battery', a)).toBe(false);
  });
});

describe('first run', () => {
  it('has no account and no default password: the first admin needs the one-time setup code', async () => {
    const { accounts, db } = setup();
    expect(accounts.needsSetup()).toBe(true);
    expect(await accounts.login('admin', 'admin')).toBeNull();
    const code = accounts.ensureSetupCode()!;
    expect(code.length).toBeGreaterThanOrEqual(16);
    await expect(
      accounts.setupFirstAdmin({ setupCode: 'guess', username: 'chen', displayName: '陳主任', password: 'a-long-password' }),
    ).rejects.toThrow(/setup code/);
    const admin = await accounts.setupFirstAdmin({ setupCode: code, username: 'chen', displayName: '陳主任', password: 'a-long-password' });
    expect(admin.roles).toEqual(['admin']);
    expect(accounts.needsSetup()).toBe(false);
    expect(accounts.ensureSetupCode()).toBeNull();
    // The code cannot be used twice.
    await expect(
      accounts.setupFirstAdmin({ setupCode: code, username: 'mallory', displayName: 'M', password: 'another-password' }),
    ).rejects.toThrow();
    expect(listAudit(db).map((e) => e.action)).toContain('user.setup');
  });
});

describe('sessions and staff changes', () => {
  it('signs in, checks CSRF against the session, expires, and audits who created whom', async () => {
    const { accounts, db, clock } = setup();
    const code = accounts.ensureSetupCode()!;
    const admin = await accounts.setupFirstAdmin({ setupCode: code, username: 'chen', displayName: '陳主任', password: 'a-long-password' });
    const counterUser = await accounts.createUser(admin, { username: 'lin', displayName: '林小姐', password: 'counter-password', roles: ['counter'] });
    expect(counterUser.roles).toEqual(['counter']);
    await expect(
      accounts.createUser(admin, { username: 'lin', displayName: 'x', password: 'counter-password', roles: ['desk'] }),
    ).rejects.toThrow(/taken/);

    expect(await accounts.login('lin', 'wrong-password')).toBeNull();
    const session = (await accounts.login('lin', 'counter-password'))!;
    expect(accounts.sessionUser(session.token)?.username).toBe('lin');
    expect(accounts.checkCsrf(session.token, accounts.csrfTokenFor(session.token))).toBe(true);
    expect(accounts.checkCsrf(session.token, 'forged')).toBe(false);

    clock.advance(13 * 3600 * 1000);
    expect(accounts.sessionUser(session.token)).toBeNull();

    const audit = listAudit(db);
    expect(audit.find((e) => e.action === 'user.create')).toMatchObject({ actor: 'chen', target: 'user:lin' });
    expect(audit.find((e) => e.action === 'login.failed')).toMatchObject({ target: 'user:lin' });
  });
});

describe('brute force', () => {
  it('five wrong passwords lock the account for 15 minutes, even against the right password; audited', async () => {
    const { accounts, db, clock } = setup();
    const code = accounts.ensureSetupCode()!;
    await accounts.setupFirstAdmin({ setupCode: code, username: 'chen', displayName: '陳主任', password: 'a-long-password' });
    for (let i = 0; i < 5; i++) expect(await accounts.login('chen', `wrong-${i}`)).toBeNull();
    await expect(accounts.login('chen', 'a-long-password')).rejects.toThrow(/locked for 15 more minutes/);
    expect(listAudit(db).map((e) => e.action)).toContain('login.locked');
    clock.advance(15 * 60_000 + 1);
    expect((await accounts.login('chen', 'a-long-password'))?.user.username).toBe('chen');
    // A success resets the count.
    for (let i = 0; i < 4; i++) await accounts.login('chen', 'wrong');
    expect(await accounts.login('chen', 'a-long-password')).not.toBeNull();
  });

  it('a session left idle for two hours ends; activity keeps it alive until its 12-hour limit', async () => {
    const { accounts, clock } = setup();
    const code = accounts.ensureSetupCode()!;
    await accounts.setupFirstAdmin({ setupCode: code, username: 'chen', displayName: '陳主任', password: 'a-long-password' });
    const a = (await accounts.login('chen', 'a-long-password'))!;
    const b = (await accounts.login('chen', 'a-long-password'))!;
    for (let h = 0; h < 5; h++) {
      clock.advance(90 * 60_000);
      expect(accounts.sessionUser(a.token)?.username).toBe('chen');
    }
    expect(accounts.sessionUser(b.token)).toBeNull();
    clock.advance(5 * 60 * 60_000);
    expect(accounts.sessionUser(a.token)).toBeNull();
  });
});
