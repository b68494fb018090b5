/**
 * The citizen's side of queue and calling: the kiosk's opening hours and 博愛
 * choice, and the phone page following its ticket live.
 */
import { describe, expect, it } from 'vitest';
import type { OpeningHoursDto, PhoneTicket, QueueBoard } from '../../core/contract';
import { formatHours, hoursOpen, lastHoursChange, serviceOpenNow, todaysHours } from '../../renderer/apps/kiosk/hours';
import { t } from '../../renderer/i18n';
import { createKioskStore, type KioskApi } from '../../renderer/apps/kiosk/store';
import { createPhoneStore, type PhoneApi } from '../../renderer/apps/phone/store';
import { ApiError } from '../../renderer/client/call';
import { bindPhoneLive } from '../../renderer/features/phone-ticket/follow';
import { trackBoardTime } from '../../renderer/features/tickets/slice';
import { FakeSocket } from '../helpers/fake-socket';
import { issuedTicket } from '../helpers/fixtures';

const TZ = 'Asia/Taipei';
/** 2026-11-26 is a Thursday (ISO 4). */
const at = (hhmm: string, day = '2026-11-26') => Date.parse(`${day}T${hhmm}:00+08:00`);
const weekdays: OpeningHoursDto[] = [
  { days: [1, 2, 3, 4, 5], from: '08:30', to: '12:00' },
  { days: [1, 2, 3, 4, 5], from: '13:30', to: '17:00' },
];

describe('opening hours on the kiosk', () => {
  it('is open inside a window, `to` exclusive, in the site time zone', () => {
    expect(hoursOpen(weekdays, at('08:29'), TZ)).toBe(false);
    expect(hoursOpen(weekdays, at('08:30'), TZ)).toBe(true);
    expect(hoursOpen(weekdays, at('11:59'), TZ)).toBe(true);
    expect(hoursOpen(weekdays, at('12:00'), TZ)).toBe(false);
    expect(hoursOpen(weekdays, at('14:00'), TZ)).toBe(true);
    expect(hoursOpen(weekdays, at('10:00', '2026-11-29'), TZ)).toBe(false); // Sunday
    expect(hoursOpen(null, at('03:00'), TZ)).toBe(true);
  });

  it("shows today's hours, or that it is not open today", () => {
    const today = todaysHours([...weekdays].reverse(), at('18:00'), TZ)!;
    expect(formatHours(today, 'zh-TW')).toBe('08:30–12:00、13:30–17:00');
    expect(formatHours(today, 'en')).toBe('08:30–12:00, 13:30–17:00');
    expect(t('en', 'kiosk.hoursToday', { hours: formatHours(today, 'en') })).toBe('Today 08:30–12:00, 13:30–17:00');
    expect(todaysHours(weekdays, at('10:00', '2026-11-28'), TZ)).toEqual([]);
    expect(todaysHours(null, at('10:00'), TZ)).toBeNull();
  });

  it('knows the last opening or closing time', () => {
    expect(lastHoursChange(weekdays, at('12:30') + 15_000, TZ)).toBe(at('12:00'));
    expect(lastHoursChange(weekdays, at('08:30'), TZ)).toBe(at('08:30'));
    expect(lastHoursChange(weekdays, at('07:00'), TZ)).toBe(at('00:00'));
    expect(lastHoursChange(null, at('07:00'), TZ)).toBe(at('00:00'));
  });

  it("trusts the board's open flag unless it predates the last opening or closing time", () => {
    // board said closed at 08:00; at 08:31 the service has opened since: the kiosk's clock decides
    expect(serviceOpenNow(weekdays, { open: false, receivedAt: at('08:00') }, at('08:31'), TZ)).toBe(true);
    // a board sent after the opening time says closed (the server knows better): closed
    expect(serviceOpenNow(weekdays, { open: false, receivedAt: at('08:30') + 5_000 }, at('08:31'), TZ)).toBe(false);
    // a board from before noon still saying open at 12:05: closed
    expect(serviceOpenNow(weekdays, { open: true, receivedAt: at('11:50') }, at('12:05'), TZ)).toBe(false);
    expect(serviceOpenNow(weekdays, null, at('12:05'), TZ)).toBe(false);
  });

  it('says the estimate in both languages', () => {
    expect(t('zh-TW', 'kiosk.estimate', { n: 12 })).toBe('約 12 分鐘');
    expect(t('en', 'kiosk.estimate', { n: 12 })).toBe('about 12 min');
    expect(t('en', 'kiosk.estimate', { n: 0 })).toBe('under 1 min');
  });
});

describe('kiosk: 博愛 priority', () => {
  it('sends the choice with the ticket and forgets it afterwards', async () => {
    const sent: [string, boolean][] = [];
    const api = {
      issueTicket: async (serviceId: string, priority = false) => {
        sent.push([serviceId, priority]);
        return issuedTicket({ priority });
      },
    } as unknown as KioskApi;
    const store = createKioskStore(api);
    store.getState().setPriority(true);
    await store.getState().issue('consult');
    expect(sent).toEqual([['consult', true]]);
    expect(store.getState().ticket?.priority).toBe(true);
    expect(store.getState().priority).toBe(false); // reset for the next citizen
    store.getState().setPriority(true); // ignored while the result shows
    expect(store.getState().priority).toBe(false);
    store.getState().backHome();
    await store.getState().issue('consult');
    expect(sent.at(-1)).toEqual(['consult', false]);
  });

  it('forgets it after a refusal too, and remembers which service was refused', async () => {
    const api = {
      issueTicket: () => Promise.reject(new ApiError(503, 'unavailable', '目前非服務時間 / closed now.')),
    } as unknown as KioskApi;
    const store = createKioskStore(api);
    store.getState().setPriority(true);
    await store.getState().issue('witness-fees');
    expect(store.getState()).toMatchObject({ phase: 'error', priority: false, issueErrorCode: 'unavailable', issueErrorService: 'witness-fees' });
    store.getState().backHome();
    expect(store.getState().issueErrorService).toBeNull();
  });

  it('notes when each board arrives', () => {
    const store = createKioskStore({} as KioskApi);
    let now = 1000;
    trackBoardTime(store, () => now);
    expect(store.getState().boardAt).toBeNull();
    store.setState({ snapshots: { 'queue.board': { day: '2026-11-26', services: [], recentCalls: [] } } });
    expect(store.getState().boardAt).toBe(1000);
    now = 2000;
    store.setState({ lang: 'en' }); // not a board
    expect(store.getState().boardAt).toBe(1000);
  });
});

// ---- phone -----------------------------------------------------------------------

/** Timers the test fires by hand. */
function manualTimers() {
  let next = 1;
  const timers = new Map<number, { fn: () => void; ms: number }>();
  return {
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      timers.set(id, { fn, ms });
      return id;
    },
    clearTimer: (h: unknown) => void timers.delete(h as number),
    /** Fire every pending timer of exactly `ms` (or all when omitted). */
    fire(ms?: number) {
      for (const [id, t] of [...timers]) {
        if (ms !== undefined && t.ms !== ms) continue;
        timers.delete(id);
        t.fn();
      }
    },
    pending: () => [...timers.values()].map((t) => t.ms),
  };
}

const board = (version: number, waiting: number): { type: 'snapshot'; topic: 'queue.board'; version: number; data: QueueBoard } => ({
  type: 'snapshot',
  topic: 'queue.board',
  version,
  data: { day: '2026-11-26', services: [{ serviceId: 'consult', waiting, lastCalled: null, open: true, estimatedWaitMinutes: null }], recentCalls: [] },
});

const phoneTicket = (over: Partial<PhoneTicket> = {}): PhoneTicket => ({
  number: 'A004',
  serviceName: { zh: '諮詢', en: 'Enquiries' },
  status: 'waiting',
  ahead: 3,
  counterNumber: null,
  estimatedWaitMinutes: 9,
  ...over,
});

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('phone: follows its ticket live', () => {
  function setup(answers: PhoneTicket[]) {
    let fetches = 0;
    const api = {
      phoneTicket: async () => answers[Math.min(fetches++, answers.length - 1)]!,
    } as unknown as PhoneApi;
    const store = createPhoneStore(api);
    const timers = manualTimers();
    const follow = bindPhoneLive(store, 'tok', {
      debounceMs: 300,
      jitterMs: 1000,
      slowMs: 30_000,
      random: () => 0.5,
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
      visible: () => true,
      live: { url: 'ws://x/live', WebSocket: FakeSocket, setTimer: () => 0, clearTimer: () => undefined, heartbeatMs: 0, log: () => undefined },
    });
    const ws = FakeSocket.last!;
    ws.open();
    return { store, timers, follow, ws, fetches: () => fetches };
  }

  it('subscribes to the public board only', () => {
    const { ws, follow } = setup([phoneTicket()]);
    expect(JSON.parse(ws.sent[0]!)).toEqual({ type: 'subscribe', topics: ['queue.board'] });
    follow.stop();
  });

  it('fetches the ticket once per burst of board changes, after a jittered delay', async () => {
    const { store, timers, ws, fetches, follow } = setup([phoneTicket({ ahead: 2 }), phoneTicket({ ahead: 1 })]);
    ws.receive(board(1, 3));
    ws.receive(board(2, 2));
    ws.receive(board(3, 2));
    expect(timers.pending()).toContain(800); // 300 + 0.5 × 1000, one timer for the burst
    expect(timers.pending().filter((ms) => ms === 800)).toHaveLength(1);
    expect(fetches()).toBe(0);
    timers.fire(800);
    await tick();
    expect(fetches()).toBe(1);
    expect(store.getState().ticket?.ahead).toBe(2);
    ws.receive(board(4, 1));
    timers.fire(800);
    await tick();
    expect(store.getState().ticket?.ahead).toBe(1);
    follow.stop();
  });

  it('polls slowly besides, and stops following a finished ticket', async () => {
    const { store, timers, ws, fetches, follow } = setup([phoneTicket({ status: 'called', counterNumber: 3, ahead: 0 }), phoneTicket({ status: 'done', ahead: 0 })]);
    timers.fire(30_000);
    await tick();
    expect(store.getState().ticket?.counterNumber).toBe(3);
    timers.fire(30_000);
    await tick();
    expect(store.getState().ticket?.status).toBe('done');
    const before = fetches();
    ws.receive(board(9, 0));
    timers.fire();
    await tick();
    expect(fetches()).toBe(before);
    follow.stop();
    expect(timers.pending()).toEqual([]);
  });

  it('runs one more fetch when a change arrives while one is in flight', async () => {
    let release!: () => void;
    let calls = 0;
    const api = {
      phoneTicket: async () => {
        calls++;
        if (calls === 1) await new Promise<void>((r) => (release = r));
        return phoneTicket({ ahead: calls === 1 ? 2 : 1 });
      },
    } as unknown as PhoneApi;
    const store = createPhoneStore(api);
    const first = store.getState().refresh('tok');
    const second = store.getState().refresh('tok');
    release();
    await first;
    await second;
    await tick();
    expect(calls).toBe(2);
    expect(store.getState().ticket?.ahead).toBe(1);
  });
});
