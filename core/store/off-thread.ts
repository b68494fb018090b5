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
  return runWorker<CopyResult>(SOURCE, { sqlite: betterSqlite3(), file, to, analyze: opts.analyze ?? false, nativeBinding: opts.nativeBinding }, "the database copy's worker");
}

/** Runs an eval'd worker source and settles with the one message it posts. */
function runWorker<T>(source: string, workerData: Record<string, unknown>, what: string, started?: (worker: Worker) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData });
    started?.(worker);
    let settled = false;
    worker.once('message', (m: { ok: true; result: T } | { ok: false; message: string }) => {
      settled = true;
      if (m.ok) resolve(m.result);
      else reject(new Error(m.message));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`${what} stopped (exit code ${code})`));
    });
  });
}

/**
 * One statement of a write done in one transaction: run once with `params`,
 * or once per row of `rows` (a bulk insert). Plain SQL and values, so the same
 * steps run on the lobby's connection or on a worker's (runSteps, stepsOffThread).
 */
export interface SqlStep {
  sql: string;
  params?: readonly unknown[];
  rows?: readonly (readonly unknown[])[];
}

/** Rows changed by each step, in order. */
export type StepChanges = number[];

/** Runs the steps on this connection, inside the caller's transaction. */
export function runSteps(db: Db, steps: readonly SqlStep[]): StepChanges {
  return steps.map((step) => {
    const stmt = db.prepare(step.sql);
    if (!step.rows) return stmt.run(...(step.params ?? [])).changes;
    let changes = 0;
    for (const row of step.rows) changes += stmt.run(...row).changes;
    return changes;
  });
}

const STEPS_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { sqlite, file, steps, nativeBinding } = workerData;
const Database = require(sqlite);
// Bulk rows arrive in chunks after the start (see stepsOffThread); 'run' says they are all here.
parentPort.on('message', (m) => {
  if (m.type === 'rows') {
    const step = steps[m.step];
    step.rows = step.rows || [];
    for (const row of m.rows) step.rows.push(row);
    return;
  }
  parentPort.removeAllListeners('message');
  parentPort.unref();
  try {
    const db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    try {
      db.pragma('busy_timeout = 10000');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      const run = db.transaction(() => steps.map((step) => {
        const stmt = db.prepare(step.sql);
        if (!step.rows) return stmt.run(...(step.params || [])).changes;
        let changes = 0;
        for (const row of step.rows) changes += stmt.run(...row).changes;
        return changes;
      }));
      parentPort.postMessage({ ok: true, result: run.immediate() });
    } finally {
      db.close();
    }
  } catch (err) {
    parentPort.postMessage({ ok: false, message: String((err && err.message) || err) });
  }
});
`;

/** Rows handed to the worker per turn of the loop: copying them is quick, but 15,000 at once held it ~8 ms. */
const ROWS_PER_TURN = 1000;

/**
 * The same steps in one IMMEDIATE transaction on a worker thread with its own
 * connection: a bulk write (a 5,000-row hearing file: tens of ms of B-tree
 * work however it is written) lands whole or not at all while the main loop
 * goes on polling devices. A write the lobby makes meanwhile waits for it in
 * busy_timeout, which is as long as the transaction, not as long as the file's reading.
 */
export async function stepsOffThread(file: string, steps: readonly SqlStep[], opts: { nativeBinding?: string } = {}): Promise<StepChanges> {
  const heads = steps.map((step) => ({ sql: step.sql, ...(step.params ? { params: step.params } : {}), ...(step.rows ? { rows: [] } : {}) }));
  let worker: Worker | undefined;
  const done = runWorker<StepChanges>(STEPS_SOURCE, { sqlite: betterSqlite3(), file, steps: heads, nativeBinding: opts.nativeBinding }, 'the database write worker', (w) => (worker = w));
  for (const [i, step] of steps.entries()) {
    for (let at = 0; at < (step.rows?.length ?? 0); at += ROWS_PER_TURN) {
      worker!.postMessage({ type: 'rows', step: i, rows: step.rows!.slice(at, at + ROWS_PER_TURN) });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  worker!.postMessage({ type: 'run' });
  return done;
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
