/**
 * Dates people read (browser): the ROC calendar in Chinese (民國115年12月7日)
 * and the Gregorian in English (7 December 2026), never an ISO date
 * (2026-12-07) — on the boards, the phone pages and every staff tab an
 * administrator opens. (A date input keeps the browser's own format.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROUTES, type Hearing } from '../../core/contract';
import { manualClock } from '../../core/store/clock';
import { copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, signedInContext, snap } from '../helpers/browser';
import { createFirstAdmin, issueTicket, startTestLobby, TEST_ADMIN, type TestLobby } from '../helpers/lobby';

const DAY = '2026-12-07';
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;

let t: TestLobby;
let rendererCopy = '';
let browser: Browser;

beforeAll(async () => {
  rendererCopy = await copyBuiltRenderer();
  t = await startTestLobby({ rendererDir: rendererCopy, clock: manualClock(`${DAY}T10:05:00+08:00`) });
  const admin = await createFirstAdmin(t);
  const h = await admin.post<{ hearing: Hearing }>(ROUTES.createHearing.path, {
    date: DAY,
    time: '10:30',
    courtroomId: 'r1',
    caseNumber: '115年度偵字第1234號',
    division: '信',
    prosecutor: '張正義',
    persons: [{ name: '王小明', role: 'defendant', code: 'A1B2C3' }],
  });
  expect(h.status, JSON.stringify(h.body)).toBe(201);
  await issueTicket(t, 'consult');
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  removeRendererCopy(rendererCopy);
});

const visibleText = (page: Page) => page.evaluate(() => document.body.innerText);

describe('dates shown to people', () => {
  it('boards and the phone page: no ISO date; the ROC date in Chinese, the Gregorian in English', async () => {
    const context = await browser.newContext({ locale: 'zh-TW' });
    for (const path of ['/hearings', '/hearings/r1', '/detainees', '/calls', '/phone/hearing?c=' + encodeURIComponent('115年度偵字第1234號') + '&v=A1B2C3']) {
      const page = await openPage(context, t.url + path, { size: path.startsWith('/phone') ? { width: 390, height: 844 } : { width: 1920, height: 1080 }, ignoreConsole: /status of 4\d\d/ });
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      const text = await visibleText(page);
      expect(text, path).not.toMatch(ISO_DATE);
      if (!path.startsWith('/phone')) {
        // The boards' clock reads the TV's own time.
        expect(text, path).toMatch(/民國1\d\d年\d{1,2}月\d{1,2}日/);
        expect(text, path).toMatch(/\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d\b/);
      }
      await page.close();
    }
    await context.close();
  });

  it('every staff tab an administrator opens: no ISO date outside date inputs', async () => {
    const context = await signedInContext(browser, t.url, TEST_ADMIN, { viewport: { width: 1440, height: 1000 } });
    const page = await openPage(context, `${t.url}/staff`, { ignoreConsole: /status of 4\d\d/ });
    await page.locator('[data-testid^="tab-"]').first().waitFor();
    const tabs = await page.locator('[role="tab"][data-testid^="tab-"], [data-testid^="tab-"]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-testid')!))]);
    expect(tabs.length).toBeGreaterThan(3);
    const found: string[] = [];
    for (const tab of tabs) {
      await page.getByTestId(tab).first().click();
      await page.waitForTimeout(600);
      // The audit log's detail column is the change record as stored (its own
      // form is the audit-log work of this issue); everything else is for people.
      const text = await page.evaluate(() => {
        let all = document.body.innerText;
        for (const d of document.querySelectorAll<HTMLElement>('[data-testid="audit-table"] td.detail')) all = all.replace(d.innerText, '');
        return all;
      });
      const m = text.match(new RegExp(ISO_DATE.source, 'g'));
      if (m) found.push(`${tab}: ${m.join(', ')}`);
      if (tab === 'tab-stats') await snap(page, 'dates-staff-stats');
    }
    expect(found).toEqual([]);
    expect(page.errors).toEqual([]);
    await context.close();
  });
});
