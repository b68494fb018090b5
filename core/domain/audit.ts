import type { AuditFilter, AuditPage, AuditRow } from '../contract';
import type { Db } from '../store/db';
import { addDays, localToEpoch, type Clock } from '../store/clock';
import { actorWords, auditActionLabels, auditSentence, type AuditNames } from './audit-words';
import { maskName } from './privacy/mask';
import { columnChecks, intValue } from './row-check';

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

function entryOf(row: unknown): AuditRow {
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

export function listAudit(db: Db, limit = 200): AuditRow[] {
  return db
    .prepare(
      `SELECT a.id, a.at, u.username AS actor, a.action, a.target, a.detail
       FROM audit a LEFT JOIN users u ON u.id = a.actor_user_id ORDER BY a.id DESC LIMIT ?`,
    )
    .all(limit)
    .map(entryOf);
}

const ACTOR = columnChecks('audit actor');

/**
 * A page of the audit log, newest first, each row with its actor's masked name and what
 * happened in words. `action` ending in a dot is a group (user. → every account action).
 * Days are the site's: `to` takes the whole day.
 */
export function readAudit(db: Db, q: AuditFilter, site: { timeZone: string; names: AuditNames }): AuditPage {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (q.action) {
    if (q.action.endsWith('.')) {
      where.push('substr(a.action, 1, ?) = ?');
      params.push(q.action.length, q.action);
    } else {
      where.push('a.action = ?');
      params.push(q.action);
    }
  }
  if (q.actor) {
    where.push('u.username = ?');
    params.push(q.actor);
  }
  if (q.from) {
    where.push('a.at >= ?');
    params.push(localToEpoch(q.from, '00:00', site.timeZone));
  }
  if (q.to) {
    where.push('a.at < ?');
    params.push(localToEpoch(addDays(q.to, 1), '00:00', site.timeZone));
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const from = 'FROM audit a LEFT JOIN users u ON u.id = a.actor_user_id';
  const total = intValue(db.prepare(`SELECT COUNT(*) ${from} ${filter}`).pluck().get(...params), 'audit count');
  const rows = db
    .prepare(`SELECT a.id, a.at, u.username AS actor, u.display_name AS actor_name, a.action, a.target, a.detail ${from} ${filter} ORDER BY a.id DESC LIMIT ? OFFSET ?`)
    .all(...params, q.pageSize, (q.page - 1) * q.pageSize)
    .map((r) => {
      const row = entryOf(r);
      const name = ACTOR.textOrNull(ACTOR.row(r).actor_name, 'actor_name');
      const actorName = name ? maskName(name) : null;
      return { ...row, actorName, summary: auditSentence(row, actorWords(actorName, row.actor), site.names) };
    });
  const actors = db
    .prepare('SELECT username, display_name FROM users ORDER BY username')
    .all()
    .map((r) => {
      const u = ACTOR.row(r);
      return { username: ACTOR.text(u.username, 'username'), name: maskName(ACTOR.text(u.display_name, 'display_name')) };
    });
  return { entries: rows, total, page: q.page, pageSize: q.pageSize, actions: auditActionLabels(), actors };
}

/** Whether any row of an action (or a group ending in a dot) was ever written. */
export function hasAudit(db: Db, action: string): boolean {
  const row = action.endsWith('.')
    ? db.prepare('SELECT 1 FROM audit WHERE substr(action, 1, ?) = ? LIMIT 1').get(action.length, action)
    : db.prepare('SELECT 1 FROM audit WHERE action = ? LIMIT 1').get(action);
  return row !== undefined;
}

/** How many different targets rows of an action group (ending in a dot) name, e.g. the guide sections ever saved. */
export function auditedTargets(db: Db, group: string): number {
  return intValue(db.prepare('SELECT COUNT(DISTINCT target) FROM audit WHERE substr(action, 1, ?) = ?').pluck().get(group.length, group), 'audited targets');
}
