/**
 * "下一位就是您 / You are next" on the phone page is a promise: the ticket of a
 * counter's second service, behind a stream of the first service's tickets,
 * is told how many will really be called before it (not "you are next"
 * because its own line is empty), and "you are next" once it has waited the
 * site's ageing limit and the counter's next call is it — which it then is.
 * Both sample sites, both languages on the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { IssuedTicket } from '../../core/contract';
import { manualClock } from '../../core/store/clock';
import { axeReport, axeViolations, copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, snap, type PageWithErrors } from '../helpers/browser';
import { counterAction, createFirstAdmin, issueTicket, startTestLobby, TEST_PUBLIC_BASE_URL, type HttpClient, type TestLobby } from '../helpers/lobby';

const MIN = 60_000;
const PHONE = { width: 390, height: 844 };
const until = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 6000, interval: 50 });

let browser: Browser;
let rendererCopy = '';

beforeAll(async () => {
  rendererCopy = await copyBuiltRenderer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  removeRendererCopy(rendererCopy);
});

/** A counter that prefers `first` to `second`, as counter 1 does in both sample sites. */
const SITES = [
  { siteId: 'taitung-prosecutors', first: 'consult', second: 'community-service', number: 'D001', agingMinutes: 20 },
  { siteId: 'hualien-prison', first: 'visit-registration', second: 'remote-visit', number: 'C001', agingMinutes: 20 },
] as const;

/** What the page shows for the ticket's place, both languages, and whether each line is on screen whole. */
async function aheadText(phone: PageWithErrors) {
  const box = phone.getByTestId('phone-ahead');
  await box.waitFor();
  return box.evaluate((el) => {
    const spans = [...el.querySelectorAll('.phone__ahead-text > span')] as HTMLElement[];
    return {
      ahead: el.getAttribute('data-ahead'),
      texts: spans.map((s) => s.textContent ?? ''),
      whole: spans.every((s) => {
        const r = s.getBoundingClientRect();
        return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth && r.top >= 0 && r.bottom <= window.innerHeight;
      }),
    };
  });
}

describe('the phone page of the next ticket', () => {
  for (const site of SITES) {
    describe(site.siteId, () => {
      let t: TestLobby;
      let staff: HttpClient;
      const clock = manualClock('2026-11-26T10:00:00+08:00'); // a Thursday morning: every service open

      beforeAll(async () => {
        t = await startTestLobby({ siteId: site.siteId, siteWith: { publicBaseUrl: TEST_PUBLIC_BASE_URL }, rendererDir: rendererCopy, clock });
        staff = await createFirstAdmin(t);
      });

      afterAll(async () => {
        await t?.stop();
      });

      it(`${site.number} behind a stream of ${site.first} tickets is told who comes first, then "you are next" when it is`, async () => {
        const stream: IssuedTicket[] = [];
        const take = async () => {
          stream.push(await issueTicket(t, site.first));
          clock.advance(MIN);
        };
        for (let i = 0; i < 3; i++) await take();
        await counterAction(staff, { action: 'next', counterId: 'c1' }); // the counter is at work: A001
        const mine = await issueTicket(t, site.second);
        expect(mine.number).toBe(site.number);
        // Its own line is empty, but counter 1 calls the two waiting A tickets first, and the ones still coming.
        expect(mine.waitingAhead).toBeGreaterThanOrEqual(2);
        clock.advance(MIN);
        await take();

        const phone = await openPage(await browser.newContext({ viewport: PHONE, locale: 'zh-TW', bypassCSP: true }), t.url + new URL(mine.phoneUrl!).pathname, { size: PHONE });
        await until(() => phone.getByTestId('phone-ticket').getAttribute('data-status')).toBe('waiting');
        const waiting = await aheadText(phone);
        const n = Number(waiting.ahead);
        expect(n).toBeGreaterThanOrEqual(3);
        expect(waiting.texts).toEqual([`前面還有 ${n} 人`, `${n} people ahead of you`]);
        expect(waiting.whole).toBe(true);
        expect(await phone.getByTestId('phone-ticket').textContent()).not.toContain('下一位就是您');
        await snap(phone, `you-are-next-${site.siteId}-behind-stream`);
        expect(axeReport(await axeViolations(phone))).toBe('');

        // The counter calls the three A tickets issued before it; the stream goes on.
        for (let i = 0; i < 3; i++) {
          await counterAction(staff, { action: 'next', counterId: 'c1' });
          clock.advance(MIN);
        }
        await take();
        await phone.reload();
        await until(() => phone.getByTestId('phone-ticket').getAttribute('data-status')).toBe('waiting');
        expect(Number((await aheadText(phone)).ahead)).toBeGreaterThanOrEqual(1); // not yet: the newer A ticket goes first until it has aged

        // Past the ageing limit: newer A tickets wait, it is next — and says so in both languages.
        clock.advance(site.agingMinutes * MIN);
        await take();
        await phone.reload();
        await until(async () => (await aheadText(phone)).ahead).toBe('0');
        const next = await aheadText(phone);
        expect(next.texts).toEqual(['下一位就是您', 'You are next']);
        expect(next.whole).toBe(true);
        await snap(phone, `you-are-next-${site.siteId}-next`);
        await phone.getByTestId('lang-en').click();
        await until(async () => (await aheadText(phone)).texts).toEqual(['You are next', '下一位就是您']);
        expect((await aheadText(phone)).whole).toBe(true);
        await snap(phone, `you-are-next-${site.siteId}-next-en`);
        expect(axeReport(await axeViolations(phone))).toBe('');

        // The promise is kept: the counter's next call is this ticket.
        const call = await counterAction(staff, { action: 'next', counterId: 'c1' });
        expect(call.call?.number).toBe(site.number);
        await until(() => phone.getByTestId('phone-ticket').getAttribute('data-status')).toBe('called');
        expect(await phone.getByTestId('phone-counter').textContent()).toContain('Counter 1');
        await snap(phone, `you-are-next-${site.siteId}-called`);
        expect(phone.errors).toEqual([]);
        await phone.context().close();
      });
    });
  }
});
