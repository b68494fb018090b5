/**
 * A hearing imported or entered by mistake (browser): a clerk deletes it from
 * the staff hearings panel with two taps; the first only asks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ROUTES, type Hearing } from '../../core/contract';
import { launchBrowser, openPage, signedInContext, snap } from '../helpers/browser';
import { createFirstAdmin, startTestLobby, TEST_ADMIN, type TestLobby } from '../helpers/lobby';

let t: TestLobby;
let browser: Browser;
let wrong: Hearing;

beforeAll(async () => {
  t = await startTestLobby();
  const admin = await createFirstAdmin(t);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei' }).format(new Date());
  const make = async (caseNumber: string, time: string) => {
    const res = await admin.post<{ hearing: Hearing }>(ROUTES.createHearing.path, {
      date: today,
      time,
      courtroomId: 'r1',
      caseNumber,
      division: '信',
      prosecutor: '林檢察官',
      persons: [{ name: '王小明', role: 'defendant', code: 'A1B2C3' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.hearing;
  };
  await make('113年度偵字第1111號', '09:30');
  wrong = await make('113年度偵字第9999號', '10:00');
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('deleting a hearing from the staff panel', () => {
  it('asks on the first tap, deletes on the second, and the other hearing stays', async () => {
    const context = await signedInContext(browser, t.url, TEST_ADMIN, { viewport: { width: 1440, height: 1000 } });
    const page = await openPage(context, `${t.url}/staff`);
    await page.getByTestId('tab-hearings').click();
    const button = page.getByTestId(`delete-${wrong.id}`);
    await button.waitFor();
    expect(await button.textContent()).toContain('刪除 Delete');
    await button.click();
    expect(await button.textContent()).toContain('確定刪除此庭期及到庭人？ Tap again to delete it');
    await snap(page, 'staff-hearing-delete-confirm');
    expect(await page.getByTestId(`hearing-${wrong.id}`).count()).toBe(1);
    await button.click();
    await page.getByTestId(`hearing-${wrong.id}`).waitFor({ state: 'detached' });
    expect(await page.locator('[data-case="113年度偵字第1111號"]').count()).toBe(1);
    await snap(page, 'staff-hearing-deleted');
    expect(page.errors).toEqual([]);
  });
});
