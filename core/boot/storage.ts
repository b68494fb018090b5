import { createLogger, type Logger } from '../log';
import { openDb, type Db } from '../store/db';

/** The lobby's log (files in <data>/logs, stdout too for serve); stopping flushes what is buffered. */
export async function openLog(opts: { dir: string; stdout: boolean; level?: string }): Promise<{ logger: Logger; stop(): Promise<void> }> {
  const logger = await createLogger(opts);
  return { logger, stop: () => new Promise<void>((r) => logger.flush(() => r())) };
}

/** The SQLite file (WAL, migrated); stopping closes it. */
export function openDatabase(file: string, nativeBinding: string | undefined): { db: Db; stop(): void } {
  const db = openDb(file, { nativeBinding });
  return { db, stop: () => db.close() };
}
