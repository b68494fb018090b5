/**
 * The staff device view (browser): a lobby that phones cannot reach (the
 * default: loopback only, no publicBaseUrl) says once that tickets print
 * without a QR code, instead of printing a dead link on every ticket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, signedInContext, snap } from '../helpers/browser';
import { createFirstAdmin, issueTicket, startTestLobby, TEST_ADMIN, type TestLobby } from '../helpers/lobby';

let t: TestLobby;
let browser: Browser;

beforeAll(async () => {
  t = await startTestLobby();
  await createFirstAdmin(t);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('the staff device view', () => {
  it('says once, in both languages, that tickets carry no QR code', async () => {
    await issueTicket(t, 'consult');
    await issueTicket(t, 'consult');
    const context = await signedInContext(browser, t.url, TEST_ADMIN, { viewport: { width: 1440, height: 1000 } });
    const page = await openPage(context, `${t.url}/staff`);
    await page.getByTestId('tab-devices').click();
    const notice = page.getByTestId('devices-notice-no-phone-link');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('號碼單不印 QR 碼');
    expect(await notice.textContent()).toContain('Tickets carry no QR code');
    expect(await notice.count()).toBe(1);
    await snap(page, 'staff-devices-no-qr-notice');
    expect(page.errors).toEqual([]);
  });
});
