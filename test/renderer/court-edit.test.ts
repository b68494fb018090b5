/**
 * The staff console's corrections (issue 17): the undo buttons come from the
 * shared undo table; a hearing's or a detainee's correction replaces its row,
 * a refused one is shown beside it; a deleted detainee leaves the list.
 */
import { describe, expect, it, vi } from 'vitest';
import { HEARING_STATES, HEARING_UNDO, type Detainee, type Hearing, type HearingInput } from '../../core/contract';
import { createStaffStore, type StaffApi } from '../../renderer/apps/staff/store';
import { ApiError } from '../../renderer/client/call';
import { hearingButtons, undoButtons } from '../../renderer/features/hearings/buttons';

const signedOut = { user: null, needsSetup: false, csrfToken: null };
const courtStore = (over: Partial<StaffApi>) =>
  createStaffStore({
    api: {
      me: async () => signedOut,
      hearings: async () => [],
      detainees: async () => ({ detainees: [], stages: [{ id: 'delivered', zh: '解送到署', en: 'Delivered' }], outcomes: [{ id: 'bail', zh: '交保', en: 'Released on bail' }] }),
      ...over,
    },
  });

const hearing = (id: number, over: Partial<Hearing> = {}): Hearing => ({
  id,
  date: '2026-11-26',
  time: '09:00',
  courtroomId: 'r1',
  caseNumber: `113年度偵字第${id}號`,
  division: '信',
  prosecutor: '林檢察官',
  persons: [],
  state: 'scheduled',
  startedAt: null,
  finishedAt: null,
  estimatedStart: null,
  ...over,
});
const input = (h: Hearing): HearingInput => ({ date: h.date, time: h.time, courtroomId: h.courtroomId, caseNumber: h.caseNumber, division: h.division, prosecutor: h.prosecutor, persons: [] });
const person = (id: number, over: Partial<Detainee> = {}): Detainee => ({
  id,
  name: `王小明${id}`,
  broughtAt: '08:15',
  agency: '臺東縣警察局',
  offence: null,
  stage: 'delivered',
  updatedAt: '2026-11-26T08:15:00+08:00',
  ...over,
});

describe('undoing 庭畢', () => {
  it('offers exactly the undos of the shared table, labelled in both languages, apart from the moves', () => {
    for (const s of HEARING_STATES) expect(undoButtons(s).map((b) => b.to), s).toEqual([...HEARING_UNDO[s]]);
    expect(undoButtons('finished').map((b) => [b.label.zh, b.label.en])).toEqual([
      ['復原：開庭中', 'Undo: back in session'],
      ['復原：候訊', 'Undo: back to waiting'],
    ]);
    // A finished hearing still has no move forward: the undo is its only button.
    expect(hearingButtons('finished')).toEqual([]);
  });
});

describe('correcting a hearing', () => {
  it('replaces its row with the server’s answer; a refusal is shown beside it and nothing else moves', async () => {
    const updateHearing = vi.fn(async (id: number, i: HearingInput) => {
      if (id === 2) throw new ApiError(409, 'conflict', '113年度偵字第1號 is already on 2026-11-26 in Investigation Court 1');
      return hearing(id, { time: i.time });
    });
    let day = [hearing(1), hearing(2)];
    const store = courtStore({ hearings: async () => day, updateHearing });
    await store.getState().loadHearings();
    // What the server lists once the correction is stored.
    day = [hearing(1, { time: '10:30' }), hearing(2)];
    expect(await store.getState().updateHearing(1, { ...input(hearing(1)), time: '10:30' })).toBe(true);
    expect(updateHearing).toHaveBeenCalledWith(1, expect.objectContaining({ time: '10:30' }));
    expect(store.getState().hearings?.find((h) => h.id === 1)?.time).toBe('10:30');
    expect(store.getState()).toMatchObject({ saving: null, editError: null });
    expect(await store.getState().updateHearing(2, input(hearing(2)))).toBe(false);
    expect(store.getState()).toMatchObject({ saving: null, editError: { id: 2, message: expect.stringContaining('already on') } });
  });
});

describe('correcting and deleting a detainee’s record', () => {
  it('a correction replaces the row; a refusal is shown beside it', async () => {
    let day = [person(1), person(2)];
    const updateDetainee = vi.fn(async (id: number, i: { name: string }) => {
      if (id === 2) throw new ApiError(404, 'not_found', 'No record 2.');
      day = day.map((d) => (d.id === id ? { ...d, name: i.name } : d));
      return person(id, { name: i.name });
    });
    const store = courtStore({ detainees: async () => ({ detainees: day, stages: [{ id: 'delivered', zh: '解送到署', en: 'Delivered' }], outcomes: [] }), updateDetainee });
    await store.getState().loadDetainees();
    expect(await store.getState().updateDetainee(1, { name: '張三豐', broughtAt: '08:15', agency: '臺東縣警察局' })).toBe(true);
    expect(store.getState().detainees?.find((d) => d.id === 1)?.name).toBe('張三豐');
    expect(await store.getState().updateDetainee(2, { name: '李四', broughtAt: '08:15', agency: '臺東縣警察局' })).toBe(false);
    expect(store.getState()).toMatchObject({ savingDetainee: null, detaineeEditError: { id: 2, message: 'No record 2.' } });
  });

  it('a deleted record leaves the list; a refused delete is shown beside it and the list is fetched again', async () => {
    const deleteDetainee = vi.fn(async (id: number) => {
      if (id === 2) throw new ApiError(404, 'not_found', 'No record 2.');
    });
    const detainees = vi.fn(async () => ({ detainees: [person(1), person(2)], stages: [{ id: 'delivered', zh: '解送到署', en: 'Delivered' }], outcomes: [] }));
    const store = courtStore({ detainees, deleteDetainee });
    await store.getState().loadDetainees();
    expect(await store.getState().deleteDetainee(1)).toBe(true);
    expect(store.getState().detainees?.map((d) => d.id)).toEqual([2]);
    expect(await store.getState().deleteDetainee(2)).toBe(false);
    expect(store.getState()).toMatchObject({ staging: null, stageError: { id: 2, message: 'No record 2.' } });
    expect(detainees).toHaveBeenCalledTimes(2);
  });
});
