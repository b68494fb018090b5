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
export const PURGE_BATCH = 500;

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
 * batch of at most PURGE_BATCH rows per step (run it with runInTurns). A kind
 * with nothing to purge is only asked (a read): it takes no write lock, which
 * an import on a worker may be holding. Each kind that purged anything is
 * audited with its count and cutoff, never with what it held.
 *
 * Two kinds are read differently on the live database, where a nightly read of
 * every row would hold the loop: the phone tokens day by day from the first
 * day not yet done (tokenSteps), and the audit from its oldest rows (ids grow
 * with time; `at` has no index).
 */
export function* purgeSteps(db: Db, clock: Clock, timeZone: string, settings: RetentionSettings): Steps<PurgeCounts> {
  // Deleted rows are overwritten, so the night's copy (which copies free pages too) cannot carry them.
  db.pragma('secure_delete = ON');
  const counts: PurgeCounts = {};
  for (const rule of rules(clock.now(), timeZone, settings)) {
    const act = db.prepare(statement(rule, 'rowid IN (SELECT value FROM json_each(?))'));
    const apply = (ids: readonly number[]) => db.transaction(() => act.run(JSON.stringify(ids)).changes).immediate();
    let total = 0;
    let after: (() => void) | undefined;
    if (rule.kind === 'ticket-tokens') {
      const tokens = yield* tokenSteps(db, rule, apply);
      total = tokens.total;
      after = tokens.after;
    } else {
      const where = rule.kind === 'audit' ? `rowid IN (SELECT rowid FROM audit ORDER BY rowid LIMIT ${PURGE_BATCH}) AND ${rule.where}` : rule.where;
      const pick = db.prepare(`SELECT rowid FROM ${rule.table} WHERE ${where} LIMIT ${PURGE_BATCH}`).pluck();
      for (;;) {
        const ids = pick.all(...rule.params) as number[];
        if (ids.length === 0) break;
        total += apply(ids);
        if (ids.length < PURGE_BATCH) break;
        yield;
      }
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

const OPEN = `status IN ('waiting', 'called', 'serving', 'skipped')`;
/** Tickets still open before the window's start (a carried-over queue's), looked at again each night until they close. */
const TOKENS_OPEN_KEY = 'retention.tickets.openBefore';

/**
 * The phone tokens of closed tickets, one day of the window at a time (its
 * rows by the day index, so a batch never reads past the day), from the first
 * day not yet done to the cutoff, and the tickets that were still open when
 * their day was done. Where the next night starts is written with the last
 * batch (`after`), so a night with nothing to purge writes nothing.
 */
function* tokenSteps(db: Db, rule: Rule, apply: (ids: readonly number[]) => number): Generator<void, { total: number; after: () => void }, void> {
  const setting = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const from = (setting.get(TOKENS_FROM_KEY) as string | undefined) ?? '';
  const open = (setting.get(TOKENS_OPEN_KEY) as string | undefined) ?? '[]';
  const cutoff = rule.before;
  const closed = `${CLOSED} AND substr(token, 1, 1) <> '~'`;
  let total = 0;
  // CROSS JOIN keeps the list outermost: one look-up per id (as 'id IN (list)' the planner read every closed ticket, 0.1 s).
  const earlier = open === '[]' ? [] : (db.prepare(`SELECT t.id FROM json_each(?) AS j CROSS JOIN tickets AS t ON t.id = j.value WHERE ${closed}`).pluck().all(open) as number[]);
  if (earlier.length) total += apply(earlier);
  const nextDay = db.prepare('SELECT min(day) FROM tickets WHERE day > ? AND day < ?').pluck();
  const pick = db.prepare(`SELECT id FROM tickets WHERE day = ? AND ${closed} LIMIT ${PURGE_BATCH}`).pluck();
  // '' sorts before every day: the first night starts at the oldest ticket.
  let day = (db.prepare('SELECT min(day) FROM tickets WHERE day >= ? AND day < ?').pluck().get(from, cutoff) as string | null) ?? null;
  while (day !== null) {
    const ids = pick.all(day) as number[];
    if (ids.length) total += apply(ids);
    yield;
    if (ids.length < PURGE_BATCH) day = (nextDay.get(day, cutoff) as string | null) ?? null;
  }
  const after = () => {
    const stillOpen = db.prepare(`SELECT id FROM tickets WHERE ${OPEN} AND day < ?`).pluck().all(cutoff) as number[];
    const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    put.run(TOKENS_FROM_KEY, cutoff);
    put.run(TOKENS_OPEN_KEY, JSON.stringify(stillOpen));
  };
  return { total, after };
}
