import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { DomainError } from '../domain/errors';
import { readHearingsFileInTurns } from '../domain/hearings/import-file';
import type { NamedRoom } from '../domain/hearings/courtrooms';
import type { Hearings } from '../domain/hearings/hearings';

/**
 * The case system drops hearing files (CSV or JSON) into a folder; each is
 * imported whole or refused whole, then moved to done/ or refused/ (with a
 * .txt beside it giving each bad row's reason) so nothing is read twice.
 * Polled rather than watched: fs.watch misses events on network shares.
 */
export function watchHearingInbox(deps: { dir: string; hearings: Hearings; courtrooms: readonly NamedRoom[]; log(msg: string): void; intervalMs?: number }) {
  const { dir, hearings, log } = deps;
  for (const sub of ['', 'done', 'refused']) mkdirSync(join(dir, sub), { recursive: true });

  /** Reads each file in turns of a few ms (this loop also polls the printer), then stores it in one transaction. */
  async function scan(): Promise<number> {
    let handled = 0;
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      const ext = extname(name).toLowerCase();
      if ((ext !== '.csv' && ext !== '.json') || !statSync(file).isFile()) continue;
      // A file still being copied in has a changing size; leave it for the next scan.
      if (Date.now() - statSync(file).mtimeMs < 1000) continue;
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      try {
        const { inputs, encoding } = await readHearingsFileInTurns(readFileSync(file), ext === '.csv' ? 'csv' : 'json', deps.courtrooms);
        const r = await hearings.importRowsOffThread(null, inputs, `inbox:${name}`);
        renameSync(file, join(dir, 'done', `${stamp}-${name}`));
        log(`imported ${name} (${encoding}): ${r.imported} new, ${r.updated} updated`);
      } catch (err) {
        const reason =
          err instanceof DomainError
            ? [err.message, ...(err.details ?? []).map((d) => `row ${d.row}: ${d.message}`)].join('\n')
            : String(err);
        renameSync(file, join(dir, 'refused', `${stamp}-${name}`));
        writeFileSync(join(dir, 'refused', `${stamp}-${name}.txt`), `${reason}\n`);
        log(`refused ${name}: ${reason.split('\n')[0]}`);
      }
      handled++;
    }
    return handled;
  }

  // A scan now spans turns of the loop: the next tick skips while one is still reading, so no file is read twice.
  let scanning: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    scanning ??= scan()
      .catch((err: unknown) => log(`hearing inbox: ${String(err)}`))
      .finally(() => (scanning = null));
  }, deps.intervalMs ?? 5000);
  timer.unref();
  return {
    scan,
    /** Stops polling; resolves once a scan under way has finished (before the database closes). */
    stop: async () => {
      clearInterval(timer);
      await scanning;
    },
  };
}

/**
 * The case system's files hold the same names and summons codes as the
 * hearings: once handled, they are kept site.retention.inboxFilesDays for
 * checking an import, then removed from done/ and refused/ (the refusal notes
 * with them). Age is the file's time (a move keeps it). Returns how many went.
 */
export function purgeInboxFiles(dir: string, olderThan: number): number {
  let removed = 0;
  for (const sub of ['done', 'refused']) {
    let names: string[];
    try {
      names = readdirSync(join(dir, sub));
    } catch {
      continue;
    }
    for (const name of names) {
      const file = join(dir, sub, name);
      const st = statSync(file, { throwIfNoEntry: false });
      if (st?.isFile() && st.mtimeMs < olderThan) {
        rmSync(file, { force: true });
        removed++;
      }
    }
  }
  return removed;
}
