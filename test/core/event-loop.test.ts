/**
 * Issue 11, point 4: the loop that polls the printer and feeds the live
 * screens keeps its cadence while heavy work runs — a 5,000-row hearing
 * import (upload and inbox), a year's statistics roll-up, the nightly ANALYZE
 * and backup — and that work gives the same results as before.
 *
 * "Keeps its cadence" is measured from outside: a 10 ms timer in the same
 * process (monitorEventLoopDelay) is never more than 100 ms late. The jobs
 * used to hold the loop for 0.3–4 s; 100 ms leaves room for a loaded machine.
 */
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hearing } from '../../core/contract';
import { loadSite } from '../../core/config/load';
import { createEventBus } from '../../core/domain/events';
import { createHearings } from '../../core/domain/hearings/hearings';
import { readHearingsFile, readHearingsFileInTurns } from '../../core/domain/hearings/import-file';
import { createStats } from '../../core/domain/stats/stats';
import { watchHearingInbox } from '../../core/devices/hearing-inbox';
import { createNightly } from '../../core/nightly';
import { listBackups, verifyDatabase } from '../../core/store/backup';
import { addDays, manualClock } from '../../core/store/clock';
import { openDb, type Db } from '../../core/store/db';
import { hearingsCsv, watchLoop } from '../bench/event-loop';
import { seedYear } from '../bench/statistics';
import { createFirstAdmin, startTestLobby, type HttpClient, type TestLobby } from '../helpers/lobby';
import { tempDir } from '../helpers/tmp';

const LATE_MS = 100;
const site = loadSite({ siteId: 'taitung-prosecutors' });
const rooms = site.courtrooms.map((r) => r.id);

/** Runs `work` while watching the loop; fails if a 10 ms timer was ever more than LATE_MS late. */
async function withoutStalls<T>(work: () => Promise<T>): Promise<T> {
  const stop = watchLoop(10);
  let ticks = 0;
  const tick = setInterval(() => ticks++, 10);
  try {
    return await work();
  } finally {
    clearInterval(tick);
    const late = stop();
    expect(late.max, `the loop stalled ${late.max.toFixed(0)} ms`).toBeLessThan(LATE_MS);
    expect(ticks).toBeGreaterThan(0);
  }
}

describe('a 5,000-row hearing file through the upload route', () => {
  let t: TestLobby;
  let clerk: HttpClient;
  const day = '2026-11-26';
  beforeAll(async () => {
    t = await startTestLobby({ clock: manualClock(`${day}T08:00:00+08:00`) });
    clerk = await createFirstAdmin(t);
    // A first small file compiles the reading and storing paths (JIT): what is measured is then the file's size, not a cold start.
    const warm = await upload(hearingsCsv('2027-01-04', 20, rooms));
    expect(warm.status).toBe(200);
  });
  afterAll(async () => {
    await t.stop();
  });
  const hearingCount = () => {
    const db = new Database(join(t.dataDir, 'lobby.sqlite'), { readonly: true });
    try {
      return db.prepare('SELECT COUNT(*) FROM hearings').pluck().get();
    } finally {
      db.close();
    }
  };
  const upload = (csv: string) =>
    clerk.post<{ imported: number; updated: number; encoding: string; error?: string; details?: { row: number; message: string }[] }>('/api/staff/hearings/import', {
      format: 'csv',
      contentBase64: Buffer.from(csv).toString('base64'),
    });

  it('is imported whole (and again as updates) while the loop keeps its cadence', async () => {
    const csv = hearingsCsv(day, 5000, rooms);
    const first = await withoutStalls(() => upload(csv));
    expect(first.status, JSON.stringify(first.body).slice(0, 300)).toBe(200);
    expect(first.body).toMatchObject({ imported: 5000, updated: 0, encoding: 'utf-8' });
    const again = await withoutStalls(() => upload(csv));
    expect(again.body).toMatchObject({ imported: 0, updated: 5000 });
    expect(hearingCount()).toBe(5020);
    const list = await clerk.get<{ hearings: Hearing[] }>(`/api/staff/hearings?date=${addDays(day, 19)}`);
    expect(list.body.hearings).toHaveLength(250);
    const last = list.body.hearings.find((h) => h.caseNumber === '113年度偵字第14999號');
    expect(last?.persons).toEqual([
      { name: '王小明', role: 'defendant', code: 'C04999' },
      { name: '李四', role: 'witness', code: null },
    ]);
  });

  it('with bad rows anywhere is refused whole, every bad row named by its number', async () => {
    const lines = hearingsCsv('2026-11-27', 5000, rooms).split('\n');
    // Rows as a spreadsheet numbers them (header = row 1): near the start, mid-file, the very last.
    lines[2] = lines[2]!.replace(',r', ',r99');
    lines[2500] = lines[2500]!.replace(/,\d\d:\d\d,/, ',25:00,');
    lines[5000] = lines[1]!;
    const res = await withoutStalls(() => upload(lines.join('\n')));
    expect(res.status).toBe(400);
    expect(res.body.details?.map((d) => d.row)).toEqual([3, 2501, 5001]);
    expect(res.body.details?.[2]?.message).toMatch(/same case in the same room on the same day as row 2/);
    expect(hearingCount()).toBe(5020);
  });
});

describe('reading a file in turns', () => {
  it('gives what reading it at once gives, across slice boundaries, UTF-8 or Big5', async () => {
    // Quoted commas and line breaks, and Chinese, well past the first slices of 32 KB.
    const lines = hearingsCsv('2026-11-26', 3000, rooms).split('\n');
    lines[2999] = '2026-11-26,10:00,r2,113年度偵字第1300號,義,張檢察官,"陳, 大文(告訴人);\n林小美(證人)"';
    const csv = lines.join('\n');
    const atOnce = readHearingsFile(Buffer.from(csv), 'csv', site.courtrooms);
    const inTurns = await readHearingsFileInTurns(Buffer.from(csv), 'csv', site.courtrooms);
    expect(inTurns).toEqual(atOnce);
    expect(atOnce.inputs).toHaveLength(3000);
    expect(atOnce.inputs[2998]!.persons).toEqual([
      { name: '陳, 大文', role: 'complainant' },
      { name: '林小美', role: 'witness' },
    ]);
    const big5 = await readHearingsFileInTurns(iconv.encode(csv, 'big5'), 'csv', site.courtrooms);
    expect(big5.encoding).toBe('big5');
    expect(big5.inputs).toEqual(atOnce.inputs);
  });
});

describe('the hearing inbox', () => {
  it('imports a 5,000-row file whole and refuses a bad one with its rows, the loop keeping its cadence', async () => {
    const tmp = tempDir();
    try {
      const db = openDb(join(tmp.dir, 'lobby.sqlite'));
      const hearings = createHearings({ db, clock: manualClock('2026-11-26T08:00:00+08:00'), bus: createEventBus(), site: { timeZone: 'Asia/Taipei', courtrooms: site.courtrooms, hearingMinutes: 20 } });
      const dir = join(tmp.dir, 'inbox');
      const logs: string[] = [];
      const inbox = watchHearingInbox({ dir, hearings, courtrooms: site.courtrooms, log: (m) => logs.push(m), intervalMs: 60_000 });
      const drop = (name: string, text: string) => {
        writeFileSync(join(dir, name), text);
        // Older than the scan's "still being copied" second.
        utimesSync(join(dir, name), new Date(Date.now() - 5000), new Date(Date.now() - 5000));
      };
      const bad = hearingsCsv('2026-11-27', 5000, rooms).split('\n');
      bad[4000] = bad[4000]!.replace(',信,', ',,');
      drop('good.csv', hearingsCsv('2026-11-26', 5000, rooms));
      drop('bad.csv', bad.join('\n'));
      expect(await withoutStalls(() => inbox.scan())).toBe(2);
      await inbox.stop();
      expect(db.prepare('SELECT COUNT(*) FROM hearings').pluck().get()).toBe(5000);
      expect(hearings.list('2026-11-26')).toHaveLength(250);
      expect(readdirSync(join(dir, 'done')).some((n) => n.endsWith('-good.csv'))).toBe(true);
      const reason = readdirSync(join(dir, 'refused')).find((n) => n.endsWith('-bad.csv.txt'))!;
      expect(readFileSync(join(dir, 'refused', reason), 'utf8')).toMatch(/^1 of 5000 rows are not valid; nothing was imported\.\nrow 4001: division/);
      db.close();
    } finally {
      tmp.cleanup();
    }
  });
});

describe("a year's statistics and the nightly maintenance", () => {
  // A year at a smaller lobby's pace keeps the test quick; the bench runs the full 800,000 tickets.
  let tmp: ReturnType<typeof tempDir>;
  let db: Db;
  const services = site.services.map((s) => s.id);
  const counters = site.counters.map((c) => c.id);
  beforeAll(() => {
    tmp = tempDir();
    db = openDb(join(tmp.dir, 'lobby.sqlite'));
    seedYear(db, services, counters, 150);
    db.exec('ANALYZE');
  });
  afterAll(() => {
    db.close();
    tmp.cleanup();
  });

  it('364 closed days are stored a day per turn, with the same report as storing them at once', async () => {
    const clock = manualClock('2026-11-30T15:00:00+08:00');
    const deps = { clock, timeZone: site.timeZone, serviceIds: services, counterIds: counters };
    // The same history, stored at once, in a copy.
    const copyFile = join(tmp.dir, 'copy.sqlite');
    db.exec(`VACUUM INTO '${copyFile}'`);
    const copy = openDb(copyFile);
    try {
      const atOnce = createStats({ ...deps, db: copy });
      atOnce.seal('2025-12-01', '2026-11-30');
      const stats = createStats({ ...deps, db });
      await withoutStalls(() => stats.sealInTurns('2025-12-01', '2026-11-30'));
      expect(db.prepare('SELECT COUNT(*) FROM stats_days').pluck().get()).toBe(364);
      expect(stats.report('2025-12-01', '2026-11-30')).toEqual(atOnce.report('2025-12-01', '2026-11-30'));
    } finally {
      copy.close();
    }
  });

  it('the night stores yesterday, purges a year of phone tokens, refreshes the planner statistics and writes a checked backup, in that order, without stalls', async () => {
    db.exec("DELETE FROM stats_days WHERE day = '2026-11-30'; DELETE FROM sqlite_stat1");
    const clock = manualClock('2026-12-01T02:29:00+08:00');
    const stats = createStats({ db, clock, timeZone: site.timeZone, serviceIds: services, counterIds: counters });
    const steps: string[] = [];
    const dir = join(tmp.dir, 'backups');
    const nightly = createNightly({
      db,
      clock,
      timeZone: site.timeZone,
      stats: {
        sealInTurns: async (from, to) => {
          steps.push(`seal ${to}`);
          await stats.sealInTurns(from, to);
        },
      },
      backup: { at: '02:30', dir, keepDays: 14 },
      retention: { ...site.retention, detaineesDays: site.detainees.retentionDays, inboxDir: join(tmp.dir, 'inbox'), logsDir: join(tmp.dir, 'logs') },
      log: { info: (o, m) => steps.push(m), error: (o, m) => steps.push(`${m}: ${String((o as { err?: unknown }).err)}`) },
    });
    nightly.tick(clock.now());
    await nightly.idle();
    expect(steps).toEqual([]);
    clock.set('2026-12-01T02:30:00+08:00');
    await withoutStalls(async () => {
      nightly.tick(clock.now());
      nightly.tick(clock.now());
      await nightly.idle();
    });
    expect(steps).toEqual(['seal 2026-12-01', 'personal data past its limit purged', 'backup written']);
    // Every closed ticket before yesterday lost its phone token, in batches between the loop's turns.
    expect(db.prepare("SELECT COUNT(*) FROM tickets WHERE day < '2026-11-30' AND substr(token, 1, 1) <> '~'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT COUNT(*) FROM tickets WHERE day = '2026-11-30' AND substr(token, 1, 1) <> '~'").pluck().get()).toBeGreaterThan(0);
    expect(db.prepare("SELECT COUNT(*) FROM stats_days WHERE day = '2026-11-30'").pluck().get()).toBe(1);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'tickets'").pluck().get()).toBeGreaterThan(0);
    const [file] = listBackups(dir);
    expect(file).toMatch(/lobby-20261201-0230\.sqlite$/);
    expect(existsSync(`${file}.partial`)).toBe(false);
    expect(verifyDatabase(file!)).toBe('ok');
    const copy = new Database(file!, { readonly: true });
    try {
      expect(copy.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(db.prepare('SELECT COUNT(*) FROM tickets').pluck().get());
    } finally {
      copy.close();
    }
    // Once a night.
    nightly.tick(clock.now());
    await nightly.idle();
    expect(steps).toHaveLength(3);
  });
});
