import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Db } from './db';
import { localTime, localToEpoch, type Clock } from './clock';
import { applyPlannerStats, copyOffThread, stepsOffThread, type SqlStep } from './off-thread';

const NAME = /^lobby-(\d{8})-(\d{4})\.sqlite$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Copies the live database while the lobby keeps running (SQLite's online
 * backup API, from a read snapshot, so the kiosks keep writing meanwhile),
 * checks the copy with integrity_check, and keeps the newest `keepDays` days
 * of copies. Copy and check run on a worker thread: both touch every page.
 * With `analyze`, fresh planner statistics are gathered on the copy and put
 * into the live database too (see copyOffThread for why not on the live file),
 * so both end as if ANALYZE had run just before the copy.
 * `nativeBinding`: the Electron build's addon, for the worker's connections.
 */
export async function backupNow(
  db: Db,
  dir: string,
  clock: Clock,
  timeZone: string,
  keepDays: number,
  opts: { analyze?: boolean; nativeBinding?: string; onAnalyzeError?: (message: string) => void } = {},
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const t = localTime(clock.now(), timeZone);
  const file = join(dir, `lobby-${t.year}${pad(t.month)}${pad(t.day)}-${pad(t.hour)}${pad(t.minute)}.sqlite`);
  const partial = `${file}.partial`;
  const copy = await copyOffThread(db.name, partial, { analyze: opts.analyze, nativeBinding: opts.nativeBinding });
  if (copy.check !== 'ok') {
    rmSync(partial, { force: true });
    throw new Error(`backup failed its integrity check: ${copy.check}`);
  }
  if (copy.stats) applyPlannerStats(db, copy.stats);
  if (copy.analyzeError) opts.onAnalyzeError?.(copy.analyzeError);
  // Renamed only once whole, so a half-written file never looks like a backup (a rename, not a copy of every byte on this loop).
  await rename(partial, file);
  pruneBackups(dir, clock.now() - keepDays * 86_400_000, timeZone);
  return file;
}

export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => NAME.test(n))
    .sort()
    .map((n) => join(dir, n));
}

/** A copy's age is the local time in its name (the lobby's clock when it was made), not the file's time, which a copy to a new disk resets. */
function pruneBackups(dir: string, olderThan: number, timeZone: string): void {
  for (const file of listBackups(dir)) if (madeAt(file, timeZone) < olderThan) rmSync(file, { force: true });
}

function madeAt(file: string, timeZone: string): number {
  const m = NAME.exec(basename(file));
  if (!m) return statSync(file).mtimeMs;
  const [d, t] = [m[1]!, m[2]!];
  return localToEpoch(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`, `${t.slice(0, 2)}:${t.slice(2)}`, timeZone);
}

/**
 * Runs the night's purge (the same SQL as on the live database) on every kept
 * copy, each in one transaction on a worker thread, so a restored copy brings
 * back no personal data past its limit. A copy that cannot be purged is
 * removed rather than kept with what it should no longer hold. Returns the
 * rows changed per copy, and the copies removed.
 */
export async function purgeBackups(dir: string, steps: readonly SqlStep[], nativeBinding?: string): Promise<{ changed: number; removed: string[] }> {
  let changed = 0;
  const removed: string[] = [];
  for (const file of listBackups(dir)) {
    try {
      const counts = await stepsOffThread(file, steps, nativeBinding ? { nativeBinding } : {});
      changed += counts.reduce((a, b) => a + b, 0);
    } catch {
      rmSync(file, { force: true });
      for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
      removed.push(basename(file));
    }
  }
  return { changed, removed };
}

/** 'ok' or SQLite's description of what is wrong. */
export function verifyDatabase(file: string, nativeBinding?: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/**
 * Puts a backup in place of the database. The lobby must be stopped: the
 * live file and its WAL are replaced, and a copy of what was there is kept
 * beside it (lobby.sqlite.before-restore-<time>) in case the wrong backup was chosen.
 */
export function restoreBackup(backupFile: string, dataDir: string, now = Date.now()): { restored: string; previous: string | null } {
  const check = verifyDatabase(backupFile);
  if (check !== 'ok') throw new Error(`${basename(backupFile)} is damaged (${check}); choose another backup.`);
  const live = join(dataDir, 'lobby.sqlite');
  let previous: string | null = null;
  if (existsSync(live)) {
    // Fold the WAL into the file first so the kept copy is complete.
    const db = new Database(live);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    previous = `${live}.before-restore-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    copyFileSync(live, previous);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(live + suffix, { force: true });
  copyFileSync(backupFile, live);
  return { restored: live, previous };
}
