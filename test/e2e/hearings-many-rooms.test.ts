/**
 * The hearing boards with more rooms and hearings than one screen holds
 * (browser, 1920×1080 and 1080×1920): a site with six courtrooms and 35
 * hearings turns pages (every 3 s here, `?rotate=3`) with a "1/2" mark, and
 * within one rotation every room's row — and on one room's TV every coming
 * hearing — is shown whole: nothing clipped, nothing outside the screen, names
 * shown whole (never "張○…"). The sample site's four rooms still fit on one
 * page, unpaged, with both names of the case in session.
 *
 * The lobby runs on a fixed clock: Monday 7 December 2026, 10:05 in Taipei.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { pathOf, ROUTES, type Hearing } from '../../core/contract';
import { manualClock } from '../../core/store/clock';
import { copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, snap, type PageWithErrors } from '../helpers/browser';
import { createFirstAdmin, startTestLobby, type TestLobby } from '../helpers/lobby';
import { enterManyRooms, MANY_ROOMS_DAY, SIX_COURTROOMS } from '../helpers/many-rooms';

const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };

let six: TestLobby;
let four: TestLobby;
let rendererCopy = '';
let browser: Browser;
let tv: BrowserContext;
let hearings: Hearing[];

beforeAll(async () => {
  rendererCopy = await copyBuiltRenderer();
  const clock = manualClock(`${MANY_ROOMS_DAY}T10:05:00+08:00`);
  six = await startTestLobby({ rendererDir: rendererCopy, clock, siteWith: { courtrooms: SIX_COURTROOMS } });
  hearings = await enterManyRooms(await createFirstAdmin(six));
  four = await startTestLobby({ rendererDir: rendererCopy, clock });
  const admin = await createFirstAdmin(four);
  const h = await admin.post<{ hearing: Hearing }>(ROUTES.createHearing.path, {
    date: MANY_ROOMS_DAY,
    time: '09:30',
    courtroomId: 'r1',
    caseNumber: '113年度偵字第1234號',
    division: '信',
    prosecutor: '張正義',
    persons: [
      { name: '王小明', role: 'defendant' },
      { name: '歐陽小華', role: 'witness' },
    ],
  });
  expect(h.status, JSON.stringify(h.body)).toBe(201);
  expect((await admin.post(pathOf(ROUTES.moveHearing, { id: h.body.hearing.id }), { to: 'in_session' })).status).toBe(200);
  browser = await launchBrowser();
  tv = await browser.newContext({ locale: 'zh-TW' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await six?.stop();
  await four?.stop();
  removeRendererCopy(rendererCopy);
});

/**
 * What a reader could not see on the board as it is now: any element whose
 * content is wider or taller than its box (clipped or spilling), outside the
 * screen, or outside its room's row; any text below 24 px; any "…".
 */
async function unseen(page: PageWithErrors): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').slice(0, 40)}"`;
    const board = document.querySelector('[data-testid="hearings-board"]')!;
    const main = board.querySelector('.hb__main')!;
    for (const el of main.querySelectorAll<HTMLElement>('*')) {
      const style = getComputedStyle(el);
      if (style.display === 'contents' || style.display === 'none') continue;
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) bad.push(`wider than its box: ${name(el)} ${el.scrollWidth} > ${el.clientWidth}`);
      // Up and down only a box that clips counts: CJK glyphs reach past tight line boxes harmlessly.
      const clips = style.overflowY !== 'visible';
      if (clips && el.clientHeight > 0 && el.scrollHeight > el.clientHeight + 2) bad.push(`taller than its box: ${name(el)} ${el.scrollHeight} > ${el.clientHeight}`);
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) bad.push(`off the screen: ${name(el)}`);
      const row = el.closest('.room-row, .line-table tbody tr, .line-card');
      if (row && row !== el) {
        const b = row.getBoundingClientRect();
        if (r.left < b.left - 0.5 || r.top < b.top - 0.5 || r.right > b.right + 0.5 || r.bottom > b.bottom + 0.5) bad.push(`outside its row: ${name(el)}`);
      }
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (own && parseFloat(style.fontSize) < 24) bad.push(`text below 24 px: ${name(el)} ${style.fontSize}`);
    }
    // The page mark covers nothing.
    const mark = main.querySelector('[data-testid="page-mark"]');
    if (mark) {
      const m = mark.getBoundingClientRect();
      for (const el of main.querySelectorAll('*')) {
        if (mark.contains(el) || el.contains(mark) || el.children.length > 0) continue;
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.left < m.right && r.right > m.left && r.top < m.bottom && r.bottom > m.top) bad.push(`under the page mark: ${name(el)}`);
      }
    }
    if (main.textContent!.includes('…')) bad.push('an ellipsis in the text');
    return bad;
  });
}

/** Each name shown is whole: a masked name, 1–2 characters, ○, then at most one more (王○明, 歐陽○華, 張○). */
async function shownNames(page: PageWithErrors, scope: string): Promise<string[][]> {
  return page.locator(`${scope} [data-testid="persons"]`).evaluateAll((els) =>
    els.map((el) => {
      const more = el.querySelector('.hb__more');
      const text = [...el.childNodes].filter((n) => n !== more).map((n) => n.textContent ?? '').join('');
      return text.split('、').map((s) => s.trim());
    }),
  );
}

function expectWholeNames(lists: string[][]): void {
  expect(lists.length).toBeGreaterThan(0);
  for (const names of lists) for (const n of names) expect(n).toMatch(/^\p{Script=Han}{1,2}○\p{Script=Han}?$/u);
}

/** Watches the board turn every page once: for each page, the rooms (or next hearings) on it and what could not be seen. */
async function oneRotation(page: PageWithErrors, markScope: string, itemsOnPage: () => Promise<string[]>, shotName: string) {
  const mark = page.locator(`${markScope} [data-testid="page-mark"]`);
  await mark.waitFor();
  const pages = Number(await mark.getAttribute('data-pages'));
  const seen = new Map<number, string[]>();
  for (let turn = 0; turn < pages; turn++) {
    const p = Number(await mark.getAttribute('data-page'));
    expect(await unseen(page)).toEqual([]);
    const text = await mark.innerText();
    expect(text).toContain(`${p}/${pages}`);
    expect(text).toContain(`Page ${p} of ${pages}`);
    expect(await mark.isVisible()).toBe(true);
    seen.set(p, await itemsOnPage());
    await snap(page, `${shotName}-page${p}`, 100);
    if (turn < pages - 1) await expect.poll(() => mark.getAttribute('data-page'), { timeout: 8000 }).not.toBe(String(p));
  }
  return { pages, seen };
}

const roomsOnPage = (page: PageWithErrors) => () =>
  page.locator('[data-testid="rooms"] section.room-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('room-'.length)));

describe('six courtrooms, 35 hearings', () => {
  for (const [label, size] of [
    ['1920×1080', LANDSCAPE],
    ['1080×1920 upright', PORTRAIT],
  ] as const) {
    it(`/hearings at ${label}: pages of three rooms turn with a 1/2 mark; every room is shown whole within one rotation`, async () => {
      const page = await openPage(tv, `${six.url}/hearings?rotate=3`, { size });
      await page.getByTestId('room-r1').or(page.getByTestId('room-r4')).first().waitFor();
      expect(await page.getByTestId('hearings-board').getAttribute('data-orientation')).toBe(size === LANDSCAPE ? 'landscape' : 'portrait');
      const { pages, seen } = await oneRotation(page, '', roomsOnPage(page), `hearings-six-rooms-${size.width}x${size.height}`);
      expect(pages).toBe(2);
      expect([...seen.values()].map((r) => r.length)).toEqual([3, 3]);
      expect([...seen.values()].flat().sort()).toEqual(SIX_COURTROOMS.map((r) => r.id));
      expect(page.errors).toEqual([]);
      await page.close();
    });
  }

  it('names are shown whole, as many as the line holds, the rest counted ("另 N 人 +N more")', async () => {
    // Pages turn on the wall clock (every TV alike): wait for the page with r1 and r2, then read it at once.
    const page = await openPage(tv, `${six.url}/hearings?rotate=4`, { size: LANDSCAPE });
    await page.getByTestId('room-r2-current').getByTestId('persons').waitFor({ timeout: 10_000 });
    const lists = await shownNames(page, '[data-testid="rooms"]');
    expectWholeNames(lists);
    // r2's hearing in session has two persons and the line room for both.
    const r2 = hearings.find((h) => h.courtroomId === 'r2' && h.state === 'in_session')!;
    expect(r2.persons).toHaveLength(2);
    const r2Names = await shownNames(page, '[data-testid="room-r2-current"]');
    expect(r2Names[0]).toHaveLength(2);
    expect(await page.getByTestId('room-r2-current').getByTestId('persons').innerText()).not.toMatch(/另|more/);
    // r1's has four: those shown plus the count make four.
    const all = hearings.find((h) => h.courtroomId === 'r1' && h.state === 'in_session')!.persons.length;
    expect(all).toBe(4);
    const r1 = page.getByTestId('room-r1-current').getByTestId('persons');
    const shown = Number(await r1.getAttribute('data-shown'));
    expect(shown).toBeGreaterThanOrEqual(2);
    expect(await r1.innerText()).toContain(`另 ${all - shown} 人`);
    expect(await r1.innerText()).toContain(`+${all - shown} more`);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  for (const [label, size, pagesExpected] of [
    ['1920×1080', LANDSCAPE, 2],
    ['1080×1920 upright', PORTRAIT, 1],
  ] as const) {
    it(`/hearings/r1 at ${label}: the five coming hearings are each shown whole${pagesExpected > 1 ? ', on pages that turn' : ' on one page'}`, async () => {
      const page = await openPage(tv, `${six.url}/hearings/r1?rotate=3`, { size });
      await page.getByTestId('room-r1-next').waitFor();
      const cases = () => page.locator('[data-testid="room-r1-next"] [data-testid="next-case"]').allInnerTexts();
      const upcoming = hearings.filter((h) => h.courtroomId === 'r1' && ['scheduled', 'checked_in', 'waiting'].includes(h.state)).map((h) => h.caseNumber);
      expect(upcoming.length).toBeGreaterThan(5);
      let all: string[];
      if (pagesExpected > 1) {
        const { pages, seen } = await oneRotation(page, '.line-panel', cases, `hearings-room-r1-many-${size.width}x${size.height}`);
        expect(pages).toBe(pagesExpected);
        all = [...seen.keys()].sort().flatMap((p) => seen.get(p)!);
      } else {
        expect(await page.getByTestId('page-mark').count()).toBe(0);
        expect(await unseen(page)).toEqual([]);
        all = await cases();
        await snap(page, `hearings-room-r1-many-${size.width}x${size.height}`);
      }
      // The board lists the next five (core NEXT_SHOWN), in order.
      expect(all).toEqual(upcoming.slice(0, 5));
      expectWholeNames(await shownNames(page, '.one-room'));
      expect(await page.getByTestId('current-case').innerText()).toBe(hearings.find((h) => h.courtroomId === 'r1' && h.state === 'in_session')!.caseNumber);
      expect(page.errors).toEqual([]);
      await page.close();
    });
  }
});

describe('the sample site (four courtrooms)', () => {
  it('fits on one page, unpaged, as before; both names of the case in session shown whole', async () => {
    const page = await openPage(tv, `${four.url}/hearings`, { size: LANDSCAPE });
    await page.getByTestId('room-r4').waitFor();
    await expect.poll(() => page.getByTestId('room-r1-current').getByTestId('persons').innerText()).toBe('王○明、歐陽○華');
    expect(await page.getByTestId('page-mark').count()).toBe(0);
    expect(await page.getByTestId('rooms').getAttribute('data-pages')).toBe('1');
    expect(await page.locator('section.room-row').count()).toBe(4);
    expect(await unseen(page)).toEqual([]);
    await snap(page, 'hearings-four-rooms');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
