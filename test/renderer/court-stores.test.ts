import { describe, expect, it, vi } from 'vitest';
import type { Hearing, HearingLookup, HearingsBoard, KioskScan } from '../../core/contract';
import { createKioskStore, type KioskApi } from '../../renderer/apps/kiosk/store';
import { createPhoneStore, type PhoneApi } from '../../renderer/apps/phone/store';
import { createStaffStore, type StaffApi } from '../../renderer/apps/staff/store';
import { ApiError } from '../../renderer/client/call';
import { detaineeChoices, stageLabel } from '../../renderer/features/detainees/steps';
import { bindHearingFollow } from '../../renderer/features/hearing-follow/follow';
import { newRosterRow } from '../../renderer/features/roster/form';
import { scanProblemOf } from '../../renderer/features/summons/problems';
import { bindWedge, createScanWatcher } from '../../renderer/features/summons/scan';

const CASE = '113年度偵字第1234號';
const REF = { caseNumber: CASE, code: 'A1B2C3' };
const lookup = (over: Partial<HearingLookup> = {}): HearingLookup => ({
  caseNumber: CASE,
  courtroom: { id: 'r1', name: { zh: '第一偵查庭', en: 'Investigation Court 1' }, floor: 2 },
  time: '10:00',
  state: 'scheduled',
  estimatedStart: '10:15',
  ahead: 2,
  ...over,
});
const site = () => Promise.reject(new Error('no site in unit tests'));
/** The phone pages' store with a hand-made summons look-up. */
const phoneStore = (api: { phoneHearing: PhoneApi['phoneHearing']; site: typeof site }) => createPhoneStore(api as unknown as PhoneApi);

function board(r1: Partial<HearingsBoard['rooms'][number]> = {}, r2: Partial<HearingsBoard['rooms'][number]> = {}): HearingsBoard {
  const room = (id: string) => ({ courtroomId: id, name: { zh: id, en: id }, floor: 2, current: null, next: [], waiting: 0, delayMinutes: 0 });
  return { date: '2026-11-26', rooms: [{ ...room('r1'), ...r1 }, { ...room('r2'), ...r2 }] };
}

describe('the phone page of a summons', () => {
  it('keeps the last answer on screen when a refresh fails, and says so', async () => {
    let fail: unknown = null;
    const api = { phoneHearing: vi.fn(async () => (fail ? Promise.reject(fail) : lookup())), site };
    const store = phoneStore(api);
    await store.getState().look(REF);
    expect(store.getState().lookup?.ahead).toBe(2);
    fail = new ApiError(429, 'rate_limited', 'too many');
    await store.getState().look(REF);
    expect(store.getState()).toMatchObject({ stale: true, problem: 'too_many' });
    expect(store.getState().lookup?.ahead).toBe(2);
    // A wrong code finds nothing, and nothing else is shown.
    fail = new ApiError(404, 'not_found', 'no');
    await store.getState().look({ caseNumber: CASE, code: 'WRONG1' });
    expect(store.getState()).toMatchObject({ lookup: null, problem: 'not_found' });
  });

  it('a slow answer for an old case does not overwrite the new one', async () => {
    const answers: Array<(l: HearingLookup) => void> = [];
    const api = { phoneHearing: vi.fn(() => new Promise<HearingLookup>((r) => answers.push(r))), site };
    const store = phoneStore(api);
    const first = store.getState().look(REF);
    const second = store.getState().look({ caseNumber: '113年度偵字第2001號', code: 'K7K7K7' });
    answers[1]!(lookup({ caseNumber: '113年度偵字第2001號' }));
    answers[0]!(lookup());
    await Promise.all([first, second]);
    expect(store.getState().lookup?.caseNumber).toBe('113年度偵字第2001號');
  });

  it('fetches again when its own room changes on the board, not when the board is re-sent or another room moves', async () => {
    vi.useFakeTimers();
    try {
      const api = { phoneHearing: vi.fn(async () => lookup()), site };
      const store = phoneStore(api);
      const follow = bindHearingFollow(store, { noSocket: true, random: () => 0, debounceMs: 500, visible: () => true });
      await store.getState().look(REF);
      expect(api.phoneHearing).toHaveBeenCalledTimes(1);
      store.setState({ snapshots: { 'hearings.board': board() } }); // first sight: what the look-up saw
      store.setState({ snapshots: { 'hearings.board': board() } }); // re-sent unchanged
      store.setState({ snapshots: { 'hearings.board': board({}, { waiting: 3 }) } }); // another room
      await vi.advanceTimersByTimeAsync(2000);
      expect(api.phoneHearing).toHaveBeenCalledTimes(1);
      store.setState({ snapshots: { 'hearings.board': board({ waiting: 1 }) } });
      store.setState({ snapshots: { 'hearings.board': board({ waiting: 2 }) } }); // a burst: one fetch
      await vi.advanceTimersByTimeAsync(499);
      expect(api.phoneHearing).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(api.phoneHearing).toHaveBeenCalledTimes(2);
      follow.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops following a hearing that is over', async () => {
    vi.useFakeTimers();
    try {
      const api = { phoneHearing: vi.fn(async () => lookup({ state: 'finished' })), site };
      const store = phoneStore(api);
      const follow = bindHearingFollow(store, { noSocket: true, random: () => 0, debounceMs: 10, visible: () => true });
      await store.getState().look(REF);
      store.setState({ snapshots: { 'hearings.board': board() } });
      store.setState({ snapshots: { 'hearings.board': board({ waiting: 4 }) } });
      await vi.advanceTimersByTimeAsync(300_000);
      expect(api.phoneHearing).toHaveBeenCalledTimes(1);
      follow.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the kiosk summons look-up', () => {
  /** The kiosk's store with a hand-made look-up and provisioning answer. */
  const summonsStore = (api: Pick<KioskApi, 'phoneHearing'>, kioskStatus: KioskApi['kioskStatus']) => createKioskStore({ ...api, kioskStatus } as unknown as KioskApi);
  const scan = (seq: number, over: Partial<KioskScan> = {}): KioskScan => ({ seq, at: '2026-11-26T09:55:00+08:00', result: lookup(), error: null, ...over });

  it('shows only scans made after the page opened; a restarted server starts again', () => {
    const seen: number[] = [];
    const watch = createScanWatcher((s) => seen.push(s.seq));
    watch(scan(7)); // the last scan before this page opened
    watch(scan(7)); // re-sent on reconnect
    watch(scan(8));
    watch(scan(8));
    watch(scan(0, { result: null, at: null })); // the server restarted: no scan yet
    watch(scan(1));
    expect(seen).toEqual([8, 1]);
  });

  it('a wedge scan is parsed and looked up; what is no summons costs no look-up', async () => {
    const phoneHearing = vi.fn(async () => lookup());
    const store = summonsStore({ phoneHearing }, async () => ({ provisioned: true }));
    await store.getState().summonsScanned('hello world');
    expect(store.getState()).toMatchObject({ summonsPhase: 'problem', summonsProblem: 'unreadable' });
    expect(phoneHearing).not.toHaveBeenCalled();
    await store.getState().summonsScanned(`http://lobby/phone/hearing?c=${encodeURIComponent(CASE)}&v=A1B2C3`);
    expect(phoneHearing).toHaveBeenCalledWith(REF);
    expect(store.getState()).toMatchObject({ summonsPhase: 'result', summonsResult: lookup() });
    store.getState().closeSummons();
    expect(store.getState().summonsPhase).toBe('closed');
  });

  it("the server scanner's answer opens the result, its errors the kind message", () => {
    const store = summonsStore({ phoneHearing: vi.fn() }, async () => ({ provisioned: true }));
    store.getState().showScan(scan(3));
    expect(store.getState().summonsPhase).toBe('result');
    store.getState().showScan(scan(4, { result: null, error: '查無此案件，請確認案號與驗證碼 / No hearing matches this case number and code.' }));
    expect(store.getState()).toMatchObject({ summonsPhase: 'problem', summonsProblem: 'not_found' });
    expect(scanProblemOf('無法辨識此條碼 / This code is not a summons; scan the QR code on your summons.')).toBe('unreadable');
    expect(scanProblemOf('Look-up failed.')).toBe('network');
  });

  it('knows whether this browser may issue tickets; an unreachable server is not "not set up"', async () => {
    const no = summonsStore({ phoneHearing: vi.fn() }, async () => ({ provisioned: false }));
    await no.getState().checkProvisioned();
    expect(no.getState().provisioned).toBe(false);
    const down = summonsStore({ phoneHearing: vi.fn() }, () => Promise.reject(new ApiError(0, 'network', 'down')));
    await down.getState().checkProvisioned();
    expect(down.getState().provisioned).toBeNull();
  });
});

describe('the staff console’s court tabs', () => {
  const signedOut = { user: null, needsSetup: false, csrfToken: null };
  const api = (over: Partial<StaffApi>): Partial<StaffApi> => ({
    me: async () => signedOut,
    hearings: async () => [],
    detainees: async () => ({ detainees: [], stages: [{ id: 'delivered', zh: '解送到署', en: 'Delivered' }], outcomes: [{ id: 'bail', zh: '交保', en: 'Released on bail' }] }),
    ...over,
  });
  const courtStore = (over: Partial<StaffApi>) => createStaffStore({ api: api(over) });

  it('takes the site’s detainee stages and outcomes from the server with the list, and offers those', async () => {
    const stages = [
      { id: 'intake', zh: '入監', en: 'Intake' },
      { id: 'search', zh: '檢身', en: 'Searched' },
    ];
    const outcomes = [{ id: 'housed', zh: '配房', en: 'Assigned a cell' }];
    const person = { id: 7, name: '王小明', broughtAt: '08:15', agency: '臺東縣警察局', offence: null, stage: 'intake', updatedAt: '2026-11-26T08:15:00+08:00' };
    const store = courtStore({ detainees: async () => ({ detainees: [person], stages, outcomes }) });
    expect(store.getState().detaineeSteps).toBeNull();
    await store.getState().loadDetainees();
    expect(store.getState().detaineeSteps).toEqual({ stages, outcomes });
    const steps = store.getState().detaineeSteps!;
    expect(stageLabel('intake', steps)).toMatchObject({ zh: '入監', en: 'Intake' });
    expect(detaineeChoices('intake', steps).options.map((o) => o.zh)).toEqual(['檢身']);
    expect(detaineeChoices('search', steps)).toEqual({ kind: 'outcomes', options: outcomes });
    // Signed out (here, or the session ended elsewhere): staff-only data leaves the screen.
    store.setState({ me: { user: { id: 1, username: 'bailiff1', displayName: '法警', roles: ['bailiff'] }, needsSetup: false, csrfToken: 't' } });
    store.setState({ me: signedOut });
    expect(store.getState().detaineeSteps).toBeNull();
    expect(store.getState().detainees).toBeNull();
  });

  it('keeps an import’s refused rows with their numbers', async () => {
    const store = courtStore({
      importHearings: () =>
        Promise.reject(new ApiError(400, 'invalid', '2 of 3 rows are not valid; nothing was imported.', [{ row: 3, message: 'caseNumber: …' }, { message: 'file' }])),
    });
    expect(await store.getState().importFile('bad.csv', { format: 'csv', contentBase64: '' })).toBe(false);
    expect(store.getState().importError).toEqual({
      file: 'bad.csv',
      message: '2 of 3 rows are not valid; nothing was imported.',
      rows: [
        { row: 3, message: 'caseNumber: …' },
        { row: null, message: 'file' },
      ],
    });
  });

  it('a refused move is shown next to its hearing; a 401 asks the console to sign in again', async () => {
    const me = vi.fn(async () => signedOut);
    const store = courtStore({ me, moveHearing: () => Promise.reject(new ApiError(409, 'conflict', 'cannot become finished')) });
    expect(await store.getState().moveHearing(5, 'finished')).toBe(false);
    expect(store.getState().moveError).toEqual({ id: 5, message: 'cannot become finished' });
    expect(store.getState().moving).toBeNull();
    expect(me).not.toHaveBeenCalled();
    const gone = courtStore({ me, hearings: () => Promise.reject(new ApiError(401, 'unauthorized', 'Please sign in.')) });
    await gone.getState().loadHearings();
    // Asking who is signed in shows the sign-in form again.
    await vi.waitFor(() => expect(me).toHaveBeenCalledTimes(1));
    expect(gone.getState().me).toEqual(signedOut);
  });

  it('a deleted hearing leaves the list; a refused delete is shown next to it and the list is fetched again', async () => {
    const hearing = (id: number): Hearing => ({ id, date: '2026-11-26', time: '09:00', courtroomId: 'r1', caseNumber: `113年度偵字第${id}號`, division: '信', prosecutor: '林檢察官', persons: [], state: 'scheduled', startedAt: null, finishedAt: null, estimatedStart: null });
    const deleteHearing = vi.fn(async (id: number) => {
      if (id === 2) throw new ApiError(404, 'not_found', 'No hearing 2.');
    });
    const hearings = vi.fn(async () => [hearing(1), hearing(2)]);
    const store = courtStore({ hearings, deleteHearing });
    await store.getState().loadHearings();
    expect(await store.getState().deleteHearing(1)).toBe(true);
    expect(deleteHearing).toHaveBeenCalledWith(1);
    expect(store.getState().hearings?.map((h) => h.id)).toEqual([2]);
    expect(await store.getState().deleteHearing(2)).toBe(false);
    expect(store.getState()).toMatchObject({ moving: null, moveError: { id: 2, message: 'No hearing 2.' } });
    expect(hearings).toHaveBeenCalledTimes(2);
  });

  it('the roster is checked before it is sent, and saved as the request the server takes', async () => {
    const saveRoster = vi.fn(async (date: string, req: { entries: unknown[] }) => ({ date, entries: req.entries as { shiftId: string; roleId: string; name: string }[] }));
    const store = courtStore({
      roster: async (date) => ({ date, entries: [], shifts: [{ id: 'day', zh: '日班', en: 'Day', from: '08:00', to: '17:30' }], roles: [{ id: 'clerk', zh: '值班書記官', en: 'Duty clerk' }] }),
      saveRoster,
    });
    await store.getState().loadRoster('2026-11-26');
    store.getState().setRosterRows([newRosterRow('', 'clerk', '林雅婷')]);
    expect(await store.getState().saveRoster()).toBe(false);
    expect(store.getState().rosterRowErrors.map((e) => e.index)).toEqual([0]);
    expect(saveRoster).not.toHaveBeenCalled();
    store.getState().setRosterRows([newRosterRow('day', 'clerk', ' 林雅婷 ')]);
    expect(await store.getState().saveRoster()).toBe(true);
    expect(saveRoster).toHaveBeenCalledWith('2026-11-26', { entries: [{ shiftId: 'day', roleId: 'clerk', name: '林雅婷' }] });
    expect(store.getState()).toMatchObject({ rosterDirty: false, rosterError: null });
    expect(store.getState().roster?.rows.map((r) => r.name)).toEqual(['林雅婷']);
  });
});

describe('the kiosk page’s wedge scanner', () => {
  /** A fake window: keydown listeners, fed by hand with chosen timestamps. */
  function fakeWindow() {
    const listeners = new Map<string, Set<(e: unknown) => void>>();
    return {
      addEventListener: (type: string, fn: (e: unknown) => void) => void (listeners.get(type) ?? listeners.set(type, new Set()).get(type)!).add(fn),
      removeEventListener: (type: string, fn: (e: unknown) => void) => void listeners.get(type)?.delete(fn),
      type(text: string, start: number, gapMs: number, end = 'Enter') {
        let at = start;
        for (const key of [...text, end]) {
          for (const fn of listeners.get('keydown') ?? []) fn({ key, timeStamp: at, preventDefault() {} });
          at += gapMs;
        }
      },
    };
  }
  const url = `http://lobby/phone/hearing?c=${encodeURIComponent(CASE)}&v=A1B2C3`;

  it('takes a URL typed at a scanner’s pace, even a busy kiosk’s (20 ms apart), and not a person typing', () => {
    const win = fakeWindow();
    const seen: string[] = [];
    const off = bindWedge((t) => seen.push(t), win as unknown as Window);
    win.type(url, 1000, 3);
    win.type(url, 10_000, 20);
    win.type('hello there, kiosk', 20_000, 90);
    win.type('A1B2C3', 30_000, 3); // too short to be a summons
    expect(seen).toEqual([url, url]);
    off();
    win.type(url, 40_000, 3);
    expect(seen).toHaveLength(2);
  });
});
