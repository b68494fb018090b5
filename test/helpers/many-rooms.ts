/**
 * A busy court day for the hearing boards: a copy of the prosecutors' site
 * with six courtrooms and 35 hearings (names two to four characters long,
 * several persons on a case), some in session, one in recess. Used by the
 * browser tests of /hearings with more rooms and rows than one screen holds.
 */
import { expect } from 'vitest';
import { pathOf, ROUTES, type Hearing, type HearingState } from '../../core/contract';
import type { HttpClient } from './lobby';

export const MANY_ROOMS_DAY = '2026-12-07';

export const SIX_COURTROOMS = [
  { id: 'r1', name: { zh: '第一偵查庭', en: 'Investigation Court 1' }, floor: 2 },
  { id: 'r2', name: { zh: '第二偵查庭', en: 'Investigation Court 2' }, floor: 2 },
  { id: 'r3', name: { zh: '第三偵查庭', en: 'Investigation Court 3' }, floor: 2 },
  { id: 'r4', name: { zh: '第四偵查庭', en: 'Investigation Court 4' }, floor: 3 },
  { id: 'r5', name: { zh: '第五偵查庭', en: 'Investigation Court 5' }, floor: 3 },
  { id: 'r6', name: { zh: '少年偵查庭', en: 'Juvenile Investigation Court' }, floor: -1 },
];

const NAMES = ['王小明', '歐陽小華', '李大同', '司馬中原', '陳美麗', '張三', '林雅婷', '諸葛孔明', '黃志明', '吳建國', '趙子龍', '周正義'];
const WORDS = ['偵', '偵緝', '他', '偵', '調偵', '偵'];
const DIVISIONS = ['信', '義', '仁', '和', '平', '忠'];

export interface PlannedHearing {
  courtroomId: string;
  time: string;
  caseNumber: string;
  persons: { name: string; role: 'defendant' | 'witness' | 'complainant' }[];
  /** Where the day has got to at the test's clock. */
  moves: HearingState[];
}

/** 35 hearings: eight in r1 (more than its TV's table holds), six in r2–r5, three in r6; half-hourly from 09:00. */
export function manyRoomsPlan(): PlannedHearing[] {
  const plan: PlannedHearing[] = [];
  let n = 0;
  for (const [r, room] of SIX_COURTROOMS.entries()) {
    const count = room.id === 'r1' ? 8 : room.id === 'r6' ? 3 : 6;
    for (let i = 0; i < count; i++, n++) {
      const minutes = 9 * 60 + i * 30;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      // One to three persons, five on some cases in session, so some rows carry "+N" and the longest masked names.
      const persons = Array.from({ length: 1 + ((n + r) % 3) + (i === 1 && r % 2 === 0 ? 2 : 0) }, (_, k) => ({
        name: NAMES[(n + k * 5) % NAMES.length]!,
        role: k === 0 ? ('defendant' as const) : ('witness' as const),
      }));
      const moves: HearingState[] =
        i === 0 ? ['in_session', 'finished'] : i === 1 && r < 4 ? (r === 2 ? ['in_session', 'recess'] : ['in_session']) : i === 2 ? ['checked_in'] : [];
      plan.push({ courtroomId: room.id, time, caseNumber: `115年度${WORDS[(n + i) % WORDS.length]}字第${1000 + n * 37}號`, persons, moves });
    }
  }
  return plan;
}

/** Enters the plan through the staff API (as a clerk would) and moves each hearing to where the day has got to. */
export async function enterManyRooms(clerk: HttpClient, day = MANY_ROOMS_DAY): Promise<Hearing[]> {
  const made: Hearing[] = [];
  for (const [i, h] of manyRoomsPlan().entries()) {
    const res = await clerk.post<{ hearing: Hearing }>(ROUTES.createHearing.path, {
      date: day,
      time: h.time,
      courtroomId: h.courtroomId,
      caseNumber: h.caseNumber,
      division: DIVISIONS[i % DIVISIONS.length],
      prosecutor: '張正義',
      persons: h.persons,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    let hearing = res.body.hearing;
    for (const to of h.moves) {
      const moved = await clerk.post<{ hearing: Hearing }>(pathOf(ROUTES.moveHearing, { id: hearing.id }), { to });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      hearing = moved.body.hearing;
    }
    made.push(hearing);
  }
  return made;
}
