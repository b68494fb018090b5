import type { AuditEntry } from '../contract';
import type { Db } from '../store/db';
import type { Clock } from '../store/clock';
import { columnChecks } from './row-check';

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

const AUDIT = columnChecks('audit row');

function entryOf(row: unknown): AuditEntry {
  const r = AUDIT.row(row);
  return {
    id: AUDIT.int(r.id, 'id'),
    at: new Date(AUDIT.time(r.at, 'at')).toISOString(),
    actor: AUDIT.textOrNull(r.actor, 'actor'),
    action: AUDIT.text(r.action, 'action'),
    target: AUDIT.text(r.target, 'target'),
    detail: AUDIT.text(r.detail, 'detail'),
  };
}

export function listAudit(db: Db, limit = 200): AuditEntry[] {
  return db
    .prepare(
      `SELECT a.id, a.at, u.username AS actor, a.action, a.target, a.detail
       FROM audit a LEFT JOIN users u ON u.id = a.actor_user_id ORDER BY a.id DESC LIMIT ?`,
    )
    .all(limit)
    .map(entryOf);
}
