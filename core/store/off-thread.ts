import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite work that cannot be cut into steps — ANALYZE over a year of tickets,
 * integrity_check of a backup copy — runs on a worker thread with its own
 * connection to the file, so the main loop keeps polling the printer and
 * feeding the live screens meanwhile. (WAL lets a second connection read
 * beside the lobby's; ANALYZE's short write waits on busy_timeout in the worker.)
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
const { sqlite, file, job, nativeBinding } = workerData;
let db;
try {
  const Database = require(sqlite);
  db = new Database(file, { readonly: job === 'integrity_check', fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  db.pragma('busy_timeout = 10000');
  let result = null;
  if (job === 'integrity_check') result = db.pragma('integrity_check').map((r) => r.integrity_check).join('; ');
  else if (job === 'analyze') db.exec('ANALYZE');
  parentPort.postMessage({ ok: true, result });
} catch (err) {
  parentPort.postMessage({ ok: false, message: String((err && err.message) || err) });
} finally {
  if (db) db.close();
}
`;

type Job = 'integrity_check' | 'analyze';

let sqlitePath: string | undefined;
function betterSqlite3(): string {
  sqlitePath ??= createRequire(import.meta.url).resolve('better-sqlite3');
  return sqlitePath;
}

function run(job: Job, file: string, nativeBinding: string | undefined): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SOURCE, { eval: true, workerData: { sqlite: betterSqlite3(), file, job, nativeBinding } });
    let settled = false;
    worker.once('message', (m: { ok: true; result: string | null } | { ok: false; message: string }) => {
      settled = true;
      if (m.ok) resolve(m.result);
      else reject(new Error(m.message));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the ${job} worker stopped (exit code ${code})`));
    });
  });
}

/** 'ok' or SQLite's description of what is wrong, read on a worker thread. */
export async function integrityCheckOffThread(file: string, nativeBinding?: string): Promise<string> {
  return (await run('integrity_check', file, nativeBinding)) ?? '';
}

/**
 * Refreshes the planner's statistics of the database file on a worker thread.
 * Another connection's ANALYZE is not seen by `db` until it reloads them,
 * which `ANALYZE sqlite_master` does (it reads sqlite_stat1, it scans nothing).
 */
export async function analyzeOffThread(db: { name: string; exec(sql: string): unknown }, nativeBinding?: string): Promise<void> {
  await run('analyze', db.name, nativeBinding);
  db.exec('ANALYZE sqlite_master');
}
