/**
 * A site without hearings (the Hualien prison sample): its kiosk offers no 掃描傳票
 * summons scan in either language, its staff console has no hearings tab, and /hearings
 * says plainly that it is not used here. The prosecutors office keeps all three.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { axeReport, axeViolations, copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, signedInContext, snap } from '../helpers/browser';
import { createFirstAdmin, startTestLobby, TEST_ADMIN, type TestLobby } from '../helpers/lobby';

const KIOSK = { width: 1080, height: 1920 };
const TV = { width: 1920, height: 1080 };

let rendererCopy = '';
let browser: Browser;
let prison: TestLobby;
let office: TestLobby;

beforeAll(async () => {
  rendererCopy = await copyBuiltRenderer();
  [prison, office] = await Promise.all([
    startTestLobby({ siteId: 'hualien-prison', rendererDir: rendererCopy }),
    startTestLobby({ siteId: 'taitung-prosecutors', rendererDir: rendererCopy }),
  ]);
  await Promise.all([createFirstAdmin(prison), createFirstAdmin(office)]);
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await Promise.all([prison?.stop(), office?.stop()]);
  removeRendererCopy(rendererCopy);
});

async function kioskContext(t: TestLobby): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-TW', bypassCSP: true });
  await context.addCookies([t.kioskCookie]);
  return context;
}

describe('the prison kiosk', () => {
  it('has no summons button, in Chinese or English; its services, the guide and the rating entry are there; axe clean', async () => {
    const context = await kioskContext(prison);
    const page = await openPage(context, `${prison.url}/kiosk`, { size: KIOSK });
    await page.getByTestId('service-visit-registration').waitFor();
    await page.getByTestId('kiosk-guide-entry').waitFor();
    await expect.poll(() => page.getByTestId('kiosk-rate').isVisible()).toBe(true);
    expect(await page.getByTestId('scan-summons').count()).toBe(0);
    expect(await page.getByText('掃描傳票').count()).toBe(0);
    await snap(page, 'prison-kiosk-no-summons-zh');
    await page.getByTestId('lang-en').click();
    await page.getByText('Visit registration', { exact: false }).first().waitFor();
    expect(await page.getByTestId('scan-summons').count()).toBe(0);
    expect(await page.getByText(/summons/i).count()).toBe(0);
    await snap(page, 'prison-kiosk-no-summons-en');
    const violations = await axeViolations(page, { settleMs: 400 });
    expect(violations, axeReport(violations)).toEqual([]);
    expect(page.errors).toEqual([]);
    await context.close();
  });

  it('the prosecutors office kiosk still offers the summons scan', async () => {
    const context = await kioskContext(office);
    const page = await openPage(context, `${office.url}/kiosk`, { size: KIOSK });
    await page.getByTestId('scan-summons').waitFor();
    expect(await page.getByTestId('scan-summons').isVisible()).toBe(true);
    await context.close();
  });
});

describe('hearing screens and tabs', () => {
  it('/hearings at the prison says it is not used here, in both languages, whole and axe clean', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', bypassCSP: true });
    for (const path of ['/hearings', '/hearings/r1']) {
      const page = await openPage(context, prison.url + path, { size: TV });
      const notice = page.getByTestId('not-used-here');
      await notice.waitFor();
      await expect.poll(() => notice.innerText()).toContain('本機關不使用此畫面');
      const text = await notice.innerText();
      expect(text).toContain('This screen is not used at this site');
      expect(text).toContain('開庭進度');
      expect(text).toContain('There are no hearings at this site');
      expect(text).toContain('法務部矯正署花蓮監獄');
      expect(await page.getByTestId('hearings-board').count()).toBe(0);
      if (path === '/hearings') {
        await snap(page, 'prison-hearings-not-used');
        const violations = await axeViolations(page, { settleMs: 400 });
        expect(violations, axeReport(violations)).toEqual([]);
      }
      expect(page.errors).toEqual([]);
      await page.close();
    }
    await context.close();
  });

  it('the prison console has no hearings tab (admin sees every other); the office console has it', async () => {
    const prisonStaff = await signedInContext(browser, prison.url, TEST_ADMIN);
    const page = await openPage(prisonStaff, `${prison.url}/staff`, { size: TV });
    await page.getByTestId('tab-users').waitFor();
    expect(await page.getByTestId('tab-hearings').count()).toBe(0);
    expect(await page.getByRole('tab', { name: /開庭進度/ }).count()).toBe(0);
    await snap(page, 'prison-staff-tabs');
    await prisonStaff.close();

    const officeStaff = await signedInContext(browser, office.url, TEST_ADMIN);
    const officePage = await openPage(officeStaff, `${office.url}/staff`, { size: TV });
    await officePage.getByTestId('tab-hearings').waitFor();
    await officeStaff.close();
  });
});
