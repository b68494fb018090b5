import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './db';

/**
 * SQLite work that cannot be cut into steps — the nightly copy of the
 * database, ANALYZE, integrity_check — runs on a worker thread with its own
 * connections, so the main loop keeps polling the printer and feeding the live
 * screens meanwhile. (WAL lets the worker read a snapshot beside the lobby's
 * connection, which keeps writing.)
 *
 * The worker is a small plain-JS string run with `eval: true`, not a module
 * file: the core runs as .ts under tsx and vitest and bundled into one .cjs
 * for Electron, and a worker file path would be wrong in at least one of them.
 * better-sqlite3 is found here, in the main thread (it is external to the
 * Electron bundle, so it is in node_modules in every runtime), and the
 * Electron build's own addon is passed on as `nativeBinding`.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { sqlite, file, to, analyze, nativeBinding } = workerData;
const Database = require(sqlite);
const open = (path, readonly) => {
  const db = new Database(path, { readonly, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  db.pragma('busy_timeout = 10000');
  return db;
};
(async () => {
  const src = open(file, true);
  try {
    // After the first 100 pages, the rest in one step: one read snapshot, one commit of the copy.
    await src.backup(to, { progress: () => 1e9 });
  } finally {
    src.close();
  }
  const copy = open(to, false);
  try {
    let stats = null;
    let analyzeError = null;
    if (analyze) {
      try {
        copy.exec('ANALYZE');
        stats = {};
        for (const t of ['sqlite_stat1', 'sqlite_stat4']) {
          if (copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t)) stats[t] = copy.prepare('SELECT * FROM ' + t).all();
        }
      } catch (err) {
        analyzeError = String((err && err.message) || err);
      }
    }
    const check = copy.pragma('integrity_check').map((r) => r.integrity_check).join('; ');
    return { check, stats, analyzeError };
  } finally {
    copy.close();
  }
})().then(
  (result) => parentPort.postMessage({ ok: true, result }),
  (err) => parentPort.postMessage({ ok: false, message: String((err && err.message) || err) }),
);
`;

/** The planner's statistics as ANALYZE wrote them: the rows of sqlite_stat1 (and sqlite_stat4), by table. */
export type PlannerStats = Partial<Record<'sqlite_stat1' | 'sqlite_stat4', Record<string, unknown>[]>>;

export interface CopyResult {
  /** 'ok' or what integrity_check found wrong with the copy. */
  check: string;
  /** With `analyze`: the statistics ANALYZE gathered on the copy, or null if it failed (analyzeError says why). */
  stats: PlannerStats | null;
  analyzeError: string | null;
}

let sqlitePath: string | undefined;
function betterSqlite3(): string {
  sqlitePath ??= createRequire(import.meta.url).resolve('better-sqlite3');
  return sqlitePath;
}

/**
 * Copies the database file to `to` with SQLite's online backup API, optionally
 * runs ANALYZE on the copy, and checks the copy, all on a worker thread.
 *
 * Why on the copy: ANALYZE holds the database's write lock while it reads
 * every index (1.3 s over a year of tickets), and any write on the main
 * connection meanwhile — the sweeper's, a kiosk's — waits for it in
 * busy_timeout, which blocks the loop. The copy is the same data at the same
 * moment, so its statistics are the live database's; writing them back is a
 * few dozen rows (applyPlannerStats).
 */
export function copyOffThread(file: string, to: string, opts: { analyze?: boolean; nativeBinding?: string } = {}): Promise<CopyResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SOURCE, { eval: true, workerData: { sqlite: betterSqlite3(), file, to, analyze: opts.analyze ?? false, nativeBinding: opts.nativeBinding } });
    let settled = false;
    worker.once('message', (m: { ok: true; result: CopyResult } | { ok: false; message: string }) => {
      settled = true;
      if (m.ok) resolve(m.result);
      else reject(new Error(m.message));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the database copy's worker stopped (exit code ${code})`));
    });
  });
}

/**
 * Puts statistics gathered on a copy into the live database, in one short
 * transaction, and has this connection's planner use them at once
 * (`ANALYZE sqlite_master` reloads the tables; it scans nothing).
 */
export function applyPlannerStats(db: Db, stats: PlannerStats): void {
  const has = (t: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) !== undefined;
  // The stat tables exist once anything was analyzed; the smallest table will do.
  if (!has('sqlite_stat1')) db.exec('ANALYZE schema_migrations');
  db.transaction(() => {
    for (const [table, rows] of Object.entries(stats)) {
      if (!has(table)) continue;
      db.exec(`DELETE FROM ${table}`);
      for (const row of rows ?? []) {
        const cols = Object.keys(row);
        db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
      }
    }
  })();
  db.exec('ANALYZE sqlite_master');
}
