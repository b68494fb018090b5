import { localDay, type Clock } from '../../store/clock';
import type { Db } from '../../store/db';
import type { SqlStep } from '../../store/off-thread';
import { SESSION_IDLE_MS } from '../accounts/accounts';
import { writeAudit } from '../audit';
import type { Steps } from '../turns';

/** The site's retention settings (site.retention) and the detainees' own (detainees.retentionDays). */
export interface RetentionSettings {
  hearingsDays: number;
  rosterDays: number;
  ticketTokensDays: number;
  expiredCredentialsDays: number;
  auditDays: number;
  detaineesDays: number;
}

/** Rows a purge changes per step: a few ms of B-tree work, so the loop that polls the printer gets a turn between them. */
export const PURGE_BATCH = 1000;

const DAY_MS = 86_400_000;
/** A closed ticket: its phone page has nothing more to tell. A skipped one may still be served in its grace time. */
const CLOSED = `status IN ('done', 'no_show', 'expired')`;
/** A phone token that was purged: '~' and the row id (unique, as the column requires), never the shape of a real token. */
const PURGED_TOKEN = `'~' || id`;
/** Where the live token purge starts next night (settings key): the days before it are done. */
const TOKENS_FROM_KEY = 'retention.tickets.tokensFrom';

/**
 * One kind of personal data past its limit: rows of `table` matching `where`
 * are deleted, or (with `set`) kept with their personal columns blanked.
 */
interface Rule {
  kind: string;
  table: string;
  where: string;
  params: readonly unknown[];
  set?: string;
  /** The cutoff as written in the audit row. */
  before: string;
}

/** The night's limits, from the clock: a day-based kind keeps rows of days from `localDay(now − N days)` on. */
function rules(now: number, timeZone: string, r: RetentionSettings): Rule[] {
  const dayBefore = (days: number) => localDay(now - days * DAY_MS, timeZone);
  const endedBefore = now - r.expiredCredentialsDays * DAY_MS;
  const iso = (ms: number) => new Date(ms).toISOString();
  return [
    // Persons (names, summons codes) go with their hearing: hearing_persons is ON DELETE CASCADE.
    { kind: 'hearings', table: 'hearings', where: 'day < ?', params: [dayBefore(r.hearingsDays)], before: dayBefore(r.hearingsDays) },
    { kind: 'roster', table: 'roster', where: 'day < ?', params: [dayBefore(r.rosterDays)], before: dayBefore(r.rosterDays) },
    { kind: 'detainees', table: 'detainees', where: 'day < ?', params: [dayBefore(r.detaineesDays)], before: dayBefore(r.detaineesDays) },
    {
      kind: 'ticket-tokens',
      table: 'tickets',
      where: `day < ? AND ${CLOSED} AND substr(token, 1, 1) <> '~'`,
      params: [dayBefore(r.ticketTokensDays)],
      set: `token = ${PURGED_TOKEN}`,
      before: dayBefore(r.ticketTokensDays),
    },
    // A session ends at its expiry or after its idle time, whichever comes first.
    {
      kind: 'sessions',
      table: 'sessions',
      where: 'expires_at < ? OR last_seen_at < ?',
      params: [endedBefore, endedBefore - SESSION_IDLE_MS],
      before: iso(endedBefore),
    },
    { kind: 'kiosk-codes', table: 'kiosk_provisioning', where: 'expires_at < ? OR used_at < ?', params: [endedBefore, endedBefore], before: iso(endedBefore) },
    { kind: 'kiosk-credentials', table: 'kiosks', where: 'revoked_at < ?', params: [endedBefore], before: iso(endedBefore) },
    { kind: 'audit', table: 'audit', where: 'at < ?', params: [now - r.auditDays * DAY_MS], before: iso(now - r.auditDays * DAY_MS) },
  ];
}

function statement(rule: Rule, where: string): string {
  return rule.set ? `UPDATE ${rule.table} SET ${rule.set} WHERE ${where}` : `DELETE FROM ${rule.table} WHERE ${where}`;
}

/**
 * The same purge as plain SQL, each kind in one statement: for a backup copy,
 * on a worker's connection (store/backup.ts purgeBackups), so that restoring
 * last week's copy does not bring back a person the lobby has since let go.
 * secure_delete: the freed pages are zeroed, not left readable in the file.
 */
export function retentionSteps(now: number, timeZone: string, settings: RetentionSettings): SqlStep[] {
  return [{ sql: 'PRAGMA secure_delete = ON' }, ...rules(now, timeZone, settings).map((rule) => ({ sql: statement(rule, rule.where), params: rule.params }))];
}

export interface PurgeCounts {
  [kind: string]: number;
}

/**
 * Purges each kind of personal data past its limit from the live database, a
 * batch of PURGE_BATCH rows per step (run it with runInTurns). A kind with
 * nothing to purge is only asked (a read): it takes no write lock, which an
 * import on a worker may be holding. Each kind that purged anything is audited
 * with its count and cutoff, never with what it held.
 *
 * Two kinds are read differently on the live database, where a nightly full
 * read would hold the loop: the phone tokens only from the first day not yet
 * done (a settings key; days with a ticket still open stay in the window), and
 * the audit from its oldest rows (ids grow with time; `at` has no index).
 */
export function* purgeSteps(db: Db, clock: Clock, timeZone: string, settings: RetentionSettings): Steps<PurgeCounts> {
  // Deleted rows are overwritten, so the night's copy (which copies free pages too) cannot carry them.
  db.pragma('secure_delete = ON');
  const counts: PurgeCounts = {};
  for (const rule of rules(clock.now(), timeZone, settings)) {
    let where = rule.where;
    let params = rule.params;
    let after: (() => void) | undefined;
    if (rule.kind === 'ticket-tokens') {
      const from = (db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(TOKENS_FROM_KEY) as string | undefined) ?? '';
      where = `day >= ? AND ${rule.where}`;
      params = [from, ...rule.params];
      after = () => {
        const open = db.prepare(`SELECT min(day) FROM tickets WHERE status IN ('waiting', 'called', 'serving', 'skipped')`).pluck().get() as string | null;
        const next = open !== null && open < rule.before ? open : rule.before;
        db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(TOKENS_FROM_KEY, next);
      };
    } else if (rule.kind === 'audit') {
      where = `rowid IN (SELECT rowid FROM audit ORDER BY rowid LIMIT ${PURGE_BATCH}) AND ${rule.where}`;
    }
    const pick = db.prepare(`SELECT rowid FROM ${rule.table} WHERE ${where} LIMIT ${PURGE_BATCH}`).pluck();
    const act = db.prepare(statement(rule, 'rowid IN (SELECT value FROM json_each(?))'));
    let total = 0;
    for (;;) {
      const ids = pick.all(...params) as number[];
      if (ids.length === 0) break;
      total += db.transaction(() => act.run(JSON.stringify(ids)).changes).immediate();
      if (ids.length < PURGE_BATCH) break;
      yield;
    }
    if (total > 0) {
      db.transaction(() => {
        after?.();
        writeAudit(db, clock, { actorUserId: null, action: 'retention.purge', target: rule.kind, detail: { count: total, before: rule.before } });
      }).immediate();
    }
    counts[rule.kind] = total;
    yield;
  }
  return counts;
}
