import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROLES, type CreateUserRequest, type SetupRequest, type StaffUser, type UpdateUserRequest } from '../../contract';
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

  function listUsers(): StaffUser[] {
    return db
      .prepare('SELECT * FROM users WHERE disabled = 0 ORDER BY username')
      .all()
      .map((r) => userOf(r).user);
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
  function updateUser(actor: StaffUser, id: number, req: UpdateUserRequest): StaffUser | null {
    return inTransaction(db, () => {
      const row = maybeRow(db.prepare('SELECT * FROM users WHERE id = ?').get(id), userOf)?.user;
      if (!row) throw new DomainError('not_found', `No account ${id}.`);
      if (req.disabled && id === actor.id) throw new DomainError('conflict', 'You cannot disable your own account.');
      if (req.roles) db.prepare('UPDATE users SET roles = ? WHERE id = ?').run(JSON.stringify([...new Set(req.roles)]), id);
      if (req.disabled !== undefined) db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(req.disabled ? 1 : 0, id);
      if (req.disabled) db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
      writeAudit(db, clock, { actorUserId: actor.id, action: 'user.update', target: `user:${row.username}`, detail: { ...req } });
      bus.emit('staff.changed', { action: 'user.update' });
      return getUser(id);
    });
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

  return { needsSetup, ensureSetupCode, setupFirstAdmin, listUsers, createUser, updateUser, unlockUser, login, logout, sessionUser, useSession, csrfTokenFor, checkCsrf };
}

export type Accounts = ReturnType<typeof createAccounts>;
