import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import build from 'pino-roll';

export type { Logger };

/**
 * A library's error message may quote the data it choked on (csv-parse:
 * `value is "吳大同"`; JSON.parse: a snippet; SQLite: a constraint's values).
 * Errors are logged by type, code and where they happened; quoted text and
 * any non-ASCII letters in the message and stack are replaced by "…", and no
 * other property of the error (csv-parse adds `raw`, `record`, `field`) is kept.
 */
export function scrubPersonal(text: string): string {
  return text
    .replace(/"[^"\n]*"/g, '"…"')
    .replace(/'[^'\n]*'/g, "'…'")
    .replace(/[^\x00-\x7f]+/g, '…');
}

export function logSafeError(err: unknown): { type: string; code?: string; message: string; stack?: string } {
  if (!(err instanceof Error)) return { type: typeof err, message: scrubPersonal(String(err)) };
  const code = (err as { code?: unknown }).code;
  return {
    type: err.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: scrubPersonal(err.message),
    ...(err.stack ? { stack: scrubPersonal(err.stack) } : {}),
  };
}

/**
 * The lobby's log: JSON lines in <data>/logs/, a new file each day (or at
 * 20 MB), the last 30 kept, none older than site.retention.logsDays (purgeLogs). Requests are logged by method and path only —
 * no query string (a phone look-up carries a case number and a summons
 * code), no cookies, no bodies — and errors through logSafeError — so
 * personal data never reaches a log.
 */
export async function createLogger(opts: { dir: string; stdout: boolean; level?: string }): Promise<Logger> {
  const file = await build({ file: join(opts.dir, 'lobby'), extension: '.log', frequency: 'daily', size: '20m', mkdir: true, limit: { count: 30 } });
  const streams: pino.StreamEntry[] = [{ stream: file }];
  if (opts.stdout) streams.push({ stream: process.stdout });
  return loggerTo(pino.multistream(streams), opts.level);
}

/** The lobby's log lines (fields, redaction, serializers) written to `destination`: the files above, or a test's captured stream. */
export function loggerTo(destination: pino.DestinationStream, level = 'info'): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['req.headers', 'res.headers'], remove: true },
      serializers: {
        // A ticket's phone link is its secret (whoever has it follows the ticket): logged as the route, not the token.
        req: (req: { method?: string; url?: string; ip?: string }) => ({ method: req.method, path: req.url?.split('?')[0]?.replace(/\/phone\/t\/[^/]+/, '/phone/t/:token'), ip: req.ip }),
        res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
        err: logSafeError,
      },
    },
    destination,
  );
}

const LOG_FILE = /^lobby\.(\d+)\.log$/;

/**
 * Removes the log files last written before `olderThan` (ms since the epoch),
 * never the one being written (the highest number): request lines carry
 * addresses, so the log is personal data with a limit (site.retention.logsDays).
 * Returns how many went.
 */
export function purgeLogs(dir: string, olderThan: number): number {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => LOG_FILE.test(n));
  } catch {
    return 0;
  }
  const current = Math.max(...names.map((n) => Number(LOG_FILE.exec(n)![1])));
  let removed = 0;
  for (const name of names) {
    if (Number(LOG_FILE.exec(name)![1]) === current) continue;
    const file = join(dir, name);
    if (statSync(file).mtimeMs < olderThan) {
      rmSync(file, { force: true });
      removed++;
    }
  }
  return removed;
}
