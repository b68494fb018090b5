import { createHash, randomBytes } from 'node:crypto';
import type { KioskPurpose } from '../../contract';
import type { Clock } from '../../store/clock';
import { localIso } from '../../store/clock';
import { inTransaction, type Db } from '../../store/db';
import { writeAudit } from '../audit';
import { DomainError } from '../errors';

const PROVISION_TTL_MS = 24 * 3600_000;

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export interface Kiosk {
  id: number;
  name: string;
  /** A ticket kiosk, or one counter's rating tablet: a credential does only what it is for. */
  purpose: KioskPurpose;
}

/**
 * Issuing a ticket needs a kiosk credential: a phone on the public Wi-Fi, or
 * a process that merely runs on this computer, cannot flood the queue. The
 * Electron kiosk window gets one from the main process; a browser kiosk is
 * provisioned once by opening a one-time link staff hand out. Only hashes are
 * stored, so a copy of the database holds no usable credential.
 */
export function createKiosks(deps: { db: Db; clock: Clock; timeZone: string }) {
  const { db, clock } = deps;

  function issueToken(name: string, actorUserId: number | null, action: string, purpose: KioskPurpose = 'tickets'): string {
    const token = randomBytes(32).toString('base64url');
    const id = Number(
      db
        .prepare('INSERT INTO kiosks (name, token_hash, created_at, created_by, purpose) VALUES (?, ?, ?, ?, ?)')
        .run(name, sha256(token), clock.now(), actorUserId, purpose).lastInsertRowid,
    );
    writeAudit(db, clock, { actorUserId, action, target: `kiosk:${id}`, detail: { name, purpose } });
    return token;
  }

  /** A one-time link code, valid for a day, for a credential with `purpose`. */
  function provisioningCode(actorUserId: number | null, purpose: KioskPurpose = 'tickets'): { code: string; expiresAt: string } {
    const code = randomBytes(12).toString('base64url');
    const expires = clock.now() + PROVISION_TTL_MS;
    db.prepare('INSERT INTO kiosk_provisioning (code_hash, created_at, expires_at, created_by, purpose) VALUES (?, ?, ?, ?, ?)').run(
      sha256(code),
      clock.now(),
      expires,
      actorUserId,
      purpose,
    );
    return { code, expiresAt: localIso(expires, deps.timeZone) };
  }

  /** The credential a one-time code was for; its purpose says where the device goes next. */
  function redeem(code: string, name: string): { token: string; purpose: KioskPurpose } {
    return inTransaction(db, () => {
      const row = db.prepare('SELECT * FROM kiosk_provisioning WHERE code_hash = ?').get(sha256(code)) as
        | { used_at: number | null; expires_at: number; created_by: number | null; purpose: KioskPurpose }
        | undefined;
      if (!row || row.used_at !== null || row.expires_at < clock.now()) {
        throw new DomainError('forbidden', '此設定連結無效或已使用 / This set-up link is not valid, has expired, or was used already.');
      }
      db.prepare('UPDATE kiosk_provisioning SET used_at = ? WHERE code_hash = ?').run(clock.now(), sha256(code));
      return { token: issueToken(name, row.created_by, 'kiosk.provision', row.purpose), purpose: row.purpose };
    });
  }

  /** The Electron kiosk window's credential: a fresh one each start, the previous one revoked. */
  function builtIn(name: string): string {
    return inTransaction(db, () => {
      db.prepare('UPDATE kiosks SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL').run(clock.now(), name);
      return issueToken(name, null, 'kiosk.built-in');
    });
  }

  function kioskFor(token: string | undefined): Kiosk | null {
    if (!token || token.length > 100) return null;
    const row = db.prepare('SELECT id, name, purpose, last_seen_at FROM kiosks WHERE token_hash = ? AND revoked_at IS NULL').get(sha256(token)) as
      | { id: number; name: string; purpose: KioskPurpose; last_seen_at: number | null }
      | undefined;
    if (!row) return null;
    if (row.last_seen_at === null || clock.now() - row.last_seen_at > 60_000) {
      db.prepare('UPDATE kiosks SET last_seen_at = ? WHERE id = ?').run(clock.now(), row.id);
    }
    return { id: row.id, name: row.name, purpose: row.purpose };
  }

  function list(): { id: number; name: string; purpose: KioskPurpose; createdAt: string; lastSeenAt: string | null; revoked: boolean }[] {
    const rows = db.prepare('SELECT * FROM kiosks ORDER BY id DESC LIMIT 100').all() as {
      id: number;
      name: string;
      purpose: KioskPurpose;
      created_at: number;
      last_seen_at: number | null;
      revoked_at: number | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      purpose: r.purpose,
      createdAt: localIso(r.created_at, deps.timeZone),
      lastSeenAt: r.last_seen_at === null ? null : localIso(r.last_seen_at, deps.timeZone),
      revoked: r.revoked_at !== null,
    }));
  }

  function revoke(actorUserId: number, id: number): void {
    inTransaction(db, () => {
      const n = db.prepare('UPDATE kiosks SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(clock.now(), id).changes;
      if (!n) throw new DomainError('not_found', `No active kiosk ${id}.`);
      writeAudit(db, clock, { actorUserId, action: 'kiosk.revoke', target: `kiosk:${id}` });
    });
  }

  return { provisioningCode, redeem, builtIn, kioskFor, list, revoke, issueToken };
}

export type Kiosks = ReturnType<typeof createKiosks>;
