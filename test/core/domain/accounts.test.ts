import { describe, expect, it } from 'vitest';
import { createAccounts } from '../../../core/domain/accounts/accounts';
import { createKiosks } from '../../../core/domain/accounts/kiosks';
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
  it('wrong passwords slow one (account, address) pair with growing waits, never the account from another address; audited', async () => {
    const { accounts, db, clock } = setup();
    const code = accounts.ensureSetupCode()!;
    await accounts.setupFirstAdmin({ setupCode: code, username: 'chen', displayName: '陳主任', password: 'a-long-password' });
    for (let i = 0; i < 5; i++) expect(await accounts.login('chen', `wrong-${i}`, '10.0.0.66')).toBeNull();
    // The attacker's address now waits, even with the right password…
    await expect(accounts.login('chen', 'a-long-password', '10.0.0.66')).rejects.toThrow(/Too many failed sign-ins/);
    // …but the clerk's counter PC does not.
    expect((await accounts.login('chen', 'a-long-password', '10.0.0.5'))?.user.username).toBe('chen');
    expect(listAudit(db).find((e) => e.action === 'login.throttled')).toMatchObject({ target: 'user:chen' });
    // The wait grows: 1 s after the fifth failure, 2 s after the sixth.
    clock.advance(1001);
    expect(await accounts.login('chen', 'wrong', '10.0.0.66')).toBeNull();
    clock.advance(1001);
    await expect(accounts.login('chen', 'wrong', '10.0.0.66')).rejects.toThrow(/Too many/);
    clock.advance(1000);
    expect(await accounts.login('chen', 'a-long-password', '10.0.0.66')).not.toBeNull();
    // A success clears that pair's count.
    for (let i = 0; i < 4; i++) await accounts.login('chen', 'wrong', '10.0.0.66');
    expect(await accounts.login('chen', 'a-long-password', '10.0.0.66')).not.toBeNull();
  });

  it('failures from many addresses slow the account for new addresses by at most a minute, never for one with a good record', async () => {
    const { accounts, clock } = setup();
    const code = accounts.ensureSetupCode()!;
    await accounts.setupFirstAdmin({ setupCode: code, username: 'chen', displayName: '陳主任', password: 'a-long-password' });
    expect(await accounts.login('chen', 'a-long-password', '10.0.0.5')).not.toBeNull();
    const answers: string[] = [];
    for (let i = 0; i < 40; i++) answers.push(await accounts.login('chen', 'wrong', `10.0.1.${i}`).then(() => 'wrong', () => 'wait'));
    expect(answers.filter((a) => a === 'wrong')).toHaveLength(10);
    await expect(accounts.login('chen', 'a-long-password', '10.0.2.1')).rejects.toThrow(/Too many/);
    expect(await accounts.login('chen', 'a-long-password', '10.0.0.5')).not.toBeNull();
    clock.advance(60_000);
    expect(await accounts.login('chen', 'a-long-password', '10.0.2.1')).not.toBeNull();
  });

  it('an admin unlock ends the waits and is audited', async () => {
    const { accounts, db } = setup();
    const code = accounts.ensureSetupCode()!;
    const admin = await accounts.setupFirstAdmin({ setupCode: code, username: 'chen', displayName: '陳主任', password: 'a-long-password' });
    const lin = await accounts.createUser(admin, { username: 'lin', displayName: '林', password: 'counter-password', roles: ['counter'] });
    for (let i = 0; i < 8; i++) await accounts.login('lin', 'wrong', '10.0.0.7').catch(() => null);
    await expect(accounts.login('lin', 'counter-password', '10.0.0.7')).rejects.toThrow(/Too many/);
    expect(accounts.unlockUser(admin, lin.id)).toEqual({ cleared: 1 });
    expect(await accounts.login('lin', 'counter-password', '10.0.0.7')).not.toBeNull();
    expect(listAudit(db).find((e) => e.action === 'login.unlock')).toMatchObject({ actor: 'chen', target: 'user:lin' });
  });

  it('a session left idle for two hours ends; activity keeps it alive until its 12-hour limit', async () => {
    const { accounts, clock } = setup();
    const code = accounts.ensureSetupCode()!;
    await accounts.setupFirstAdmin({ setupCode: code, username: 'chen', displayName: '陳主任', password: 'a-long-password' });
    const a = (await accounts.login('chen', 'a-long-password'))!;
    const b = (await accounts.login('chen', 'a-long-password'))!;
    const seenB: (string | null)[] = [];
    for (let h = 0; h < 5; h++) {
      clock.advance(90 * 60_000);
      // A request of the person keeps their session alive.
      expect(accounts.useSession(a.token)?.username).toBe('chen');
      // A check that is not their activity (a live socket's) only reads: it keeps nothing alive.
      seenB.push(accounts.sessionUser(b.token)?.username ?? null);
    }
    expect(seenB).toEqual(['chen', null, null, null, null]);
    expect(accounts.sessionUser(b.token)).toBeNull();
    clock.advance(5 * 60 * 60_000);
    expect(accounts.sessionUser(a.token)).toBeNull();
  });
});

describe('kiosk credentials', () => {
  it('a device presenting its credential is seen (stamped at most once a minute); looking it up only reads', () => {
    const { db, clock } = setup();
    const kiosks = createKiosks({ db, clock, timeZone: 'Asia/Taipei' });
    const token = kiosks.builtIn('lobby kiosk');
    const seen = () => kiosks.list()[0]!.lastSeenAt;
    const writes = () => db.prepare('SELECT total_changes()').pluck().get() as number;

    const before = writes();
    expect(kiosks.kioskFor(token)).toMatchObject({ name: 'lobby kiosk', purpose: 'tickets' });
    expect(writes()).toBe(before);
    expect(seen()).toBeNull();

    expect(kiosks.useKiosk(token)).toMatchObject({ name: 'lobby kiosk', purpose: 'tickets' });
    expect(seen()).toBe('2026-11-26T09:00:00+08:00');
    clock.advance(30_000);
    kiosks.useKiosk(token);
    expect(seen()).toBe('2026-11-26T09:00:00+08:00');
    clock.advance(31_000);
    kiosks.useKiosk(token);
    expect(seen()).toBe('2026-11-26T09:01:01+08:00');
    expect(kiosks.useKiosk('made-up')).toBeNull();
  });
});
