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
