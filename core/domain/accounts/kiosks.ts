import { createHash, randomBytes } from 'node:crypto';
import { kioskPurposeSchema, type KioskPurpose } from '../../contract';
import type { Clock } from '../../store/clock';
import { localIso } from '../../store/clock';
import { inTransaction, type Db } from '../../store/db';
import { writeAudit } from '../audit';
import { DomainError } from '../errors';
import { columnChecks, maybeRow } from '../row-check';

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

const KIOSK = columnChecks('kiosks row');
const PROVISIONING = columnChecks('kiosk_provisioning row');
const purposeOf = (text: string): KioskPurpose | undefined => {
  const parsed = kioskPurposeSchema.safeParse(text);
  return parsed.success ? parsed.data : undefined;
};
const PURPOSE = '"tickets" or "rating:<counter id>"';

function kioskOf(row: unknown): Kiosk & { createdAt: number; lastSeenAt: number | null; revokedAt: number | null } {
  const r = KIOSK.row(row);
  return {
    id: KIOSK.int(r.id, 'id'),
    name: KIOSK.text(r.name, 'name'),
    purpose: KIOSK.parsed(r.purpose, purposeOf, 'purpose', PURPOSE),
    createdAt: KIOSK.time(r.created_at, 'created_at'),
    lastSeenAt: KIOSK.timeOrNull(r.last_seen_at, 'last_seen_at'),
    revokedAt: KIOSK.timeOrNull(r.revoked_at, 'revoked_at'),
  };
}

function provisioningOf(row: unknown): { usedAt: number | null; expiresAt: number; createdBy: number | null; purpose: KioskPurpose } {
  const r = PROVISIONING.row(row);
  return {
    usedAt: PROVISIONING.timeOrNull(r.used_at, 'used_at'),
    expiresAt: PROVISIONING.time(r.expires_at, 'expires_at'),
    createdBy: PROVISIONING.intOrNull(r.created_by, 'created_by'),
    purpose: PROVISIONING.parsed(r.purpose, purposeOf, 'purpose', PURPOSE),
  };
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
      const row = maybeRow(db.prepare('SELECT * FROM kiosk_provisioning WHERE code_hash = ?').get(sha256(code)), provisioningOf);
      if (!row || row.usedAt !== null || row.expiresAt < clock.now()) {
        throw new DomainError('forbidden', '此設定連結無效或已使用 / This set-up link is not valid, has expired, or was used already.');
      }
      db.prepare('UPDATE kiosk_provisioning SET used_at = ? WHERE code_hash = ?').run(clock.now(), sha256(code));
      return { token: issueToken(name, row.createdBy, 'kiosk.provision', row.purpose), purpose: row.purpose };
    });
  }

  /** The Electron kiosk window's credential: a fresh one each start, the previous one revoked. */
  function builtIn(name: string): string {
    return inTransaction(db, () => {
      db.prepare('UPDATE kiosks SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL').run(clock.now(), name);
      return issueToken(name, null, 'kiosk.built-in');
    });
  }

  function activeKiosk(token: string | undefined) {
    if (!token || token.length > 100) return undefined;
    return maybeRow(db.prepare('SELECT * FROM kiosks WHERE token_hash = ? AND revoked_at IS NULL').get(sha256(token)), kioskOf);
  }

  /** The kiosk a credential belongs to, if not revoked; only reads. */
  function kioskFor(token: string | undefined): Kiosk | null {
    const row = activeKiosk(token);
    return row ? { id: row.id, name: row.name, purpose: row.purpose } : null;
  }

  /**
   * A device presenting its credential (a request, a live socket's hello or re-check): its
   * kiosk, and when it was last seen stamped for the staff's list, at most once a minute.
   */
  function useKiosk(token: string | undefined): Kiosk | null {
    const row = activeKiosk(token);
    if (!row) return null;
    const now = clock.now();
    if (row.lastSeenAt === null || now - row.lastSeenAt > 60_000) db.prepare('UPDATE kiosks SET last_seen_at = ? WHERE id = ?').run(now, row.id);
    return { id: row.id, name: row.name, purpose: row.purpose };
  }

  function list(): { id: number; name: string; purpose: KioskPurpose; createdAt: string; lastSeenAt: string | null; revoked: boolean }[] {
    return db
      .prepare('SELECT * FROM kiosks ORDER BY id DESC LIMIT 100')
      .all()
      .map(kioskOf)
      .map((r) => ({
        id: r.id,
        name: r.name,
        purpose: r.purpose,
        createdAt: localIso(r.createdAt, deps.timeZone),
        lastSeenAt: r.lastSeenAt === null ? null : localIso(r.lastSeenAt, deps.timeZone),
        revoked: r.revokedAt !== null,
      }));
  }

  function revoke(actorUserId: number, id: number): void {
    inTransaction(db, () => {
      const n = db.prepare('UPDATE kiosks SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(clock.now(), id).changes;
      if (!n) throw new DomainError('not_found', `No active kiosk ${id}.`);
      writeAudit(db, clock, { actorUserId, action: 'kiosk.revoke', target: `kiosk:${id}` });
    });
  }

  return { provisioningCode, redeem, builtIn, kioskFor, useKiosk, list, revoke, issueToken };
}

export type Kiosks = ReturnType<typeof createKiosks>;
