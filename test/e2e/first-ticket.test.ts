import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, shot } from '../helpers/browser';
import { startTestLobby, TEST_PUBLIC_BASE_URL, type TestLobby } from '../helpers/lobby';

let t: TestLobby;
let browser: Browser;

beforeAll(async () => {
  t = await startTestLobby({ siteWith: { publicBaseUrl: TEST_PUBLIC_BASE_URL } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

async function open(path: string, size = { width: 1920, height: 1080 }): Promise<Page> {
  const page = await browser.newPage({ viewport: size, locale: 'zh-TW' });
  // This browser was provisioned as a kiosk (the cookie the one-time set-up link leaves).
  await page.context().addCookies([t.kioskCookie]);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(t.url + path);
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

describe('the first path: kiosk → printer → counter → call board', () => {
  it('a tap prints a ticket, staff call it, and the board shows it live', async () => {
    const calls = await open('/calls');
    await expect.poll(() => calls.getByTestId('waiting-consult').textContent()).toContain('0');

    // The citizen taps a service on the kiosk.
    const kiosk = await open('/kiosk', { width: 1080, height: 1920 });
    await kiosk.screenshot({ path: shot('kiosk-home') });
    await kiosk.getByTestId('service-consult').click();
    await expect.poll(() => kiosk.getByTestId('ticket-number').textContent()).toBe('A001');
    await kiosk.screenshot({ path: shot('kiosk-ticket') });

    // The board counts the waiting ticket without a reload.
    await expect.poll(() => calls.getByTestId('waiting-consult').textContent()).toContain('1');

    // The simulated printer received it and /devices draws the receipt with its QR.
    const devices = await open('/devices', { width: 1280, height: 1400 });
    const receipt = devices.getByTestId('receipt').first();
    await expect.poll(() => receipt.textContent()).toContain('A001');
    expect(await receipt.textContent()).toContain('為民服務中心諮詢');
    // /devices is public: it draws the QR with the phone link's token cut out by the server…
    const payload = await devices.getByTestId('receipt-qr').first().getAttribute('data-payload');
    expect(payload).toBe(`${TEST_PUBLIC_BASE_URL}/phone/t/REDACTED`);
    // …while the paper carries the ticket's own link, the one the kiosk screen shows the citizen.
    const printed = t.lobby.simulator!.receipts.at(-1)!.items.find((i) => i.kind === 'qr');
    const onScreen = await kiosk.getByTestId('ticket-qr').getAttribute('data-payload');
    expect(printed?.kind === 'qr' && printed.payload).toMatch(new RegExp(`^${TEST_PUBLIC_BASE_URL}/phone/t/[A-Za-z0-9_-]{20,}$`));
    expect(printed?.kind === 'qr' && printed.payload).toBe(onScreen);
    await devices.screenshot({ path: shot('devices-receipt') });

    // A counter signs in (first admin via the one-time setup link) and calls the next number.
    const staff = await open(`/staff?setup=${t.setupCode}`);
    await staff.locator('input[name="username"]').fill('chen');
    await staff.locator('input[name="displayName"]').fill('陳主任');
    await staff.locator('input[name="password"]').fill('a-long-password');
    await staff.locator('button[type="submit"]').click();
    // The first administrator lands on the first-run checklist; the counter console is a tab away.
    await staff.getByTestId('checklist').waitFor();
    await staff.getByTestId('tab-counter').click();
    await staff.getByTestId('counter-select').selectOption('c1');
    await staff.getByTestId('call-next').click();
    await expect.poll(() => staff.getByTestId('current-ticket').textContent()).toContain('A001');
    await staff.screenshot({ path: shot('staff-console') });

    // The board shows the call, large.
    await expect.poll(() => calls.getByTestId('latest-number').textContent()).toBe('A001');
    expect(await calls.getByTestId('latest-counter').textContent()).toContain('1');
    await calls.screenshot({ path: shot('calls-board') });

    for (const page of [calls, kiosk, devices, staff]) {
      expect((page as Page & { errors: string[] }).errors).toEqual([]);
    }
  });
});
