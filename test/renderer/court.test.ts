import { describe, expect, it } from 'vitest';
import { HEARING_STATES, HEARING_TRANSITIONS, type HearingState, type HearingsBoard } from '../../core/contract';
import { staffAccess } from '../../renderer/apps/staff/access';
import { ApiError } from '../../renderer/client/call';
import { detaineeChoices, stageLabel } from '../../renderer/features/detainees/steps';
import { followDelay } from '../../renderer/features/hearing-follow/follow';
import { floorLabel, namesShown, pageOf, roomIdFromPath, roomKey } from '../../renderer/features/hearings/board';
import { hearingButtons, nextStates } from '../../renderer/features/hearings/buttons';
import { bytesToBase64, importFormatOf } from '../../renderer/features/hearings/import-file';
import { newRosterRow, rosterRequestFrom, rosterRowsFrom } from '../../renderer/features/roster/form';
import { caseNumberFrom, composeCaseNumber, parseSummons, splitCaseNumber, summonsPath, validSummons } from '../../renderer/features/summons/case-number';
import { lookupProblemOf, splitBilingual } from '../../renderer/features/summons/problems';

const CASE = '113年度偵字第1234號';

describe('hearing buttons', () => {
  it('offer exactly the moves of the shared transition table (the one the server enforces), for every state', () => {
    for (const s of HEARING_STATES) expect(hearingButtons(s).map((b) => b.to), s).toEqual([...HEARING_TRANSITIONS[s]]);
  });

  it('offer one button per allowed next state, in order, with a label in both languages', () => {
    expect(hearingButtons('scheduled').map((b) => b.to)).toEqual(['checked_in', 'waiting', 'in_session', 'postponed', 'cancelled']);
    expect(hearingButtons('in_session').map((b) => [b.to, b.label.zh, b.label.en])).toEqual([
      ['recess', '休庭', 'Recess'],
      ['finished', '庭畢', 'Finish'],
    ]);
    // The same move reads "resume" out of a recess.
    expect(hearingButtons('recess').map((b) => b.label.zh)).toEqual(['續開', '庭畢']);
    expect(hearingButtons('scheduled').find((b) => b.to === 'in_session')?.label.zh).toBe('開庭');
  });

  it('offer nothing once a hearing is over', () => {
    for (const s of ['finished', 'postponed', 'cancelled'] as HearingState[]) {
      expect(nextStates(s)).toEqual([]);
      expect(hearingButtons(s)).toEqual([]);
    }
  });

  it('ask a second tap only for the moves that cannot be undone and end the hearing unheard', () => {
    const confirm = HEARING_STATES.flatMap((s) => hearingButtons(s).filter((b) => b.confirm).map((b) => b.to));
    expect(new Set(confirm)).toEqual(new Set(['postponed', 'cancelled']));
    expect(hearingButtons('in_session').some((b) => b.confirm)).toBe(false);
  });
});

describe('summons QR codes', () => {
  it('reads the phone link, the case number percent-encoded as a wedge scanner types it', () => {
    const url = `http://192.168.1.20:8080/phone/hearing?c=${encodeURIComponent(CASE)}&v=A1B2C3`;
    expect(parseSummons(url)).toEqual({ caseNumber: CASE, code: 'A1B2C3' });
    expect(parseSummons(`  ${url}\r\n`)).toEqual({ caseNumber: CASE, code: 'A1B2C3' });
    expect(parseSummons(`https://lobby.example/phone/hearing?v=Z9Y8X7&c=${CASE}`)).toEqual({ caseNumber: CASE, code: 'Z9Y8X7' });
    expect(parseSummons(summonsPath({ caseNumber: CASE, code: 'A1B2C3' }))).toEqual({ caseNumber: CASE, code: 'A1B2C3' });
  });

  it('reads the older "case|code" form, with a full-width bar too', () => {
    expect(parseSummons(`${CASE}|A1B2C3`)).toEqual({ caseNumber: CASE, code: 'A1B2C3' });
    expect(parseSummons(`${CASE} ｜ K7K7K7`)).toEqual({ caseNumber: CASE, code: 'K7K7K7' });
    expect(parseSummons('113年度偵緝字第3003號|Q1W2E3')).toEqual({ caseNumber: '113年度偵緝字第3003號', code: 'Q1W2E3' });
  });

  it('refuses what is no summons, so a look-up is not spent on it', () => {
    expect(parseSummons('')).toBeNull();
    expect(parseSummons('A012')).toBeNull();
    expect(parseSummons('http://x/phone/hearing?c=113')).toBeNull(); // no code
    expect(parseSummons('http://x/phone/hearing?c=1234&v=A1B2C3')).toBeNull(); // not a case number
    expect(parseSummons(`${CASE}|AB`)).toBeNull(); // code too short
    expect(parseSummons(`${CASE}|A1B2-C3`)).toBeNull();
    // What a wedge makes of unencoded Chinese: garbage, refused.
    expect(parseSummons('http://x/phone/hearing?c=113&v=A1B2C3')).toBeNull();
  });

  it('composes and splits case numbers', () => {
    expect(composeCaseNumber({ year: '113', word: '偵', number: '1234' })).toBe(CASE);
    expect(composeCaseNumber({ year: '１１３', word: ' 偵緝 ', number: '０７' })).toBe('113年度偵緝字第07號');
    expect(splitCaseNumber(CASE)).toEqual({ year: '113', word: '偵', number: '1234' });
    expect(splitCaseNumber('no')).toBeNull();
    expect(caseNumberFrom('  ', { year: '99', word: '他', number: '88' })).toBe('99年度他字第88號');
    expect(caseNumberFrom(CASE, { year: '', word: '', number: '' })).toBe(CASE);
    expect(validSummons(CASE, ' A1B2C3 ')).toEqual({ caseNumber: CASE, code: 'A1B2C3' });
    expect(validSummons('113年度偵字第號', 'A1B2C3')).toBeNull();
  });

  it('turns failed look-ups into what a citizen reads', () => {
    expect(lookupProblemOf(new ApiError(404, 'not_found', 'x'))).toBe('not_found');
    expect(lookupProblemOf(new ApiError(429, 'rate_limited', 'x'))).toBe('too_many');
    expect(lookupProblemOf(new ApiError(400, 'invalid', 'x'))).toBe('invalid');
    expect(lookupProblemOf(new ApiError(0, 'network', 'x'))).toBe('network');
    expect(lookupProblemOf(new Error('boom'))).toBe('network');
    expect(splitBilingual('查無此案件 / No hearing matches.')).toEqual({ zh: '查無此案件', en: 'No hearing matches.' });
    expect(splitBilingual('Look-up failed.')).toEqual({ zh: 'Look-up failed.', en: 'Look-up failed.' });
  });
});

describe('boards', () => {
  const board: HearingsBoard = {
    date: '2026-11-26',
    rooms: [
      { courtroomId: 'r1', name: { zh: '第一偵查庭', en: 'Investigation Court 1' }, floor: 2, current: null, next: [], waiting: 0, delayMinutes: 0 },
      { courtroomId: 'r2', name: { zh: '第二偵查庭', en: 'Investigation Court 2' }, floor: 2, current: null, next: [], waiting: 2, delayMinutes: 5 },
    ],
  };

  it('route /hearings/<room> and ?names=0', () => {
    expect(roomIdFromPath('/hearings')).toBeNull();
    expect(roomIdFromPath('/hearings/')).toBeNull();
    expect(roomIdFromPath('/hearings/r1')).toBe('r1');
    expect(roomIdFromPath('/hearings/r1/')).toBe('r1');
    expect(namesShown('')).toBe(true);
    expect(namesShown('?names=1')).toBe(true);
    expect(namesShown('?names=0')).toBe(false);
    expect(namesShown('?names=off')).toBe(false);
  });

  it('compare one room between snapshots (the board is re-sent unchanged every few seconds)', () => {
    const again = structuredClone(board);
    expect(roomKey(again, 'r1')).toBe(roomKey(board, 'r1'));
    again.rooms[1]!.waiting = 3;
    expect(roomKey(again, 'r1')).toBe(roomKey(board, 'r1')); // another room changed: not this phone's business
    again.rooms[0]!.delayMinutes = 10;
    expect(roomKey(again, 'r1')).not.toBe(roomKey(board, 'r1'));
    expect(roomKey(board, 'r9')).toBeNull();
    expect(roomKey(undefined, 'r1')).toBeNull();
  });

  it('label floors in both languages', () => {
    expect(floorLabel(2)).toEqual({ zh: '2 樓', en: '2F' });
    expect(floorLabel(-1)).toEqual({ zh: '地下 1 樓', en: 'B1' });
  });

  it('turn pages of a long list on a clock', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(pageOf(items, 9, 0, 10_000)).toEqual({ items: items.slice(0, 9), page: 1, pages: 3 });
    expect(pageOf(items, 9, 10_000, 10_000).items).toEqual(items.slice(9, 18));
    expect(pageOf(items, 9, 25_000, 10_000)).toEqual({ items: [18, 19], page: 3, pages: 3 });
    expect(pageOf(items, 9, 30_000, 10_000).page).toBe(1);
    expect(pageOf([1, 2], 9, 123_456, 10_000)).toEqual({ items: [1, 2], page: 1, pages: 1 });
    expect(pageOf([], 9, 0, 10_000)).toEqual({ items: [], page: 1, pages: 1 });
  });
});

describe('following one case within the look-up limit (20 per 10 minutes per address)', () => {
  it('fetches soon after a change while few fetches went out', () => {
    expect(followDelay(100_000, [], 800, 200)).toBe(1000);
    expect(followDelay(100_000, [90_000], 800, 0)).toBe(800);
  });

  it('waits when three went out within a minute, or fifteen within ten minutes', () => {
    const now = 1_000_000;
    expect(followDelay(now, [now - 50_000, now - 40_000, now - 10_000], 800, 0)).toBe(10_000);
    const many = Array.from({ length: 15 }, (_, i) => now - 590_000 + i * 30_000); // the oldest 590 s ago
    expect(followDelay(now, many, 800, 0)).toBeGreaterThanOrEqual(10_000);
  });

  it('never lets more than 20 look-ups out in any 10 minutes, however busy the room', () => {
    let now = 0;
    const fetches: number[] = [];
    // The room changes every 5 seconds for an hour; each change asks for a fetch.
    let nextAllowed = 0;
    for (; now < 3_600_000; now += 5_000) {
      if (now >= nextAllowed) {
        const wait = followDelay(now, fetches, 0, 0);
        if (wait === 0) fetches.push(now);
        else nextAllowed = now + wait;
      }
    }
    for (const start of fetches) expect(fetches.filter((t) => t >= start && t < start + 600_000).length).toBeLessThanOrEqual(15);
    expect(fetches.length).toBeGreaterThan(60); // still follows: about one every 40 s
  });
});

describe('new detainees', () => {
  // The sample site's steps (the configuration's defaults), as GET /api/staff/detainees sends them.
  const steps = {
    stages: [
      { id: 'delivered', zh: '解送到署', en: 'Delivered' },
      { id: 'waiting', zh: '候訊', en: 'Awaiting questioning' },
      { id: 'questioning', zh: '訊問中', en: 'Being questioned' },
      { id: 'questioned', zh: '訊畢', en: 'Questioning finished' },
    ],
    outcomes: [
      { id: 'bail', zh: '交保', en: 'Released on bail' },
      { id: 'released', zh: '請回', en: 'Released' },
    ],
  };

  it('offer the later stages (the next first), then the outcomes after the last stage, then nothing', () => {
    expect(detaineeChoices('delivered', steps)).toMatchObject({ kind: 'stages' });
    expect(detaineeChoices('delivered', steps).options.map((o) => o.id)).toEqual(['waiting', 'questioning', 'questioned']);
    expect(detaineeChoices('questioning', steps).options.map((o) => o.id)).toEqual(['questioned']);
    const last = detaineeChoices('questioned', steps);
    expect(last.kind).toBe('outcomes');
    expect(last.options.map((o) => o.zh)).toContain('交保');
    expect(detaineeChoices('bail', steps)).toEqual({ kind: 'final', options: [] });
    expect(detaineeChoices('no-such-stage', steps)).toEqual({ kind: 'final', options: [] });
  });

  it('follow whatever steps the site configured, with its labels', () => {
    const prison = {
      stages: [
        { id: 'intake', zh: '入監', en: 'Intake' },
        { id: 'search', zh: '檢身', en: 'Searched' },
      ],
      outcomes: [{ id: 'housed', zh: '配房', en: 'Assigned a cell' }],
    };
    expect(detaineeChoices('intake', prison)).toEqual({ kind: 'stages', options: [prison.stages[1]] });
    expect(detaineeChoices('search', prison)).toEqual({ kind: 'outcomes', options: prison.outcomes });
    expect(detaineeChoices('housed', prison)).toEqual({ kind: 'final', options: [] });
    // Another site's ids mean nothing here.
    expect(detaineeChoices('delivered', prison)).toEqual({ kind: 'final', options: [] });
    expect(stageLabel('search', prison)).toEqual({ id: 'search', zh: '檢身', en: 'Searched' });
    expect(stageLabel('housed', prison)).toEqual({ id: 'housed', zh: '配房', en: 'Assigned a cell' });
    expect(stageLabel('gone', prison)).toEqual({ id: 'gone', zh: 'gone', en: 'gone' });
  });
});

describe('duty roster form', () => {
  it('comes from the server’s entries and goes back as the request, names trimmed, blank lines dropped', () => {
    const rows = rosterRowsFrom([
      { shiftId: 'day', roleId: 'prosecutor', name: '周正義' },
      { shiftId: 'night', roleId: 'bailiff', name: '黃夜班' },
    ]);
    expect(rows.map((r) => [r.shiftId, r.roleId, r.name])).toEqual([
      ['day', 'prosecutor', '周正義'],
      ['night', 'bailiff', '黃夜班'],
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
    const edited = [...rows, newRosterRow('day', 'clerk', '  林 雅婷  '), newRosterRow('day', 'bailiff', '   ')];
    expect(rosterRequestFrom(edited)).toEqual({
      ok: true,
      request: {
        entries: [
          { shiftId: 'day', roleId: 'prosecutor', name: '周正義' },
          { shiftId: 'night', roleId: 'bailiff', name: '黃夜班' },
          { shiftId: 'day', roleId: 'clerk', name: '林 雅婷' },
        ],
      },
    });
  });

  it('an empty form saves an empty day', () => {
    expect(rosterRequestFrom([])).toEqual({ ok: true, request: { entries: [] } });
    expect(rosterRequestFrom([newRosterRow('day', 'clerk', '')])).toEqual({ ok: true, request: { entries: [] } });
  });

  it('names the line that lacks a shift or a duty, or whose name is too long', () => {
    const res = rosterRequestFrom([newRosterRow('day', 'clerk', '甲'), newRosterRow('', 'clerk', '乙'), newRosterRow('day', '', '丙'), newRosterRow('day', 'clerk', '丁'.repeat(61))]);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.errors.map((e) => e.index)).toEqual([1, 2, 3]);
  });
});

describe('files and roles', () => {
  it('encodes a file as base64 in chunks, whatever its size', () => {
    const text = '日期,時間\n2026-11-26,09:30\n';
    expect(Buffer.from(bytesToBase64(new TextEncoder().encode(text)), 'base64').toString('utf8')).toBe(text);
    const big = new Uint8Array(300_000).map((_, i) => i % 256);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
    expect(bytesToBase64(new Uint8Array(0))).toBe('');
  });

  it('takes the format from the file name', () => {
    expect(importFormatOf('day.CSV')).toBe('csv');
    expect(importFormatOf('day.json')).toBe('json');
    expect(importFormatOf('export', 'text/csv')).toBe('csv');
    expect(importFormatOf('day.xlsx')).toBeNull();
  });

  it('shows each court tab to the roles the server lets use it', () => {
    expect(staffAccess(['clerk']).hearings).toBe(true);
    expect(staffAccess(['bailiff']).hearings).toBe(true);
    expect(staffAccess(['bailiff']).hearingEntry).toBe(false);
    expect(staffAccess(['clerk']).detainees).toBe(false);
    expect(staffAccess(['bailiff']).detainees).toBe(true);
    expect(staffAccess(['clerk']).roster).toBe(true);
    expect(staffAccess(['counter', 'desk']).hearings).toBe(false);
    expect(staffAccess(['counter']).roster).toBe(false);
    expect(staffAccess(undefined).roster).toBe(false);
  });
});
