import type { DataPaths } from './boot/data-dir';
import type { SiteConfig } from './config/schema';
import { purgeInboxFiles } from './devices/hearing-inbox';
import { writeAudit } from './domain/audit';
import { purgeSteps, retentionSteps, type RetentionSettings } from './domain/privacy/retention';
import type { Stats } from './domain/stats/stats';
import { runInTurns } from './domain/turns';
import { purgeLogs } from './log';
import { backupNow, purgeBackups } from './store/backup';
import { addDays, localDay, localHhmm, type Clock } from './store/clock';
import type { Db } from './store/db';

const DAY_MS = 86_400_000;

export interface NightlyDeps {
  db: Db;
  clock: Clock;
  timeZone: string;
  stats: Pick<Stats, 'sealInTurns'>;
  /** site.backup: the local hour (HH:MM), the folder, how many days of copies to keep. */
  backup: { at: string; dir: string; keepDays: number };
  /**
   * What personal data is kept how long (site.retention, detainees.retentionDays), and the
   * folders of the files that hold some: the case system's handled files and the log.
   */
  retention: RetentionSettings & { inboxDir: string; inboxFilesDays: number; logsDir: string; logsDays: number };
  /** better-sqlite3's addon for Electron, for the worker threads' own connections. */
  nativeBinding?: string;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface Nightly {
  /** Asked on every scheduler tick, right after the midnight expiry: starts the night's work once a day, at or after the hour. */
  tick(now: number): void;
  /** Resolves when no night's work is running (the lobby waits for it before closing the database). */
  idle(): Promise<void>;
}

/**
 * The night's maintenance, in this order: store the figures of the days that
 * closed (the longest report range back; the midnight expiry has closed
 * yesterday by then), purge personal data past its limit (database, handled
 * inbox files, old logs, and the kept backups), refresh the planner's
 * statistics so today's queries stay on their covering index, then copy the
 * database — after the purge, so the copy carries nothing expired. None of it holds the event
 * loop that polls the printer and feeds the live screens: the days are stored
 * one per turn; the copy, ANALYZE (on the copy) and the copy's integrity check
 * run on a worker thread, and only the statistics' few rows are written here.
 */
export function createNightly(deps: NightlyDeps): Nightly {
  const { db, clock, timeZone, log } = deps;
  let lastDay = '';
  let running: Promise<void> | null = null;

  /** Each kind audited with its count and cutoff only (the database kinds by purgeSteps). */
  async function purge(): Promise<void> {
    const r = deps.retention;
    const counts = await runInTurns(purgeSteps(db, clock, timeZone, r));
    const now = clock.now();
    const files = (target: string, count: number, days: number) => {
      if (count) writeAudit(db, clock, { actorUserId: null, action: 'retention.purge', target, detail: { count, before: new Date(now - days * DAY_MS).toISOString() } });
      return count;
    };
    counts['inbox-files'] = files('inbox-files', purgeInboxFiles(r.inboxDir, now - r.inboxFilesDays * DAY_MS), r.inboxFilesDays);
    counts['logs'] = files('logs', purgeLogs(r.logsDir, now - r.logsDays * DAY_MS), r.logsDays);
    // The kept copies get the same SQL: restoring last week's copy brings back no one the lobby has let go.
    const copies = await purgeBackups(deps.backup.dir, retentionSteps(now, timeZone, r), deps.nativeBinding);
    counts['backup-rows'] = copies.changed;
    if (copies.changed || copies.removed.length) {
      writeAudit(db, clock, { actorUserId: null, action: 'retention.purge', target: 'backups', detail: { count: copies.changed, removedCopies: copies.removed.length } });
    }
    if (copies.removed.length) log.error({ area: 'retention', files: copies.removed }, 'backups that could not be purged were removed');
    log.info({ area: 'retention', ...counts }, 'personal data past its limit purged');
  }

  async function run(day: string): Promise<void> {
    try {
      await deps.stats.sealInTurns(addDays(day, -400), day);
    } catch (err) {
      log.error({ area: 'stats', err }, 'storing the closed days failed');
    }
    try {
      await purge();
    } catch (err) {
      log.error({ area: 'retention', err }, 'purging personal data past its limit failed');
    }
    try {
      // ANALYZE then the copy, in one pass on a worker: the statistics are gathered on the copy
      // (ANALYZE on the live file would hold its write lock, and so any write here, for a second).
      const file = await backupNow(db, deps.backup.dir, clock, timeZone, deps.backup.keepDays, {
        analyze: true,
        nativeBinding: deps.nativeBinding,
        onAnalyzeError: (message) => log.error({ area: 'db', message }, 'ANALYZE failed'),
      });
      log.info({ area: 'backup', file }, 'backup written');
    } catch (err) {
      log.error({ area: 'backup', err }, 'backup failed');
    }
  }

  return {
    tick(now) {
      const today = localDay(now, timeZone);
      if (running || lastDay === today || localHhmm(now, timeZone) < deps.backup.at) return;
      lastDay = today;
      running = run(today).finally(() => (running = null));
    },
    async idle() {
      await running;
    },
  };
}

/**
 * The lobby's night from the site's settings and the data folder's paths (backups
 * go to the site's folder when it names one). A lobby started after the hour does
 * the day's work on its first tick. Stopping waits for a night's work under way:
 * the database closes after it.
 */
export function scheduleNightly(deps: {
  db: Db;
  clock: Clock;
  site: Pick<SiteConfig, 'timeZone' | 'backup' | 'retention' | 'detainees'>;
  paths: Pick<DataPaths, 'backups' | 'hearingInbox' | 'logs'>;
  stats: NightlyDeps['stats'];
  nativeBinding?: string;
  log: NightlyDeps['log'];
}): Nightly & { stop(): Promise<void> } {
  const { site, paths } = deps;
  const nightly = createNightly({
    db: deps.db,
    clock: deps.clock,
    timeZone: site.timeZone,
    stats: deps.stats,
    backup: { at: site.backup.at, dir: site.backup.dir ?? paths.backups, keepDays: site.backup.keepDays },
    retention: { ...site.retention, detaineesDays: site.detainees.retentionDays, inboxDir: paths.hearingInbox, logsDir: paths.logs },
    nativeBinding: deps.nativeBinding,
    log: deps.log,
  });
  return { ...nightly, stop: () => nightly.idle() };
}
