import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROLES, type ChangeOwnPasswordRequest, type CreateUserRequest, type Role, type SetupRequest, type StaffUser, type UpdateUserRequest } from '../../contract';
import type { Clock } from '../../store/clock';
import type { Db } from '../../store/db';
import { inTransaction } from '../../store/db';
import { writeAudit } from '../audit';
import type { EventBus } from '../events';
import { DomainError } from '../errors';
import { maskName } from '../privacy/mask';
import { columnChecks, intValue, maybeRow, textOrNullValue } from '../row-check';
import { hashPassword, verifyPassword } from './passwords';
import { createSignInGuard } from './sign-in-guard';

const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** A console left signed in and untouched this long signs out by itself. */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
const SETUP_KEY = 'setup_code_hash';

interface UserRow {
  user: StaffUser;
  passwordHash: string;
  disabled: boolean;
}

interface SessionRow {
  userId: number;
  expiresAt: number;
  lastSeenAt: number;
}

const USER = columnChecks('users row');
const SESSION = columnChecks('sessions row');

function userOf(row: unknown): UserRow {
  const r = USER.row(row);
  return {
    user: {
      id: USER.int(r.id, 'id'),
      username: USER.text(r.username, 'username'),
      displayName: USER.text(r.display_name, 'display_name'),
      roles: USER.jsonOneOf(r.roles, ROLES, 'roles'),
    },
    passwordHash: USER.text(r.password_hash, 'password_hash'),
    disabled: USER.int(r.disabled, 'disabled') !== 0,
  };
}

function sessionOf(row: unknown): SessionRow {
  const r = SESSION.row(row);
  return {
    userId: SESSION.int(r.user_id, 'user_id'),
    expiresAt: SESSION.time(r.expires_at, 'expires_at'),
    lastSeenAt: SESSION.time(r.last_seen_at, 'last_seen_at'),
  };
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

// A fixed hash to verify against when the user does not exist, so a wrong
// username and a wrong password take the same time.
let dummyHash: Promise<string> | null = null;

export function createAccounts(deps: { db: Db; clock: Clock; bus: EventBus }) {
  const { db, clock, bus } = deps;
  const guard = createSignInGuard(() => clock.now());
  // Made now, not at the first unknown username: that first answer would take twice as long.
  dummyHash ??= hashPassword('not-a-real-password');

  function userCount(): number {
    return intValue(db.prepare('SELECT COUNT(*) FROM users').pluck().get(), 'user count');
  }

  function needsSetup(): boolean {
    return userCount() === 0;
  }

  /**
   * With no account yet, a one-time setup code is made and shown only to
   * whoever installs the lobby (console, data folder): there is never a
   * default password, and a LAN visitor cannot claim the first admin.
   */
  function ensureSetupCode(): string | null {
    if (!needsSetup()) return null;
    const code = randomBytes(12).toString('base64url');
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
      SETUP_KEY,
      sha256(code),
    );
    return code;
  }

  async function setupFirstAdmin(req: SetupRequest): Promise<StaffUser> {
    const stored = textOrNullValue(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(SETUP_KEY), 'setup code hash');
    const given = Buffer.from(sha256(req.setupCode), 'hex');
    if (!needsSetup() || !stored || !timingSafeEqual(given, Buffer.from(stored, 'hex'))) {
      throw new DomainError('forbidden', 'The setup code is not valid (or setup is already done).');
    }
    const hash = await hashPassword(req.password);
    return inTransaction(db, () => {
      if (!needsSetup()) throw new DomainError('conflict', 'Setup is already done.');
      const id = Number(
        db
          .prepare('INSERT INTO users (username, display_name, password_hash, roles, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(req.username, req.displayName, hash, JSON.stringify(['admin']), clock.now()).lastInsertRowid,
      );
      db.prepare('DELETE FROM settings WHERE key = ?').run(SETUP_KEY);
      writeAudit(db, clock, { actorUserId: id, action: 'user.setup', target: `user:${req.username}`, detail: { roles: ['admin'] } });
      bus.emit('staff.changed', { action: 'user.setup' });
      return getUser(id)!;
    });
  }

  function getUser(id: number): StaffUser | null {
    return maybeRow(db.prepare('SELECT * FROM users WHERE id = ? AND disabled = 0').get(id), userOf)?.user ?? null;
  }

  /** Every account, disabled ones too (marked): an admin may enable one again. */
  function listUsers(): StaffUser[] {
    return db
      .prepare('SELECT * FROM users ORDER BY disabled, username')
      .all()
      .map(userOf)
      .map((r) => ({ ...r.user, disabled: r.disabled }));
  }

  function accountRow(id: number): UserRow {
    const row = maybeRow(db.prepare('SELECT * FROM users WHERE id = ?').get(id), userOf);
    if (!row) throw new DomainError('not_found', `No account ${id}.`);
    return row;
  }

  /** Enabled accounts holding the admin role, other than `exceptId`. */
  function otherAdmins(exceptId: number): number {
    return db
      .prepare('SELECT * FROM users WHERE disabled = 0 AND id != ?')
      .all(exceptId)
      .map(userOf)
      .filter((r) => r.user.roles.includes('admin')).length;
  }

  async function createUser(actor: StaffUser, req: CreateUserRequest): Promise<StaffUser> {
    const hash = await hashPassword(req.password);
    return inTransaction(db, () => {
      const exists = db.prepare('SELECT 1 FROM users WHERE username = ?').get(req.username);
      if (exists) throw new DomainError('conflict', `The username ${req.username} is taken.`);
      const id = Number(
        db
          .prepare('INSERT INTO users (username, display_name, password_hash, roles, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(req.username, req.displayName, hash, JSON.stringify([...new Set(req.roles)]), clock.now()).lastInsertRowid,
      );
      writeAudit(db, clock, {
        actorUserId: actor.id,
        action: 'user.create',
        target: `user:${req.username}`,
        // The account row holds the full name; the audit, kept a year, only its masked form.
        detail: { roles: req.roles, displayName: maskName(req.displayName) },
      });
      bus.emit('staff.changed', { action: 'user.create' });
      return getUser(id)!;
    });
  }

  /**
   * Returns the session token for the cookie, or null when the credentials are wrong.
   * Wrong tries are slowed per (account, address), per address and per account (see
   * sign-in-guard.ts); none of them is a lock one address can put on another. The
   * username as typed is what is counted and audited, known or not, and an unknown one
   * costs the same scrypt as a real one: the answers and their timing do not tell
   * which usernames exist. `address`: the client's IP address.
   */
  async function login(username: string, password: string, address = 'local'): Promise<{ token: string; user: StaffUser } | null> {
    guard.enter(username, address);
    let row: UserRow | undefined;
    let ok: boolean;
    try {
      row = maybeRow(db.prepare('SELECT * FROM users WHERE username = ? AND disabled = 0').get(username), userOf);
      ok = await verifyPassword(password, row ? row.passwordHash : await (dummyHash ??= hashPassword('not-a-real-password')));
    } finally {
      guard.release(address);
    }
    const now = clock.now();
    if (!row || !ok) {
      const throttled = guard.failed(username, address);
      inTransaction(db, () => {
        writeAudit(db, clock, { actorUserId: null, action: 'login.failed', target: `user:${username}`, detail: { address } });
        for (const t of throttled) {
          writeAudit(db, clock, { actorUserId: null, action: 'login.throttled', target: `user:${username}`, detail: { address, scope: t.scope, failures: t.failures, waitSeconds: Math.ceil(t.waitMs / 1000) } });
        }
      });
      return null;
    }
    guard.succeeded(username, address);
    const { user } = row;
    const token = randomBytes(32).toString('base64url');
    inTransaction(db, () => {
      db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(user.id);
      db.prepare('DELETE FROM sessions WHERE expires_at < ? OR last_seen_at < ?').run(now, now - SESSION_IDLE_MS);
      db.prepare('INSERT INTO sessions (id_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)').run(
        sha256(token),
        user.id,
        now,
        now + SESSION_TTL_MS,
        now,
      );
      writeAudit(db, clock, { actorUserId: user.id, action: 'login', target: `user:${username}`, detail: { address } });
    });
    return { token, user };
  }

  /**
   * An admin ends every sign-in wait on an account (a clerk who mistyped, or an account
   * under attack whose owner must sign in from a new place). Audited with how many
   * waits it ended.
   */
  function unlockUser(actor: StaffUser, id: number): { cleared: number } {
    const username = textOrNullValue(db.prepare('SELECT username FROM users WHERE id = ?').pluck().get(id), 'username');
    if (username === null) throw new DomainError('not_found', `No account ${id}.`);
    const cleared = guard.unlock(username);
    inTransaction(db, () => {
      db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(id);
      writeAudit(db, clock, { actorUserId: actor.id, action: 'login.unlock', target: `user:${username}`, detail: { cleared } });
    });
    return { cleared };
  }

  /**
   * An account change that may end what its sessions may see (roles, disabled). Disabling
   * also ends its sessions. Live sockets hear it through `staff.changed`.
   */
  function updateUser(actor: StaffUser, id: number, req: UpdateUserRequest): StaffUser {
    return inTransaction(db, () => {
      const before = accountRow(id);
      const row = before.user;
      const roles: Role[] | undefined = req.roles ? [...new Set(req.roles)] : undefined;
      if (req.disabled && id === actor.id) throw new DomainError('conflict', '不能停用自己的帳號 / You cannot disable your own account.');
      if (roles && id === actor.id && row.roles.includes('admin') && !roles.includes('admin')) {
        throw new DomainError('conflict', '不能移除自己的系統管理員角色 / You cannot take the administrator role from yourself.');
      }
      // The lobby must keep one enabled admin, or nobody could manage accounts again.
      const losesAdmin = row.roles.includes('admin') && !before.disabled && (req.disabled === true || (roles !== undefined && !roles.includes('admin')));
      if (losesAdmin && otherAdmins(id) === 0) {
        throw new DomainError('conflict', '至少需保留一位啟用中的系統管理員 / At least one enabled administrator must remain.');
      }
      const detail: Record<string, unknown> = {};
      if (req.displayName !== undefined && req.displayName !== row.displayName) {
        db.prepare('UPDATE users SET display_name = ? WHERE id = ?').run(req.displayName, id);
        // The audit, kept a year, holds only the masked forms (as user.create does).
        detail.displayName = { from: maskName(row.displayName), to: maskName(req.displayName) };
      }
      if (roles && (roles.length !== row.roles.length || roles.some((r) => !row.roles.includes(r)))) {
        db.prepare('UPDATE users SET roles = ? WHERE id = ?').run(JSON.stringify(roles), id);
        detail.roles = { from: row.roles, to: roles };
      }
      if (req.disabled !== undefined && req.disabled !== before.disabled) {
        db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(req.disabled ? 1 : 0, id);
        detail.disabled = req.disabled;
      }
      if (req.disabled) detail.endedSessions = db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id).changes;
      writeAudit(db, clock, { actorUserId: actor.id, action: 'user.update', target: `user:${row.username}`, detail });
      bus.emit('staff.changed', { action: 'user.update' });
      const after = accountRow(id);
      return { ...after.user, disabled: after.disabled };
    });
  }

  /**
   * An admin sets a new password for someone who forgot theirs (told to them in person):
   * every session of that account ends. Not for one's own account: that needs the current
   * password (changeOwnPassword).
   */
  async function resetPassword(actor: StaffUser, id: number, password: string): Promise<{ endedSessions: number }> {
    if (id === actor.id) throw new DomainError('conflict', '請用「我的帳號」變更自己的密碼 / Change your own password under My account.');
    const { user } = accountRow(id);
    const hash = await hashPassword(password);
    const endedSessions = inTransaction(db, () => {
      db.prepare('UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE id = ?').run(hash, id);
      const ended = db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id).changes;
      writeAudit(db, clock, { actorUserId: actor.id, action: 'user.password.reset', target: `user:${user.username}`, detail: { endedSessions: ended } });
      return ended;
    });
    // Its sign-in waits belong to the old password.
    guard.unlock(user.username);
    bus.emit('staff.changed', { action: 'user.password.reset' });
    return { endedSessions };
  }

  /**
   * The signed-in person changes their own password, proving the current one (counted like
   * a sign-in, so a console left open is no way to guess it). Their other sessions end; the
   * one they are using stays.
   */
  async function changeOwnPassword(user: StaffUser, token: string, req: ChangeOwnPasswordRequest, address = 'local'): Promise<{ endedSessions: number }> {
    guard.enter(user.username, address);
    let ok: boolean;
    try {
      ok = await verifyPassword(req.currentPassword, accountRow(user.id).passwordHash);
    } finally {
      guard.release(address);
    }
    if (!ok) {
      guard.failed(user.username, address);
      writeAudit(db, clock, { actorUserId: user.id, action: 'user.password.refused', target: `user:${user.username}`, detail: { address } });
      throw new DomainError('forbidden', '目前的密碼不正確 / The current password is not correct.');
    }
    const hash = await hashPassword(req.newPassword);
    const endedSessions = inTransaction(db, () => {
      db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, user.id);
      const ended = db.prepare('DELETE FROM sessions WHERE user_id = ? AND id_hash != ?').run(user.id, sha256(token)).changes;
      writeAudit(db, clock, { actorUserId: user.id, action: 'user.password.change', target: `user:${user.username}`, detail: { endedSessions: ended } });
      return ended;
    });
    bus.emit('staff.changed', { action: 'user.password.change' });
    return { endedSessions };
  }

  /** A session neither expired nor idle too long, by its token's hash. */
  function liveSession(idHash: string, now: number): SessionRow | null {
    const row = maybeRow(db.prepare('SELECT user_id, expires_at, last_seen_at FROM sessions WHERE id_hash = ?').get(idHash), sessionOf);
    return row && row.expiresAt >= now && row.lastSeenAt >= now - SESSION_IDLE_MS ? row : null;
  }

  /**
   * The signed-in user of a session token; only reads. For checks that are not the
   * person's own activity (a live socket re-checking its topics): they must not keep an
   * idle console signed in.
   */
  function sessionUser(token: string | undefined): StaffUser | null {
    if (!token) return null;
    const row = liveSession(sha256(token), clock.now());
    return row ? getUser(row.userId) : null;
  }

  /**
   * A request the signed-in person made: their user, and their session's last activity
   * stamped, which keeps a console in use signed in (see SESSION_IDLE_MS). Stamped at most
   * once a minute: a busy console should not turn every request into a write.
   */
  function useSession(token: string | undefined): StaffUser | null {
    if (!token) return null;
    const idHash = sha256(token);
    const now = clock.now();
    const row = liveSession(idHash, now);
    if (!row) return null;
    if (now - row.lastSeenAt > 60_000) db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(now, idHash);
    return getUser(row.userId);
  }

  function logout(token: string | undefined): void {
    if (!token) return;
    const user = sessionUser(token);
    inTransaction(db, () => {
      db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(sha256(token));
      if (user) writeAudit(db, clock, { actorUserId: user.id, action: 'logout', target: `user:${user.username}` });
    });
    bus.emit('staff.changed', { action: 'logout' });
  }

  /**
   * The CSRF token is derived from the session secret: a page on another
   * origin can neither read the HttpOnly cookie nor this value.
   */
  function csrfTokenFor(token: string): string {
    return sha256(`csrf:${token}`);
  }

  function checkCsrf(sessionToken: string, given: string | undefined): boolean {
    if (!given) return false;
    const a = Buffer.from(csrfTokenFor(sessionToken));
    const b = Buffer.from(given);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  return {
    needsSetup,
    ensureSetupCode,
    setupFirstAdmin,
    listUsers,
    createUser,
    updateUser,
    resetPassword,
    changeOwnPassword,
    unlockUser,
    login,
    logout,
    sessionUser,
    useSession,
    csrfTokenFor,
    checkCsrf,
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
