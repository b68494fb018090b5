import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HearingInput } from '../../../../core/contract';
import { loadSite } from '../../../../core/config/load';
import { listAudit } from '../../../../core/domain/audit';
import { createEventBus } from '../../../../core/domain/events';
import { createHearings } from '../../../../core/domain/hearings/hearings';
import { manualClock } from '../../../../core/store/clock';
import { openDb } from '../../../../core/store/db';
import { stepsOffThread } from '../../../../core/store/off-thread';
import { tempDir } from '../../../helpers/tmp';

const site = loadSite({ siteId: 'taitung-prosecutors' });
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** The same lobby database twice: the import on this connection, or on a worker's. */
function setup() {
  const tmp = tempDir();
  const file = join(tmp.dir, 'lobby.sqlite');
  const db = openDb(file);
  cleanups.push(() => {
    db.close();
    tmp.cleanup();
  });
  const clock = manualClock('2026-11-26T08:00:00+08:00');
  db.prepare("INSERT INTO users (id, username, display_name, password_hash, roles, created_at) VALUES (1, 'clerk1', '書記官', 'x', '[\"clerk\"]', 0)").run();
  const make = (offThread: boolean) =>
    createHearings({ db, clock, bus: createEventBus(), site: { timeZone: site.timeZone, courtrooms: site.courtrooms, hearingMinutes: 20 }, ...(offThread ? { offThread: { file } } : {}) });
  return { db, file, clock, here: make(false), worker: make(true) };
}

const row = (i: number, over: Partial<HearingInput> = {}): HearingInput => ({
  date: '2026-11-26',
  time: `${String(9 + (i % 8)).padStart(2, '0')}:00`,
  courtroomId: site.courtrooms[i % site.courtrooms.length]!.id,
  caseNumber: `113年度偵字第${1000 + i}號`,
  division: '信',
  prosecutor: '林檢察官',
  persons: [{ name: `王小${i}`, role: 'defendant', code: `C${i}` }, { name: '李四', role: 'witness' }],
  ...over,
});

/** What a clerk and the boards would see of the day: hearings with their persons, in order. */
const day = (h: ReturnType<typeof setup>['here']) => h.list('2026-11-26').map(({ id: _id, ...rest }) => rest);

describe('a hearing file imported on a worker thread', () => {
  it('lands exactly as the same import on the lobby connection: new, updated, started ones kept, duplicates last-wins', async () => {
    const a = setup();
    const b = setup();
    const first = Array.from({ length: 40 }, (_, i) => row(i));
    expect(a.here.importRows(null, first, 'test')).toEqual({ imported: 40, updated: 0 });
    expect(await b.worker.importRowsOffThread(null, first, 'test')).toEqual({ imported: 40, updated: 0 });
    expect(day(b.here)).toEqual(day(a.here));

    // A hearing under way keeps its time and state; its persons are replaced. Row 3 is listed twice: the later one wins.
    for (const s of [a, b]) {
      const started = s.here.list('2026-11-26').find((h) => h.caseNumber === '113年度偵字第1005號')!;
      s.here.move(1, started.id, 'checked_in');
      s.here.move(1, started.id, 'in_session');
    }
    const second = [...first.map((r, i) => ({ ...r, time: '16:30', persons: [{ name: `陳${i}`, role: 'witness' as const }] })), row(3, { time: '11:11' }), row(99)];
    expect(a.here.importRows(null, second, 'test')).toEqual({ imported: 1, updated: 41 });
    expect(await b.worker.importRowsOffThread(null, second, 'test')).toEqual({ imported: 1, updated: 41 });
    expect(day(b.here)).toEqual(day(a.here));
    const list = day(a.here);
    expect(list.find((h) => h.caseNumber === '113年度偵字第1005號')).toMatchObject({ state: 'in_session', time: first[5]!.time, persons: [{ name: '陳5' }] });
    expect(list.find((h) => h.caseNumber === '113年度偵字第1003號')).toMatchObject({ time: '11:11', persons: [{ name: '王小3' }, { name: '李四' }] });
    expect(list).toHaveLength(41);
    // Audited in the same transaction, with the same counts.
    const audit = (s: ReturnType<typeof setup>) => listAudit(s.db).filter((e) => e.action === 'hearings.import').map((e) => JSON.parse(e.detail) as unknown);
    expect(audit(b)).toEqual(audit(a));
    expect(audit(b)).toEqual([{ imported: 1, updated: 41 }, { imported: 40, updated: 0 }]);
  });

  it('lands whole or not at all: a failing statement leaves nothing behind, and the worker thread ends', async () => {
    const s = setup();
    const threads = () => Number(/Threads:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
    const before = threads();
    await expect(
      stepsOffThread(s.file, [
        { sql: 'INSERT INTO audit (at, actor_user_id, action, target, detail) VALUES (?, NULL, ?, ?, ?)', rows: Array.from({ length: 2500 }, (_, i) => [i, 'x', 't', '{}']) },
        { sql: 'INSERT INTO no_such_table VALUES (1)' },
      ]),
    ).rejects.toThrow(/no_such_table/);
    expect(listAudit(s.db).filter((e) => e.action === 'x')).toHaveLength(0);
    const changes = await stepsOffThread(s.file, [{ sql: 'INSERT INTO audit (at, actor_user_id, action, target, detail) VALUES (?, NULL, ?, ?, ?)', rows: Array.from({ length: 2500 }, (_, i) => [i, 'y', 't', '{}']) }]);
    expect(changes).toEqual([2500]);
    expect(listAudit(s.db, 5000).filter((e) => e.action === 'y')).toHaveLength(2500);
    // No thread is left behind per import (months of imports must not pile them up).
    for (let i = 0; i < 100 && threads() > before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(threads()).toBeLessThanOrEqual(before);
  });
});
