/**
 * The D001 report, replayed: services A (consult) and D (community service)
 * at one counter that prefers A, a steady stream of A tickets. D001 was told
 * "下一位就是您 / You are next" and then waited 139 minutes while newer A
 * tickets were called. Now it is called once it has waited the site's ageing
 * limit, and what its phone page says at every minute is kept: never fewer
 * people ahead than are really called before it at the counter, and "you are
 * next" only when the counter's next call is D001.
 */
import { describe, expect, it } from 'vitest';
import { loadSite, queueSite } from '../../../../core/config/load';
import { createEventBus } from '../../../../core/domain/events';
import { createQueue } from '../../../../core/domain/queue/queue';
import { manualClock } from '../../../../core/store/clock';
import { openDb } from '../../../../core/store/db';
import { t } from '../../../../renderer/i18n';

const MIN = 60_000;
const base = queueSite(loadSite({ siteId: 'taitung-prosecutors' }));
const AGING_MIN = base.rules.agingMinutes; // 20 in both sample sites

interface Day {
  /** An A ticket every this many minutes… */
  streamEvery: number;
  /** …from this many minutes before D001. */
  streamFrom: number;
  /** Counter 1 calls next every this many minutes… */
  callEvery: number;
  /** …first at this minute after the stream starts. */
  callOffset: number;
  /** A 博愛 A ticket every so many A tickets (0: none). */
  priorityEvery?: number;
}

interface Moment {
  minute: number;
  ahead: number;
  zh: string;
  en: string;
}

function replay(day: Day) {
  const site = {
    ...base,
    // One counter, A preferred to D, as in the report.
    counters: [{ ...base.counters[0]!, serviceIds: ['consult', 'community-service'] }],
  };
  const db = openDb(':memory:');
  const clock = manualClock('2026-11-26T00:30:00Z'); // 08:30 in Taipei
  const queue = createQueue({ db, site, clock, bus: createEventBus() });
  const calls: { minute: number; number: string; waited: number }[] = [];
  const issuedAt = new Map<string, number>();
  const moments: Moment[] = [];
  let d001: { token: string; number: string } | null = null;
  let aCount = 0;
  for (let minute = 0; minute < 240; minute++) {
    if (minute % day.streamEvery === 0) {
      aCount++;
      const a = queue.issue('consult', day.priorityEvery ? aCount % day.priorityEvery === 0 : false);
      issuedAt.set(a.number, minute);
    }
    if (minute === day.streamFrom) {
      const d = queue.issue('community-service');
      d001 = { token: d.token, number: d.number };
      issuedAt.set(d.number, minute);
    }
    if (minute >= day.callOffset && (minute - day.callOffset) % day.callEvery === 0) {
      const call = queue.act({ action: 'next', counterId: 'c1' }, null).call;
      if (call) calls.push({ minute, number: call.number, waited: minute - issuedAt.get(call.number)! });
      if (d001 && call?.number === d001.number) break;
    }
    if (d001) {
      const phone = queue.phoneTicket(d001.token);
      if (phone.status === 'waiting') {
        moments.push({ minute, ahead: phone.ahead, zh: t('zh-TW', 'kiosk.ahead', { n: phone.ahead }), en: t('en', 'kiosk.ahead', { n: phone.ahead }) });
      }
    }
    clock.advance(MIN);
  }
  db.close();
  return { calls, moments, d001: d001! };
}

const DAYS: Record<string, Day> = {
  'as reported: one A ticket every 4 minutes, called every 4, the A line now 1 now 0': { streamEvery: 4, streamFrom: 39, callEvery: 4, callOffset: 2 },
  'A tickets every 3 minutes, faster than the counter calls': { streamEvery: 3, streamFrom: 30, callEvery: 4, callOffset: 1 },
  'a backlog of A tickets, and the counter keeps pace': { streamEvery: 5, streamFrom: 50, callEvery: 5, callOffset: 12 },
  'a 博愛 ticket every third A ticket': { streamEvery: 4, streamFrom: 41, callEvery: 4, callOffset: 3, priorityEvery: 3 },
  'A tickets every 2 minutes, a quick counter calling every 2': { streamEvery: 2, streamFrom: 31, callEvery: 2, callOffset: 1 },
};

describe('D001 at a counter that prefers A, with a steady stream of A tickets', () => {
  for (const [name, day] of Object.entries(DAYS)) {
    it(name, () => {
      const { calls, moments, d001 } = replay(day);
      const called = calls.find((c) => c.number === d001.number);
      expect(called, 'D001 is called').toBeDefined();
      // Called once it has waited the ageing limit: by the counter's first call after that.
      expect(called!.waited).toBeLessThanOrEqual(AGING_MIN + day.callEvery);
      for (const c of calls) {
        if (c.minute >= called!.minute || c.minute - (called!.minute - called!.waited) < AGING_MIN) continue;
        // Past D001's limit, only someone who had waited longer still went first.
        expect(c.waited, `${c.number} called at minute ${c.minute} while D001 was past the limit`).toBeGreaterThanOrEqual(c.minute - (called!.minute - called!.waited));
      }
      // D001 was passed over for newer A tickets at first: the stream is real.
      expect(calls.filter((c) => c.minute < called!.minute && c.number.startsWith('A') && c.waited < called!.waited).length).toBeGreaterThan(0);

      expect(moments.length).toBeGreaterThan(10);
      for (const m of moments) {
        const reallyBefore = calls.filter((c) => c.minute > m.minute && c.minute < called!.minute).length;
        expect(m.ahead, `minute ${m.minute}: told "${m.zh}", then ${reallyBefore} were called first`).toBeGreaterThanOrEqual(reallyBefore);
        // Nor hedged: at most one more (the forecast lets the counter call at once, before its next call is due).
        expect(m.ahead, `minute ${m.minute}: told "${m.zh}", then ${reallyBefore} were called first`).toBeLessThanOrEqual(reallyBefore + 1);
        if (m.ahead === 0) {
          const next = calls.find((c) => c.minute > m.minute);
          expect(next?.number, `minute ${m.minute}: told "${m.en}"`).toBe(d001.number);
          expect([m.zh, m.en]).toEqual(['下一位就是您', 'You are next']);
        }
      }
    });
  }
});
