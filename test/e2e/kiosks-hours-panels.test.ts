/**
 * The admin's 取號機與平板 Kiosks & tablets and 營業時間 Opening hours tabs, used as a
 * newcomer would: a counter's rating tablet set up by choosing the counter by its name
 * (link, QR and expiry shown), the tablet opening the link, then revoked in the list
 * (audited); a service's hours edited in the week form, the kiosk closing and opening
 * it at once. Both sample sites; the console shows both languages at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { ROUTES, type AuditEntry } from '../../core/contract';
import { axeReport, axeViolations, copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, signedInContext, snap, type PageWithErrors } from '../helpers/browser';
import { createFirstAdmin, startTestLobby, TEST_ADMIN, type HttpClient, type TestLobby } from '../helpers/lobby';

const STAFF = { width: 1920, height: 1080 };
const KIOSK = { width: 1080, height: 1920 };
const TABLET = { width: 1280, height: 800 };

let rendererCopy = '';
let browser: Browser;

beforeAll(async () => {
  rendererCopy = await copyBuiltRenderer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  removeRendererCopy(rendererCopy);
});

/** Today's ISO weekday (1 = Monday) in Taipei, where the lobby keeps its hours. */
function taipeiWeekday(): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Taipei', weekday: 'short' }).format(new Date());
  return ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(name) + 1;
}

const SITES = [
  { siteId: 'taitung-prosecutors', counter: { id: 'c2', zh: '2 號櫃台', en: 'Counter 2' }, service: { id: 'consult', zh: '為民服務中心諮詢' } },
  { siteId: 'hualien-prison', counter: { id: 'c2', zh: '2 號窗口', en: 'Window 2' }, service: { id: 'parcels', zh: '寄入物品' } },
] as const;

describe.each(SITES)('admin tabs at $siteId', ({ siteId, counter, service }) => {
  let t: TestLobby;
  let admin: HttpClient;
  let staff: BrowserContext;
  let page: PageWithErrors;

  beforeAll(async () => {
    t = await startTestLobby({ siteId, rendererDir: rendererCopy });
    admin = await createFirstAdmin(t);
    staff = await signedInContext(browser, t.url, TEST_ADMIN, { bypassCSP: true });
    page = await openPage(staff, `${t.url}/staff`, { size: STAFF });
  }, 60_000);
  afterAll(async () => {
    await staff?.close();
    await t?.stop();
  });

  it('sets up a counter’s rating tablet chosen by its name: the link, its QR and expiry; the tablet lands on its counter', async () => {
    await page.getByTestId('tab-kiosks').click();
    const table = page.getByTestId('kiosks-table');
    await table.waitFor();
    expect(await table.innerText()).toContain('test kiosk');
    await page.getByTestId('kiosk-kind-rating').check();
    await page.getByTestId('kiosk-counter').selectOption({ label: `${counter.zh} ${counter.en}` });
    await page.getByTestId('kiosk-name').fill(`${counter.zh}評價平板`);
    await page.getByTestId('kiosk-provision-submit').click();
    const link = page.getByTestId('kiosk-link');
    await link.waitFor();
    const text = await link.innerText();
    expect(text).toContain(`評價平板：${counter.zh}`);
    expect(text).toContain(`Rating tablet: ${counter.en}`);
    expect(text).toMatch(/只能使用一次，有效至 民國\d+年\d+月\d+日 \d\d:\d\d/);
    expect(text).toMatch(/One use only, valid until \d+ \w+ \d{4} \d\d:\d\d/);
    const url = await page.getByTestId('kiosk-link-url').innerText();
    expect(url).toMatch(/\/kiosk\/provision\?code=[\w-]+&name=/);
    const qr = page.getByTestId('kiosk-link-qr');
    expect(await qr.getAttribute('data-payload')).toBe(url);
    expect(await qr.isVisible()).toBe(true);
    const box = await qr.boundingBox();
    expect(box!.width).toBeGreaterThan(120);
    expect(box!.y + box!.height).toBeLessThanOrEqual(STAFF.height);
    await snap(page, `kiosks-link-${siteId}`);
    const violations = await axeViolations(page, { settleMs: 300 });
    expect(violations, axeReport(violations)).toEqual([]);

    const tablet = await browser.newContext({ locale: 'zh-TW' });
    const tabletPage = await tablet.newPage();
    await tabletPage.setViewportSize(TABLET);
    await tabletPage.goto(url.replace(/^https?:\/\/[^/]+/, t.url));
    expect(new URL(tabletPage.url()).pathname).toBe(`/rate/${counter.id}`);
    await expect.poll(() => tabletPage.getByTestId('rate-counter').innerText()).toContain(counter.zh);
    await tabletPage.getByTestId('rate-idle').waitFor();
    await tablet.close();
  });

  it('lists the tablet by its name, purpose and last seen, and revokes it when asked twice (audited)', async () => {
    await page.getByTestId('tab-users').click();
    await page.getByTestId('tab-kiosks').click();
    const row = page.locator('tr', { hasText: `${counter.zh}評價平板` });
    await row.waitFor();
    const line = await row.innerText();
    expect(line).toContain(`評價平板：${counter.zh}`);
    expect(line).toMatch(/民國\d+年\d+月\d+日 \d\d:\d\d/);
    expect(line).not.toContain('尚未連線');
    await row.getByRole('button', { name: /撤銷/ }).click();
    await row.getByText('確定撤銷？').waitFor();
    await snap(page, `kiosks-revoke-ask-${siteId}`);
    await row.getByRole('button', { name: /^撤銷 Revoke$/ }).click();
    await row.getByText('已撤銷').waitFor();
    expect(await row.innerText()).toContain('Revoked');
    expect(await row.getByRole('button', { name: /撤銷/ }).count()).toBe(0);
    await snap(page, `kiosks-revoked-${siteId}`);
    const audit = await admin.get<{ entries: AuditEntry[] }>(`${ROUTES.listAudit.path}?action=kiosk.revoke`);
    expect(audit.body.entries).toHaveLength(1);
    expect(page.errors).toEqual([]);
  });

  it(`edits ${service.id}’s hours in the week form: closed today, the kiosk says so at once; open all day today, the kiosk takes numbers again`, async () => {
    const kiosk = await browser.newContext({ locale: 'zh-TW', bypassCSP: true });
    await kiosk.addCookies([t.kioskCookie]);
    const kioskPage = await openPage(kiosk, `${t.url}/kiosk`, { size: KIOSK });
    const button = kioskPage.getByTestId(`service-${service.id}`);
    await button.waitFor();
    expect(await button.getAttribute('data-open')).toBe('true');

    const today = taipeiWeekday();
    await page.getByTestId('tab-hours').click();
    await page.getByTestId(`hours-service-${service.id}`).click();
    const form = page.locator(`[data-testid="hours-form"][data-service="${service.id}"]`);
    await form.waitFor();
    await form.getByTestId('hours-mode-week').check();
    const closed = form.getByTestId(`hours-day-${today}-closed`);
    if (!(await closed.isChecked())) await closed.check();
    await snap(page, `hours-form-${siteId}`);
    await form.getByTestId('hours-save').click();
    await page.getByTestId('hours-saved').waitFor();
    expect(await page.getByTestId(`hours-service-${service.id}`).innerText()).toContain('已修改 Edited');

    await expect.poll(() => button.getAttribute('data-open'), { timeout: 5000 }).toBe('false');
    const sign = kioskPage.getByTestId(`kiosk-closed-${service.id}`);
    expect(await sign.innerText()).toContain('非服務時間');
    expect(await sign.innerText()).toContain('今日不開放');
    await snap(kioskPage, `hours-kiosk-closed-zh-${siteId}`);
    await kioskPage.getByTestId('lang-en').click();
    await expect.poll(() => sign.innerText()).toContain('Not open today');
    await snap(kioskPage, `hours-kiosk-closed-en-${siteId}`);

    // Today open from 00:00 to 23:59.
    const form2 = page.locator(`[data-testid="hours-form"][data-service="${service.id}"]`);
    await form2.getByTestId(`hours-day-${today}-closed`).uncheck();
    await form2.getByTestId(`hours-day-${today}-from-0`).fill('00:00');
    await form2.getByTestId(`hours-day-${today}-to-0`).fill('23:59');
    await form2.getByTestId('hours-save').click();
    await page.getByTestId('hours-saved').waitFor();
    await expect.poll(() => button.getAttribute('data-open'), { timeout: 5000 }).toBe('true');
    expect(await kioskPage.getByTestId(`kiosk-closed-${service.id}`).count()).toBe(0);
    await snap(kioskPage, `hours-kiosk-open-en-${siteId}`);
    expect(await page.getByTestId(`hours-summary-${service.id}`).innerText()).toContain('00:00–23:59');
    await snap(page, `hours-saved-${siteId}`);
    const violations = await axeViolations(page, { settleMs: 300 });
    expect(violations, axeReport(violations)).toEqual([]);
    expect(kioskPage.errors).toEqual([]);
    await kiosk.close();
  });

  it('refuses a window that ends before it starts, in both languages, before anything is sent', async () => {
    const form = page.locator(`[data-testid="hours-form"][data-service="${service.id}"]`);
    const today = taipeiWeekday();
    await form.getByTestId(`hours-day-${today}-from-0`).fill('18:00');
    await form.getByTestId(`hours-day-${today}-to-0`).fill('09:00');
    await form.getByTestId('hours-save').click();
    const problem = page.getByTestId('hours-problem').first();
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(/結束時間須晚於開始時間.*must end after it starts/s);
    await snap(page, `hours-problem-${siteId}`);
  });
});
