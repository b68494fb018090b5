/**
 * /devices in the browser, on both sample sites: each receipt says how many
 * bytes the ticket itself took, and apart from it the status polls (DLE EOT
 * from the health poller, GS a from the driver) the printer read since the
 * ticket before. Two tickets of the same layout are the same size however
 * long the lobby idled between them (the polls once counted as ticket bytes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, snap } from '../helpers/browser';
import { manualClock } from '../../core/store/clock';
import { issueTicket, startTestLobby, type TestLobby } from '../helpers/lobby';

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

describe.each([
  { siteId: 'taitung-prosecutors', service: 'consult' },
  { siteId: 'hualien-prison', service: 'visit-registration' },
])('receipt byte counts at $siteId', ({ siteId, service }) => {
  let t: TestLobby;

  beforeAll(async () => {
    // A weekday morning: every service is open.
    t = await startTestLobby({ rendererDir: rendererCopy, siteId, clock: manualClock('2026-11-26T10:00:00+08:00') });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('ticket bytes and status polls apart; the same ticket is the same size after a long idle', async () => {
    await issueTicket(t, service);
    // idle: the health poller asks every 400 ms
    await new Promise((r) => setTimeout(r, 2500));
    await issueTicket(t, service);

    const context = await browser.newContext({ locale: 'zh-TW' });
    const page = await openPage(context, `${t.url}/devices`, { size: { width: 1400, height: 1200 } });
    const metas = page.getByTestId('receipt-meta');
    await expect.poll(() => metas.count(), { timeout: 15_000 }).toBe(2);
    // newest first
    const read = async (i: number) => ({
      bytes: Number(await metas.nth(i).getAttribute('data-bytes')),
      status: Number(await metas.nth(i).getAttribute('data-status-bytes')),
      text: (await metas.nth(i).innerText()).replace(/\s+/g, ' '),
    });
    const second = await read(0);
    const first = await read(1);
    expect(second.bytes).toBeGreaterThan(100);
    expect(second.bytes).toBe(first.bytes);
    // at least three DLE EOT polls (3 bytes each) in 2.5 s of idling, shown apart
    expect(second.status).toBeGreaterThanOrEqual(9);
    expect(second.status % 3).toBe(0);
    expect(second.text).toContain(`號碼單 ${second.bytes} 位元組`);
    expect(second.text).toContain(`${second.bytes} bytes of ticket`);
    expect(second.text).toContain(`另計狀態查詢 ${second.status} 位元組（DLE EOT、GS a）`);
    expect(second.text).toContain(`${second.status} bytes of status polls (DLE EOT, GS a), counted apart`);

    // readable: on screen, not cut, the panel's type size
    const meta = metas.nth(0);
    await meta.scrollIntoViewIfNeeded();
    expect(await meta.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    expect(await meta.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(16);
    await snap(page, `devices-${siteId}-receipt-bytes`);
    await page.getByTestId('receipts').locator('li').first().screenshot({ path: `test-results/screens/devices-${siteId}-receipt-bytes-close.png` });
    expect(page.errors.filter((e) => !/WebSocket|Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });
});
