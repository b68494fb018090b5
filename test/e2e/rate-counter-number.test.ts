/**
 * A counter's rating tablet opened as staff say the counter: /rate/1, /rate/一 or /rate/01
 * is counter c1's tablet (its name shown, its prompts answered); an address naming no
 * counter says so in both languages and lists the counters by name. Both sample sites.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { ROUTES } from '../../core/contract';
import { axeReport, axeViolations, copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, snap } from '../helpers/browser';
import { counterAction, createFirstAdmin, issueTicket, startTestLobby, type HttpClient, type TestLobby } from '../helpers/lobby';

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

/** A browser provisioned as `counterId`'s rating tablet, the way an installer does it. */
async function tabletFor(t: TestLobby, admin: HttpClient, counterId: string): Promise<BrowserContext> {
  const link = await admin.post<{ url: string }>(ROUTES.provisionKiosk.path, { purpose: `rating:${counterId}` });
  expect(link.status).toBe(200);
  const context = await browser.newContext({ locale: 'zh-TW', bypassCSP: true });
  const page = await context.newPage();
  await page.goto(link.body.url.replace(/^https?:\/\/[^/]+/, t.url));
  await page.close();
  return context;
}

const SITES = [
  { siteId: 'taitung-prosecutors', service: 'consult', counter: { zh: '1 號櫃台', en: 'Counter 1' } },
  { siteId: 'hualien-prison', service: 'remote-visit', counter: { zh: '1 號窗口', en: 'Window 1' } },
] as const;

describe.each(SITES)('/rate/<counter number> at $siteId', ({ siteId, service, counter }) => {
  let t: TestLobby;
  let admin: HttpClient;
  let tablet: BrowserContext;

  beforeAll(async () => {
    t = await startTestLobby({ siteId, rendererDir: rendererCopy });
    admin = await createFirstAdmin(t);
    tablet = await tabletFor(t, admin, 'c1');
  }, 60_000);
  afterAll(async () => {
    await tablet?.close();
    await t?.stop();
  });

  it('/rate/1 is counter c1’s tablet: its name, then the faces when c1 finishes a ticket', async () => {
    const page = await openPage(tablet, `${t.url}/rate/1`, { size: TABLET });
    await expect.poll(() => page.getByTestId('rate-counter').innerText()).toContain(counter.zh);
    expect(await page.getByTestId('rate-counter').innerText()).toContain(counter.en);
    await page.getByTestId('rate-idle').waitFor();
    expect(await page.getByTestId('rate-unknown').count()).toBe(0);
    await snap(page, `rate-1-idle-${siteId}`);
    await issueTicket(t, service);
    await counterAction(admin, { action: 'next', counterId: 'c1' });
    await counterAction(admin, { action: 'finish', counterId: 'c1' });
    await page.getByTestId('rate-face-5').waitFor({ timeout: 5000 });
    await snap(page, `rate-1-asking-${siteId}`);
    await page.getByTestId('rate-face-5').click();
    await page.getByTestId('rate-submit').click();
    await page.getByTestId('rate-thanks').waitFor();
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('/rate/一 and /rate/01 name the same counter', async () => {
    for (const key of ['%E4%B8%80', '01']) {
      const page = await openPage(tablet, `${t.url}/rate/${key}`, { size: TABLET });
      await expect.poll(() => page.getByTestId('rate-counter').innerText()).toContain(counter.zh);
      await page.close();
    }
  });

  it('/rate/9 names no counter: a page in both languages listing the counters by name, nothing else; axe clean', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', bypassCSP: true });
    const page = await openPage(context, `${t.url}/rate/9`, { size: TABLET });
    const unknown = page.getByTestId('rate-unknown');
    await unknown.waitFor();
    const zh = await unknown.innerText();
    expect(zh).toContain('本處沒有「9」這個櫃台');
    expect(zh).toContain('There is no counter “9” here');
    expect(zh).toContain(counter.zh);
    expect(zh).toContain('/rate/1');
    expect(zh).not.toMatch(/code=|c1\b|token/);
    expect(await page.getByTestId('rate-face-1').count()).toBe(0);
    await snap(page, `rate-unknown-zh-${siteId}`);
    // Nothing spills out of the tablet's screen.
    const box = await unknown.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(TABLET.height);
    let violations = await axeViolations(page, { settleMs: 400 });
    expect(violations, axeReport(violations)).toEqual([]);
    await page.getByTestId('lang-en').click();
    await expect.poll(() => unknown.innerText()).toMatch(/^[\s?]*There is no counter “9” here/);
    expect(await unknown.innerText()).toContain(counter.en);
    await snap(page, `rate-unknown-en-${siteId}`);
    violations = await axeViolations(page, { settleMs: 400 });
    expect(violations, axeReport(violations)).toEqual([]);
    expect(page.errors).toEqual([]);
    await context.close();
  });
});
