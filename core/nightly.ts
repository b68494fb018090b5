import type { Stats } from './domain/stats/stats';
import { backupNow } from './store/backup';
import { addDays, localDay, localHhmm, type Clock } from './store/clock';
import type { Db } from './store/db';

export interface NightlyDeps {
  db: Db;
  clock: Clock;
  timeZone: string;
  stats: Pick<Stats, 'sealInTurns'>;
  /** site.backup: the local hour (HH:MM), the folder, how many days of copies to keep. */
  backup: { at: string; dir: string; keepDays: number };
  /** better-sqlite3's addon for Electron, for the worker threads' own connections. */
  nativeBinding?: string;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface Nightly {
  /** Called on every sweeper tick, right after the midnight expiry: starts the night's work once a day, at or after the hour. */
  tick(): void;
  /** Resolves when no night's work is running (the lobby waits for it before closing the database). */
  idle(): Promise<void>;
}

/**
 * The night's maintenance, in this order: store the figures of the days that
 * closed (the longest report range back; the midnight expiry has closed
 * yesterday by then), refresh the planner's statistics so today's queries stay
 * on their covering index, then copy the database. None of it holds the event
 * loop that polls the printer and feeds the live screens: the days are stored
 * one per turn; the copy, ANALYZE (on the copy) and the copy's integrity check
 * run on a worker thread, and only the statistics' few rows are written here.
 */
export function createNightly(deps: NightlyDeps): Nightly {
  const { db, clock, timeZone, log } = deps;
  let lastDay = '';
  let running: Promise<void> | null = null;

  async function run(day: string): Promise<void> {
    try {
      await deps.stats.sealInTurns(addDays(day, -400), day);
    } catch (err) {
      log.error({ area: 'stats', err }, 'storing the closed days failed');
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
    tick() {
      const now = clock.now();
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
