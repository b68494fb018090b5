/**
 * Admin without developer knowledge (issue 17), the hearings side: a file names
 * its courtroom as staff write it, a clerk corrects a hearing (time, room, case
 * number, persons) and takes back a 庭畢 tapped too soon; each change is audited
 * and shows on the public board, which stays masked.
 */
import { describe, expect, it } from 'vitest';
import type { HearingInput } from '../../../../core/contract';
import { loadSite } from '../../../../core/config/load';
import { listAudit } from '../../../../core/domain/audit';
import { DomainError } from '../../../../core/domain/errors';
import { createEventBus } from '../../../../core/domain/events';
import { courtroomFinder } from '../../../../core/domain/hearings/courtrooms';
import { createHearings } from '../../../../core/domain/hearings/hearings';
import { readHearingsFile } from '../../../../core/domain/hearings/import-file';
import { manualClock } from '../../../../core/store/clock';
import { openDb } from '../../../../core/store/db';

const taitung = loadSite({ siteId: 'taitung-prosecutors' });
const hualien = loadSite({ siteId: 'hualien-prison' });
const HEADER = '日期,時間,法庭,案號,股別,檢察官,到庭人';

function setup(start = '2026-11-26T09:00:00+08:00') {
  const db = openDb(':memory:');
  const clock = manualClock(start);
  const bus = createEventBus();
  let changes = 0;
  bus.on('hearings.changed', () => void changes++);
  const clerk = Number(
    db.prepare("INSERT INTO users (username, display_name, password_hash, roles, created_at) VALUES ('clerk1', '書記官', 'x', '[\"clerk\"]', 0)").run().lastInsertRowid,
  );
  const hearings = createHearings({ db, clock, bus, site: { timeZone: 'Asia/Taipei', courtrooms: taitung.courtrooms, hearingMinutes: 20 } });
  return { db, clock, hearings, clerk, changes: () => changes };
}

const hearing = (over: Partial<HearingInput> = {}): HearingInput => ({
  date: '2026-11-26',
  time: '09:30',
  courtroomId: 'r1',
  caseNumber: '113年度偵字第1234號',
  division: '信',
  prosecutor: '林檢察官',
  persons: [{ name: '王小明', role: 'defendant', code: 'A1B2C3' }],
  ...over,
});

const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('not refused');
};

describe('courtrooms by name', () => {
  it('are found by the Chinese name, the English name or the id, however spaced or wide', () => {
    const find = courtroomFinder(taitung.courtrooms);
    for (const written of ['第一偵查庭', ' 第一偵查庭 ', 'Investigation Court 1', 'investigation court 1', 'InvestigationCourt1', 'r1', 'R1', 'ｒ１']) {
      expect(find(written)?.id, written).toBe('r1');
    }
    expect(find('第四偵查庭')?.id).toBe('r4');
    expect(find('第九偵查庭')).toBeNull();
  });

  it('import a CSV that names 第一偵查庭 and the English name, stored by the room’s id', () => {
    const csv = [
      HEADER,
      '2026-11-26,09:30,第一偵查庭,113年度偵字第1234號,信,林檢察官,王小明(被告):A1B2C3',
      '2026-11-26,10:00,Investigation Court 2,113年度偵字第1300號,義,張檢察官,',
      '2026-11-26,10:30,r3,113年度偵字第1301號,義,張檢察官,',
    ].join('\n');
    const { inputs } = readHearingsFile(Buffer.from(csv), 'csv', taitung.courtrooms);
    expect(inputs.map((i) => i.courtroomId)).toEqual(['r1', 'r2', 'r3']);
    const { hearings, clerk } = setup();
    hearings.importRows(clerk, inputs, 'test');
    expect(hearings.board().rooms.find((r) => r.courtroomId === 'r1')!.next.map((h) => h.caseNumber)).toEqual(['113年度偵字第1234號']);
  });

  it('import JSON rows that name their room as `courtroom`', () => {
    const { courtroomId: _id, ...rest } = hearing();
    const json = JSON.stringify([{ ...rest, courtroom: '第二偵查庭' }]);
    expect(readHearingsFile(Buffer.from(json), 'json', taitung.courtrooms).inputs[0]!.courtroomId).toBe('r2');
  });

  it('refuse an unknown room, naming the row and listing the site’s rooms in both languages', () => {
    const csv = [HEADER, '2026-11-26,09:30,第一偵查庭,113年度偵字第1234號,信,林檢察官,', '2026-11-26,10:00,第九偵查庭,113年度偵字第1300號,義,張檢察官,'].join('\n');
    const err = refusal(() => readHearingsFile(Buffer.from(csv), 'csv', taitung.courtrooms));
    expect(err.message).toBe('1 of 2 rows are not valid; nothing was imported.');
    expect(err.details).toHaveLength(1);
    expect(err.details![0]!.row).toBe(3);
    const message = err.details![0]!.message;
    expect(message).toContain('第九偵查庭');
    for (const room of taitung.courtrooms) {
      expect(message).toContain(room.name.zh);
      expect(message).toContain(room.name.en);
    }
  });

  it('at a site without courtrooms (the prison), say so rather than list nothing', () => {
    const csv = [HEADER, '2026-11-26,09:30,第一偵查庭,113年度偵字第1234號,信,林檢察官,'].join('\n');
    expect(hualien.courtrooms).toEqual([]);
    const err = refusal(() => readHearingsFile(Buffer.from(csv), 'csv', hualien.courtrooms));
    expect(err.details![0]!.message).toMatch(/this site has no courtrooms \/ 本署未設定法庭/);
  });

  it('are taken by name when a hearing is entered by hand too; an unknown one lists the rooms', () => {
    const { hearings, clerk } = setup();
    expect(hearings.create(clerk, hearing({ courtroomId: '第三偵查庭' })).courtroomId).toBe('r3');
    const err = refusal(() => hearings.create(clerk, hearing({ courtroomId: 'Court 9', caseNumber: '113年度偵字第1號' })));
    expect(err.code).toBe('invalid');
    expect(err.message).toContain('第一偵查庭 (Investigation Court 1)');
  });
});

describe('editing a hearing', () => {
  it('moves its time and the public board follows, still masked; the audit names what changed', () => {
    const { hearings, clerk, db, changes } = setup();
    const h = hearings.create(clerk, hearing());
    const seen = changes();
    const edited = hearings.update(clerk, h.id, hearing({ time: '11:15' }));
    expect(edited.time).toBe('11:15');
    expect(changes()).toBe(seen + 1);
    const next = hearings.board().rooms.find((r) => r.courtroomId === 'r1')!.next[0]!;
    expect(next).toMatchObject({ time: '11:15', persons: ['王○明'] });
    const audit = listAudit(db).find((e) => e.action === 'hearing.update')!;
    expect(audit.target).toBe(`hearing:${h.id}`);
    expect(JSON.parse(audit.detail)).toEqual({ caseNumber: '113年度偵字第1234號', changed: ['time'], from: { time: '09:30' }, to: { time: '11:15' }, persons: 1 });
  });

  it('moves it to another room by name, renames its case and replaces its persons; names stay out of the audit', () => {
    const { hearings, clerk, db } = setup();
    const h = hearings.create(clerk, hearing());
    const edited = hearings.update(
      clerk,
      h.id,
      hearing({ courtroomId: 'Investigation Court 4', caseNumber: '113年度偵字第4321號', persons: [{ name: '李大同', role: 'witness' }] }),
    );
    expect(edited).toMatchObject({ courtroomId: 'r4', caseNumber: '113年度偵字第4321號', persons: [{ name: '李大同', role: 'witness', code: null }] });
    const board = hearings.board();
    expect(board.rooms.find((r) => r.courtroomId === 'r1')!.next).toEqual([]);
    expect(board.rooms.find((r) => r.courtroomId === 'r4')!.next[0]!.persons).toEqual(['李○同']);
    const detail = listAudit(db).find((e) => e.action === 'hearing.update')!.detail;
    expect(JSON.parse(detail).changed).toEqual(['courtroomId', 'caseNumber', 'persons']);
    expect(detail).not.toContain('王小明');
    expect(detail).not.toContain('李大同');
  });

  it('is checked as a new hearing is: a clash, an unknown room, a missing hearing are refused and nothing changes', () => {
    const { hearings, clerk, db } = setup();
    const a = hearings.create(clerk, hearing());
    hearings.create(clerk, hearing({ caseNumber: '113年度偵字第2000號', time: '10:00' }));
    expect(refusal(() => hearings.update(clerk, a.id, hearing({ caseNumber: '113年度偵字第2000號' }))).code).toBe('conflict');
    expect(refusal(() => hearings.update(clerk, a.id, hearing({ courtroomId: 'r9' }))).message).toMatch(/no courtroom "r9"/);
    expect(refusal(() => hearings.update(clerk, 999, hearing())).code).toBe('not_found');
    expect(hearings.get(a.id)).toMatchObject({ time: '09:30', caseNumber: '113年度偵字第1234號' });
    // Saving what is already there changes nothing and records nothing.
    hearings.update(clerk, a.id, hearing());
    expect(listAudit(db).filter((e) => e.action === 'hearing.update')).toEqual([]);
  });

  it('keeps its state: a hearing in session stays in session when its persons are corrected', () => {
    const { hearings, clerk } = setup();
    const h = hearings.create(clerk, hearing());
    hearings.move(clerk, h.id, 'in_session');
    expect(hearings.update(clerk, h.id, hearing({ persons: [] })).state).toBe('in_session');
  });
});

describe('undoing 庭畢', () => {
  it('puts the hearing back in session, keeping when it began; audited as an undo; the board shows it again', () => {
    const { hearings, clerk, db, clock } = setup();
    const h = hearings.create(clerk, hearing());
    hearings.move(clerk, h.id, 'in_session');
    clock.advance(10 * 60_000);
    hearings.move(clerk, h.id, 'finished');
    expect(hearings.board().rooms.find((r) => r.courtroomId === 'r1')!.current).toBeNull();
    const back = hearings.move(clerk, h.id, 'in_session');
    expect(back).toMatchObject({ state: 'in_session', startedAt: '2026-11-26T09:00:00+08:00', finishedAt: null });
    expect(hearings.board().rooms.find((r) => r.courtroomId === 'r1')!.current).toMatchObject({ id: h.id, state: 'in_session', startedAt: '09:00' });
    const undo = listAudit(db).find((e) => e.action === 'hearing.undo')!;
    expect(JSON.parse(undo.detail)).toEqual({ caseNumber: '113年度偵字第1234號', from: 'finished', to: 'in_session' });
  });

  it('or back to waiting, to be called again (its start forgotten)', () => {
    const { hearings, clerk } = setup();
    const h = hearings.create(clerk, hearing());
    hearings.move(clerk, h.id, 'in_session');
    hearings.move(clerk, h.id, 'finished');
    expect(hearings.move(clerk, h.id, 'waiting')).toMatchObject({ state: 'waiting', startedAt: null, finishedAt: null });
    const room = hearings.board().rooms.find((r) => r.courtroomId === 'r1')!;
    expect(room.next.map((x) => x.id)).toEqual([h.id]);
    expect(room.waiting).toBe(1);
  });

  it('is refused on a later day, and back in session while another hearing holds the room', () => {
    const { hearings, clerk, clock } = setup();
    const a = hearings.create(clerk, hearing());
    const b = hearings.create(clerk, hearing({ caseNumber: '113年度偵字第2000號', time: '10:00' }));
    hearings.move(clerk, a.id, 'in_session');
    hearings.move(clerk, a.id, 'finished');
    hearings.move(clerk, b.id, 'in_session');
    const busy = refusal(() => hearings.move(clerk, a.id, 'in_session'));
    expect(busy.code).toBe('conflict');
    expect(busy.message).toContain('113年度偵字第2000號');
    expect(busy.message).toContain('第一偵查庭');
    // Waiting is still open to it.
    expect(hearings.move(clerk, a.id, 'waiting').state).toBe('waiting');
    hearings.move(clerk, b.id, 'finished');
    clock.set('2026-11-27T09:00:00+08:00');
    const late = refusal(() => hearings.move(clerk, b.id, 'in_session'));
    expect(late.message).toMatch(/only on the day of the hearing \(2026-11-26\)/);
    expect(hearings.get(b.id).state).toBe('finished');
  });
});
