import type { AuditEntry } from '../contract';
import type { Db } from '../store/db';
import type { Clock } from '../store/clock';

export interface AuditRecord {
  actorUserId: number | null;
  action: string;
  target: string;
  detail?: Record<string, unknown>;
}

/** Called inside the transaction of the change it records, so neither lands alone. */
export function writeAudit(db: Db, clock: Clock, rec: AuditRecord): void {
  db.prepare('INSERT INTO audit (at, actor_user_id, action, target, detail) VALUES (?, ?, ?, ?, ?)').run(
    clock.now(),
    rec.actorUserId,
    rec.action,
    rec.target,
    JSON.stringify(rec.detail ?? {}),
  );
}

export function listAudit(db: Db, limit = 200): AuditEntry[] {
  const rows = db
    .prepare(
      `SELECT a.id, a.at, u.username AS actor, a.action, a.target, a.detail
       FROM audit a LEFT JOIN users u ON u.id = a.actor_user_id ORDER BY a.id DESC LIMIT ?`,
    )
    .all(limit) as { id: number; at: number; actor: string | null; action: string; target: string; detail: string }[];
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}
