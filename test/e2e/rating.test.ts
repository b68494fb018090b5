/**
 * The instant rating (即時評價) and the statistics, end to end in the browser:
 * a counter finishes a ticket → the counter tablet /rate/c1 asks for a rating
 * → 5 faces, a reason, thanks → the staff 統計 Statistics tab shows it and
 * the CSV download contains it; the kiosk's own rating flow; the 8-second
 * auto-submit; and axe-core finds no WCAG 2.2 AA violation on the tablet,
 * calm and asking, in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROUTES, type StatsReport } from '../../core/contract';
import { axeViolations, copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, shot, signedInContext, type AxeViolation, type PageWithErrors } from '../helpers/browser';
import { counterAction, createFirstAdmin, httpClient, issueTicket, TEST_ADMIN, startTestLobby, type HttpClient, type TestLobby } from '../helpers/lobby';

const TABLET = { width: 1280, height: 800 };
const KIOSK = { width: 1080, height: 1920 };
const STAFF = { width: 1920, height: 1080 };

let t: TestLobby;
let rendererCopy = '';
let browser: Browser;
let admin: HttpClient;
let publicContext: BrowserContext;
let tabletContext: BrowserContext;
let staffContext: BrowserContext;
let kioskContext: BrowserContext;
let tablet: PageWithErrors;
const axeResults: Record<string, number> = {};

const open = (context: BrowserContext, path: string, size: { width: number; height: number }) => openPage(context, t.url + path, { size });

/** axe-core on the page once fade-ins have settled (contrast is measured on what is painted); the count is logged by label. */
async function axe(page: Page, label: string): Promise<AxeViolation[]> {
  const violations = await axeViolations(page, { settleMs: 400 });
  axeResults[label] = violations.length;
  return violations;
}

/** Visible text in the kiosk's rating overlay smaller than 24 px (kiosk text is ≥ 24 px). */
async function smallText(page: Page): Promise<{ text: string | null; px: number }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="kiosk-rate-overlay"] *')]
      .filter((el) => el instanceof HTMLElement && el.offsetParent !== null && !el.closest('.visually-hidden') && el.textContent?.trim() && ![...el.children].some((c) => c.textContent?.trim()))
      .map((el) => ({ text: el.textContent, px: parseFloat(getComputedStyle(el).fontSize) }))
      .filter((x) => x.px < 24),
  );
}

/** A citizen served at counter 1: called, then finished (which opens the rating prompt). */
async function serveOneAtCounter1(): Promise<void> {
  await issueTicket(t, 'consult');
  await counterAction(admin, { action: 'next', counterId: 'c1' });
  await counterAction(admin, { action: 'finish', counterId: 'c1' });
}

async function stats(): Promise<StatsReport> {
  // today in any time zone: from yesterday to tomorrow (UTC)
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const res = await admin.get<StatsReport>(`${ROUTES.stats.path}?from=${day(-1)}&to=${day(1)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

beforeAll(async () => {
  rendererCopy = await copyBuiltRenderer();
  t = await startTestLobby({ rendererDir: rendererCopy });
  admin = await createFirstAdmin(t);
  browser = await launchBrowser();
  // bypassCSP: the pages' CSP (script-src 'self') would refuse the injected axe-core script
  publicContext = await browser.newContext({ locale: 'zh-TW', bypassCSP: true });
  staffContext = await signedInContext(browser, t.url, TEST_ADMIN, { bypassCSP: true });
  kioskContext = await browser.newContext({ locale: 'zh-TW' });
  await kioskContext.addCookies([t.kioskCookie]);
  // The counter tablet is provisioned as an installer does it: the admin's one-time link for
  // c1's rating tablet, opened in the tablet's browser (it lands on /rate/c1).
  const link = await admin.post<{ url: string }>(ROUTES.provisionKiosk.path, { purpose: 'rating:c1' });
  expect(link.status, JSON.stringify(link.body)).toBe(200);
  tabletContext = await browser.newContext({ locale: 'zh-TW', bypassCSP: true });
  tablet = (await tabletContext.newPage()) as PageWithErrors;
  await tablet.goto(link.body.url.replace(/^https?:\/\/[^/]+/, t.url));
  expect(new URL(tablet.url()).pathname).toBe('/rate/c1');
  await tablet.close();
  tablet = await open(tabletContext, '/rate/c1', TABLET);
  await tablet.getByTestId('rate-idle').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  removeRendererCopy(rendererCopy);
  if (Object.keys(axeResults).length) console.log('axe violations (WCAG 2.2 AA):', JSON.stringify(axeResults));
});

describe('the counter tablet /rate/c1', () => {

  it('calm when no one is to be asked: thanks for visiting, the counter’s name, the language switch; no axe violation in either language', async () => {
    await expect.poll(() => tablet.getByTestId('rate-idle').textContent()).toContain('感謝您的光臨');
    expect(await tablet.getByTestId('rate-idle').textContent()).toContain('Thank you for visiting');
    expect(await tablet.getByTestId('rate-counter').textContent()).toMatch(/櫃台|Counter/);
    expect(await tablet.getByTestId('lang-toggle').isVisible()).toBe(true);
    expect(await axe(tablet, 'idle zh-TW')).toEqual([]);
    await tablet.screenshot({ path: shot('rate-tablet-idle-zh') });
    await tablet.getByTestId('lang-en').click();
    expect(await tablet.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await axe(tablet, 'idle en')).toEqual([]);
    await tablet.screenshot({ path: shot('rate-tablet-idle-en') });
    await tablet.getByTestId('lang-zh').click();
  });

  it('a finished ticket asks for a rating: 5 faces (≥ 96 px, named in both languages), a reason, thanks, then calm again', async () => {
    await serveOneAtCounter1();
    await tablet.getByTestId('rate-face-5').waitFor();
    for (let s = 1; s <= 5; s++) {
      const face = tablet.getByTestId(`rate-face-${s}`);
      const box = (await face.boundingBox())!;
      expect(box.width, `face ${s}`).toBeGreaterThanOrEqual(96);
      expect(box.height, `face ${s}`).toBeGreaterThanOrEqual(96);
    }
    const name5 = await tablet.getByTestId('rate-face-5').evaluate((el) => el.textContent ?? '');
    expect(name5).toContain('非常滿意');
    expect(name5).toContain('Very happy');
    expect(await axe(tablet, 'faces zh-TW')).toEqual([]);
    await tablet.screenshot({ path: shot('rate-tablet-faces-zh') });
    await tablet.getByTestId('lang-en').click();
    expect(await axe(tablet, 'faces en')).toEqual([]);
    await tablet.screenshot({ path: shot('rate-tablet-faces-en') });
    await tablet.getByTestId('lang-zh').click();

    const posted = tablet.waitForResponse((r) => r.url().endsWith(ROUTES.rateCounter.path) && r.request().method() === 'POST');
    await tablet.getByTestId('rate-face-5').click();
    await tablet.getByTestId('rate-reason-friendly').click();
    expect(await tablet.getByTestId('rate-reason-friendly').getAttribute('aria-pressed')).toBe('true');
    expect(await tablet.getByTestId('rate-face-5').getAttribute('aria-pressed')).toBe('true');
    for (const r of ['fast', 'friendly', 'clear', 'slow', 'unclear', 'wait-long']) {
      const box = (await tablet.getByTestId(`rate-reason-${r}`).boundingBox())!;
      expect(box.height, r).toBeGreaterThanOrEqual(64);
    }
    expect(await axe(tablet, 'reasons zh-TW')).toEqual([]);
    await tablet.screenshot({ path: shot('rate-tablet-reasons-zh') });
    await tablet.getByTestId('rate-submit').click();
    const res = await posted;
    expect(res.status()).toBe(201);
    expect(JSON.parse(res.request().postData() ?? '{}')).toEqual({ promptId: expect.any(String), score: 5, reasons: ['friendly'] });
    await tablet.getByTestId('rate-thanks').waitFor();
    expect(await tablet.getByTestId('rate-thanks').textContent()).toContain('謝謝');
    await tablet.screenshot({ path: shot('rate-tablet-thanks') });
    await tablet.getByTestId('rate-idle').waitFor({ timeout: 10_000 });
    expect(tablet.errors).toEqual([]);
  }, 60_000);
});

describe('the staff statistics tab', () => {
  it('shows the ratings (average, distribution, reasons) and the CSV download of the same range contains them', async () => {
    const s = await stats();
    expect(s.totals.ratings).toBe(1);
    const page = await open(staffContext, '/staff', STAFF);
    await page.getByTestId('tab-stats').click();
    await expect.poll(() => page.getByTestId('stats-total-ratings-value').textContent(), { timeout: 10_000 }).toBe('1');
    expect(await page.getByTestId('stats-average-score-value').textContent()).toMatch(/^5(\.0+)?\b/);
    expect(await page.getByTestId('stats-total-tickets-value').textContent()).toBe('1');
    for (const name of ['per-day', 'per-hour', 'wait', 'service-time', 'counters', 'no-shows', 'ratings', 'scores', 'reasons']) {
      const chart = page.getByTestId(`stats-chart-${name}`);
      expect(await chart.count(), name).toBe(1);
      expect(await chart.locator('table caption').count(), name).toBe(1);
    }
    // the accessible table of the score distribution reads one 5 and nothing else
    const scores = await page.getByTestId('stats-chart-scores').locator('tbody tr').allTextContents();
    expect(scores[4]).toMatch(/^5.*1$/);
    expect(scores.slice(0, 4).every((r) => r.endsWith('0'))).toBe(true);
    const month = await page.getByTestId('stats-month').inputValue();
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    expect(await page.getByTestId('stats-from').inputValue()).toBe(`${month}-01`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: shot('rate-staff-stats'), fullPage: true });

    // a range that is only this month's first day to its last: same link, same range
    const href = (await page.getByTestId('stats-csv').getAttribute('href'))!;
    expect(href).toContain(ROUTES.statsCsv.path);
    expect(href).toContain(`from=${month}-01`);
    const csv = await staffContext.request.get(t.url + href);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const text = await csv.text();
    expect(text).toMatch(/評價數 Ratings,1,平均分數 Average score,5/);

    // the table toggle shows the figures to sighted readers too
    await page.getByTestId('stats-table-toggle-reasons').click();
    expect(await page.getByTestId('stats-chart-reasons').locator('table').isVisible()).toBe(true);
    expect(await page.getByTestId('stats-chart-reasons').locator('tbody').textContent()).toContain('親切');
    expect(await axe(page, 'staff stats')).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('the counter tablet, without Submit', () => {
  it('a face alone is sent by itself after 8 s', async () => {
    await serveOneAtCounter1();
    await tablet.getByTestId('rate-face-3').waitFor();
    const posted = tablet.waitForResponse((r) => r.url().endsWith(ROUTES.rateCounter.path), { timeout: 15_000 });
    await tablet.getByTestId('rate-face-3').click();
    const res = await posted;
    expect(res.status()).toBe(201);
    expect(JSON.parse(res.request().postData() ?? '{}')).toMatchObject({ score: 3, reasons: [] });
    await tablet.getByTestId('rate-thanks').waitFor();
    await tablet.getByTestId('rate-idle').waitFor({ timeout: 10_000 });
  }, 40_000);
});

describe('the kiosk', () => {
  it('offers "評價服務 Rate our service": choose the service → faces → reasons → thanks (sent with the kiosk credential)', async () => {
    const page = await open(kioskContext, '/kiosk', KIOSK);
    const entry = page.getByTestId('kiosk-rate');
    await entry.waitFor();
    expect(await entry.textContent()).toContain('評價服務');
    expect((await entry.boundingBox())!.height).toBeGreaterThanOrEqual(64);
    await page.screenshot({ path: shot('rate-kiosk-home') });
    await entry.click();
    await page.getByTestId('kiosk-rate-service-consult').waitFor();
    await page.waitForTimeout(400); // the overlay fades in
    await page.screenshot({ path: shot('rate-kiosk-services') });
    await page.getByTestId('kiosk-rate-service-consult').click();
    await page.getByTestId('rate-face-2').waitFor();
    expect(await smallText(page)).toEqual([]);
    await page.screenshot({ path: shot('rate-kiosk-faces') });
    const posted = page.waitForResponse((r) => r.url().endsWith(ROUTES.rateAtKiosk.path));
    await page.getByTestId('rate-face-2').click();
    await page.getByTestId('rate-reason-wait-long').click();
    expect(await smallText(page)).toEqual([]);
    await page.screenshot({ path: shot('rate-kiosk-reasons') });
    await page.getByTestId('rate-submit').click();
    const res = await posted;
    expect(res.status()).toBe(201);
    expect(JSON.parse(res.request().postData() ?? '{}')).toEqual({ serviceId: 'consult', score: 2, reasons: ['wait-long'] });
    await page.getByTestId('rate-thanks').waitFor();
    await page.screenshot({ path: shot('rate-kiosk-thanks') });
    await page.getByTestId('kiosk-rate-overlay').waitFor({ state: 'detached', timeout: 10_000 });
    const s = await stats();
    expect(s.totals.ratings).toBe(3);
    expect(s.reasons.find((r) => r.reason === 'wait-long')?.count).toBe(1);
    expect(page.errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('a browser that is no kiosk cannot rate at the kiosk route', async () => {
    const res = await httpClient(t.url).post(ROUTES.rateAtKiosk.path, { serviceId: 'consult', score: 5, reasons: [] });
    expect([401, 403]).toContain(res.status);
  });
});

describe('a phone on the Wi-Fi', () => {
  it('a phone that opens /rate/c1 gets no prompt: it is told to ask an administrator, and a finished ticket asks only the real tablet', async () => {
    const phone = await open(publicContext, '/rate/c1', { width: 390, height: 844 });
    await phone.getByTestId('rate-not-provisioned').waitFor();
    expect(await phone.getByTestId('rate-not-provisioned').textContent()).toContain('ask an administrator');
    await serveOneAtCounter1();
    await tablet.getByTestId('rate-face-5').waitFor();
    expect(await phone.getByTestId('rate-face-5').count()).toBe(0);
    expect(await phone.getByTestId('rate-not-provisioned').isVisible()).toBe(true);
    await phone.close();
  });
});
