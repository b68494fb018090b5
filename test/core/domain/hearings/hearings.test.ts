import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { HearingInput } from '../../../../core/contract';
import { loadSite } from '../../../../core/config/load';
import { listAudit } from '../../../../core/domain/audit';
import { createEventBus } from '../../../../core/domain/events';
import { createHearings } from '../../../../core/domain/hearings/hearings';
import { readHearingsFile } from '../../../../core/domain/hearings/import-file';
import { estimateRoom } from '../../../../core/domain/hearings/estimates';
import { manualClock } from '../../../../core/store/clock';
import { openDb } from '../../../../core/store/db';

const site = loadSite({ siteId: 'taitung-prosecutors' });
const rooms = site.courtrooms;
const MIN = 60_000;

function setup(start = '2026-11-26T09:00:00+08:00') {
  const db = openDb(':memory:');
  const clock = manualClock(start);
  const bus = createEventBus();
  const clerk = Number(
    db.prepare("INSERT INTO users (username, display_name, password_hash, roles, created_at) VALUES ('clerk1', '書記官', 'x', '[\"clerk\"]', 0)").run().lastInsertRowid,
  );
  const hearings = createHearings({ db, clock, bus, site: { timeZone: 'Asia/Taipei', courtrooms: site.courtrooms, hearingMinutes: 20 } });
  return { db, clock, hearings, clerk };
}

const hearing = (over: Partial<HearingInput> = {}): HearingInput => ({
  date: '2026-11-26',
  time: '09:30',
  courtroomId: 'r1',
  caseNumber: '113年度偵字第1234號',
  division: '信',
  prosecutor: '林檢察官',
  persons: [{ name: '王小明', role: 'defendant', code: 'A1B2C3' }, { name: '歐陽小華', role: 'witness' }],
  ...over,
});

describe('hearing states', () => {
  it('move one tap at a time; an illegal move is refused naming the allowed ones; every move audited', () => {
    const { hearings, clerk, db } = setup();
    const h = hearings.create(clerk, hearing());
    expect(hearings.move(clerk, h.id, 'checked_in').state).toBe('checked_in');
    expect(hearings.move(clerk, h.id, 'in_session').startedAt).toBe('2026-11-26T09:00:00+08:00');
    expect(() => hearings.move(clerk, h.id, 'checked_in')).toThrow(/開庭中 in session; it cannot become 已報到 checked in\. Allowed: 休庭 recess, 庭畢 finished/);
    hearings.move(clerk, h.id, 'recess');
    hearings.move(clerk, h.id, 'in_session');
    hearings.move(clerk, h.id, 'finished');
    // After 庭畢 only the undos remain (hearing-edit.test.ts); a postponed hearing allows nothing.
    expect(() => hearings.move(clerk, h.id, 'recess')).toThrow(/Allowed: 開庭中 in session \(復原 undo\), 候訊 waiting \(復原 undo\)/);
    expect(listAudit(db).filter((e) => e.action === 'hearing.state')).toHaveLength(5);
    const later = hearings.create(clerk, hearing({ caseNumber: '113年度偵字第1235號' }));
    hearings.move(clerk, later.id, 'postponed');
    expect(() => hearings.move(clerk, later.id, 'waiting')).toThrow(/Allowed: none/);
  });
});

describe('estimated starts', () => {
  it('follow how long the room has taken today, never before the scheduled time', () => {
    const at = (hhmm: string) => Date.parse(`2026-11-26T${hhmm}:00+08:00`);
    const room = [
      { id: 1, scheduledAt: at('09:00'), state: 'finished' as const, startedAt: at('09:10'), finishedAt: at('09:40') },
      { id: 2, scheduledAt: at('09:30'), state: 'in_session' as const, startedAt: at('09:45'), finishedAt: null },
      { id: 3, scheduledAt: at('10:00'), state: 'waiting' as const, startedAt: null, finishedAt: null },
      { id: 4, scheduledAt: at('11:30'), state: 'scheduled' as const, startedAt: null, finishedAt: null },
    ];
    const e = estimateRoom(room, at('10:00'), 20 * MIN);
    // Hearings take 30 min here: #2 should end 10:15, #3 then starts 10:15, #4 keeps 11:30.
    expect(e.starts.get(3)).toBe(at('10:15'));
    expect(e.starts.get(4)).toBe(at('11:30'));
    expect(e.delayMinutes).toBe(15);
  });
});

describe('public board and phone look-up', () => {
  it('shows when the hearing in session really began, not only when it was scheduled', () => {
    const { hearings, clerk, clock } = setup();
    const h = hearings.create(clerk, hearing());
    expect(hearings.board().rooms.find((r) => r.courtroomId === 'r1')!.next[0]!.startedAt).toBeNull();
    clock.set('2026-11-26T09:47:00+08:00');
    hearings.move(clerk, h.id, 'in_session');
    expect(hearings.board().rooms.find((r) => r.courtroomId === 'r1')!.current).toMatchObject({ time: '09:30', startedAt: '09:47' });
  });


  it('masks every name, drops the prosecutor and the codes, and finds one case only by its code', () => {
    const { hearings, clerk } = setup();
    hearings.create(clerk, hearing());
    hearings.create(clerk, hearing({ caseNumber: '113年度偵字第2222號', time: '10:00', persons: [{ name: '陳大文', role: 'defendant', code: 'ZZ9999' }] }));
    const board = JSON.stringify(hearings.board());
    for (const secret of ['王小明', '歐陽小華', '陳大文', '林檢察官', 'A1B2C3', 'ZZ9999']) expect(board).not.toContain(secret);
    expect(board).toContain('王○明');
    expect(board).toContain('歐陽○華');
    const found = hearings.lookup('113年度偵字第2222號', 'ZZ9999');
    expect(found).toMatchObject({ caseNumber: '113年度偵字第2222號', courtroom: { id: 'r1', floor: 2 }, time: '10:00', ahead: 1 });
    expect(JSON.stringify(found)).not.toContain('陳大文');
    expect(() => hearings.lookup('113年度偵字第2222號', 'A1B2C3')).toThrow(/No hearing matches/);
  });
});

describe('import', () => {
  const csv = [
    'date,time,courtroom,case_number,division,prosecutor,persons',
    '2026-11-26,09:30,r1,113年度偵字第1234號,信,林檢察官,王小明(被告):A1B2C3;李四(證人)',
    '2026-11-26,10:00,r2,113年度偵字第1300號,義,張檢察官,"陳, 大文(告訴人)"',
  ].join('\n');

  it('reads a good CSV, UTF-8 or Big5, and imports it whole (re-importing updates, not duplicates)', () => {
    const { hearings, clerk } = setup();
    const utf8 = readHearingsFile(Buffer.from(csv), 'csv', rooms);
    expect(utf8.encoding).toBe('utf-8');
    expect(utf8.inputs[0]!.persons).toEqual([
      { name: '王小明', role: 'defendant', code: 'A1B2C3' },
      { name: '李四', role: 'witness' },
    ]);
    const big5 = readHearingsFile(iconv.encode(csv, 'big5'), 'csv', rooms);
    expect(big5.encoding).toBe('big5');
    expect(big5.inputs).toEqual(utf8.inputs);
    expect(hearings.importRows(clerk, utf8.inputs, 'test')).toEqual({ imported: 2, updated: 0 });
    expect(hearings.importRows(clerk, big5.inputs, 'test')).toEqual({ imported: 0, updated: 2 });
    expect(hearings.list()).toHaveLength(2);
  });

  it('refuses a file with bad rows whole, naming each bad row and why', () => {
    const bad = [
      'date,time,courtroom,case_number,division,prosecutor,persons',
      '2026-11-26,09:30,r1,113年度偵字第1234號,信,林檢察官,王小明',
      '2026-11-26,25:00,r1,113年度偵字第1235號,信,林檢察官,',
      '2026-11-26,10:00,r9,113年度偵字第1236號,信,林檢察官,',
      '2026-11-26,10:30,r1,偵1237,信,林檢察官,',
      '2026-11-26,09:30,r1,113年度偵字第1234號,信,林檢察官,',
    ].join('\n');
    try {
      readHearingsFile(Buffer.from(bad), 'csv', rooms);
      expect.unreachable();
    } catch (err) {
      const e = err as { message: string; details: { row: number; message: string }[] };
      expect(e.message).toBe('4 of 5 rows are not valid; nothing was imported.');
      expect(e.details.map((d) => d.row)).toEqual([3, 4, 5, 6]);
      expect(e.details[0]!.message).toMatch(/time/);
      expect(e.details[1]!.message).toMatch(/no courtroom "r9"/);
      expect(e.details[2]!.message).toMatch(/113年度偵字第1234號/);
      expect(e.details[3]!.message).toMatch(/same case in the same room on the same day as row 2/);
    }
  });

  it('refuses a huge file and a file without the columns, and reads JSON', () => {
    const header = 'date,time,courtroom,case_number,division,prosecutor,persons\n';
    const row = (i: number) => `2026-11-26,09:30,r1,113年度偵字第${i}號,信,林檢察官,\n`;
    const huge = header + Array.from({ length: 5001 }, (_, i) => row(i + 1)).join('');
    expect(() => readHearingsFile(Buffer.from(huge), 'csv', rooms)).toThrow(/5001 rows; at most 5000/);
    expect(() => readHearingsFile(Buffer.alloc(7 * 1024 * 1024, 0x41), 'csv', rooms)).toThrow(/larger than 6 MB/);
    expect(() => readHearingsFile(Buffer.from('a,b\n1,2'), 'csv', rooms)).toThrow(/lacks the columns/);
    const json = JSON.stringify({ hearings: [hearing()] });
    expect(readHearingsFile(Buffer.from(json), 'json', rooms).inputs).toHaveLength(1);
    expect(() => readHearingsFile(Buffer.from('{"hearings": 3}'), 'json', rooms)).toThrow(/list of hearings/);
  });
});
