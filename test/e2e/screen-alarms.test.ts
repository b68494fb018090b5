/**
 * Screens in the staff console, in the browser, on both sample sites: a page
 * nobody declared (/calls/side-hall) opened and closed raises no alarm — it is
 * listed grey; a declared screen (/guide, in the site's expectedScreens) that
 * closes is an alarm for desk staff and admins, below the paper-out, and only
 * a grey line for counter staff; an admin forgets the undeclared one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { ROUTES } from '../../core/contract';
import { copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, signedInContext, snap, type PageWithErrors } from '../helpers/browser';
import { createFirstAdmin, startTestLobby, TEST_ADMIN, type HttpClient, type TestLobby } from '../helpers/lobby';

const DESK = { username: 'desk1', displayName: '服務台 林小姐', password: 'desk-password-1' };
const COUNTER = { username: 'counter1', displayName: '櫃台 王先生', password: 'counter-password-1' };
const STRAY = '/calls/side-hall';
const STRAY_ID = `screen:calls ${STRAY} @127.0.0.1`;
const GUIDE_ID = 'screen:/guide';

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

describe.each(['taitung-prosecutors', 'hualien-prison'])('screens staff are alarmed about at %s', (siteId) => {
  let t: TestLobby;
  let admin: HttpClient;
  let guideName: { zh: string; en: string };
  let printerId = '';
  const pages: Record<'desk' | 'counter' | 'admin', PageWithErrors | null> = { desk: null, counter: null, admin: null };
  let publicContext: BrowserContext;

  const page = (who: keyof typeof pages) => pages[who]!;
  const row = (who: keyof typeof pages, id: string) => page(who).getByTestId(`device-${id}`);
  const bannerText = async (who: keyof typeof pages) => ((await page(who).getByTestId('device-alert').count()) ? ((await page(who).getByTestId('device-alert').innerText()) ?? '') : '');

  async function openConsole(user: { username: string; password: string }): Promise<PageWithErrors> {
    const context = await signedInContext(browser, t.url, user);
    const p = await openPage(context, `${t.url}/staff`, { size: { width: 1600, height: 1000 } });
    await p.getByTestId('tab-devices').click();
    await p.getByTestId('devices-table').waitFor();
    return p;
  }

  async function openAndClose(path: string): Promise<void> {
    const screen = await openPage(publicContext, `${t.url}${path}`, { size: { width: 1280, height: 720 } });
    // said hello: listed as up
    await expect.poll(() => row('admin', path === '/guide' ? GUIDE_ID : STRAY_ID).getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
    await screen.close();
  }

  beforeAll(async () => {
    t = await startTestLobby({ rendererDir: rendererCopy, siteId });
    admin = await createFirstAdmin(t);
    for (const [user, roles] of [
      [DESK, ['desk']],
      [COUNTER, ['counter']],
    ] as const) {
      expect((await admin.post(ROUTES.createUser.path, { ...user, roles })).status).toBe(201);
    }
    pages.admin = await openConsole(TEST_ADMIN);
    pages.desk = await openConsole(DESK);
    pages.counter = await openConsole(COUNTER);
    publicContext = await browser.newContext({ locale: 'zh-TW' });
    const guideRow = row('admin', GUIDE_ID);
    await guideRow.waitFor();
    const nameText = await guideRow.locator('td').first().locator('strong').innerText();
    guideName = { zh: nameText, en: (await guideRow.locator('td').first().locator('strong + .muted').innerText()).trim() };
    printerId = (await page('admin').locator('tr[data-testid^="device-"]').first().getAttribute('data-testid'))!.slice('device-'.length);
  });

  afterAll(async () => {
    await admin?.post(ROUTES.simPrinterFault.path, { fault: null }).catch(() => undefined);
    await t?.stop();
  });

  it('a declared screen not seen yet is listed grey, never an alarm', async () => {
    const guide = row('desk', GUIDE_ID);
    expect(await guide.getAttribute('data-state')).toBe('unknown');
    expect(await guide.getAttribute('data-alert')).toBe('');
    expect(await guide.innerText()).toContain('尚未連線');
    expect(await guide.innerText()).toContain('Not connected yet');
    expect(await page('desk').getByTestId('device-alert').count()).toBe(0);
  });

  it('an undeclared screen opened and closed: no alarm for anyone, listed grey as closed', async () => {
    await openAndClose(STRAY);
    for (const who of ['desk', 'counter', 'admin'] as const) {
      await expect.poll(() => row(who, STRAY_ID).getAttribute('data-state'), { timeout: 10_000 }).toBe('offline');
      expect(await row(who, STRAY_ID).getAttribute('data-alert')).toBe('');
      expect(await row(who, STRAY_ID).getByTestId(`device-state-${STRAY_ID}`).getAttribute('class')).toContain('pill--quiet');
      expect(await row(who, STRAY_ID).innerText()).toMatch(/已關閉\s*Closed/);
      expect(await bannerText(who)).not.toContain(STRAY);
    }
    expect(await page('desk').getByTestId('device-alert').count()).toBe(0);
    await snap(page('desk'), `screens-${siteId}-stray-closed-desk`);
  });

  it('a declared screen closed: an alarm for desk staff and admins, below the paper-out; a grey line for counter staff', async () => {
    expect((await admin.post(ROUTES.simPrinterFault.path, { fault: 'paper-end' })).status).toBe(200);
    await openAndClose('/guide');
    for (const who of ['desk', 'admin'] as const) {
      await expect.poll(() => row(who, GUIDE_ID).getAttribute('data-alert'), { timeout: 10_000 }).toBe('error');
      const banner = page(who).getByTestId('device-alert');
      await expect.poll(() => bannerText(who), { timeout: 10_000 }).toContain(`${guideName.zh}離線`);
      const text = await bannerText(who);
      expect(text).toContain(`${guideName.en} offline`);
      expect(text).toContain('請檢查該畫面的電視或電腦');
      // paper-out first: the screen does not bury it
      const ids = await banner.locator('li[data-testid^="device-alert-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
      expect(ids).toEqual([`device-alert-${printerId}`, `device-alert-${GUIDE_ID}`]);
      expect(text.indexOf('印表機缺紙')).toBeLessThan(text.indexOf(`${guideName.zh}離線`));
      // the banner is on screen, nothing in it cut off
      const box = (await banner.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(page(who).viewportSize()!.height);
      expect(await banner.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      expect(await row(who, GUIDE_ID).getByTestId(`device-state-${GUIDE_ID}`).getAttribute('class')).toContain('pill--bad');
    }
    await snap(page('desk'), `screens-${siteId}-declared-closed-desk`);

    // Counter staff: the printer is theirs; the screen is listed quietly.
    await expect.poll(() => bannerText('counter'), { timeout: 10_000 }).toContain('印表機缺紙');
    expect(await bannerText('counter')).not.toContain(guideName.zh);
    expect(await row('counter', GUIDE_ID).getAttribute('data-alert')).toBe('');
    expect(await row('counter', GUIDE_ID).getByTestId(`device-state-${GUIDE_ID}`).getAttribute('class')).toContain('pill--quiet');
    await snap(page('counter'), `screens-${siteId}-declared-closed-counter`);

    expect((await admin.post(ROUTES.simPrinterFault.path, { fault: null })).status).toBe(200);
    await expect.poll(() => bannerText('desk'), { timeout: 10_000 }).not.toContain('印表機缺紙');
    expect(await bannerText('desk')).toContain(`${guideName.zh}離線`);
  });

  it('the declared screen back: the alarm goes by itself', async () => {
    const guide = await openPage(publicContext, `${t.url}/guide`, { size: { width: 1280, height: 720 } });
    await expect.poll(() => row('desk', GUIDE_ID).getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
    await expect.poll(() => page('desk').getByTestId('device-alert').count(), { timeout: 10_000 }).toBe(0);
    await guide.close();
    await expect.poll(() => row('desk', GUIDE_ID).getAttribute('data-alert'), { timeout: 10_000 }).toBe('error');
  });

  it('an admin forgets the undeclared screen (desk and counter have no such button); it is gone for everyone', async () => {
    expect(await row('desk', STRAY_ID).getByTestId(`device-forget-${STRAY_ID}`).count()).toBe(0);
    expect(await row('counter', STRAY_ID).getByTestId(`device-forget-${STRAY_ID}`).count()).toBe(0);
    expect(await row('admin', GUIDE_ID).getByTestId(`device-forget-${GUIDE_ID}`).count()).toBe(0);
    const forget = row('admin', STRAY_ID).getByTestId(`device-forget-${STRAY_ID}`);
    expect(await forget.innerText()).toContain('移除 Forget');
    await forget.scrollIntoViewIfNeeded();
    await snap(page('admin'), `screens-${siteId}-forget-button-admin`);
    await forget.click();
    for (const who of ['admin', 'desk', 'counter'] as const) {
      await expect.poll(() => row(who, STRAY_ID).count(), { timeout: 10_000 }).toBe(0);
    }
    // the declared one stays, still an alarm
    expect(await row('admin', GUIDE_ID).getAttribute('data-alert')).toBe('error');
    await snap(page('admin'), `screens-${siteId}-after-forget-admin`);
  });

  it('logged no errors', () => {
    for (const who of ['desk', 'counter', 'admin'] as const) {
      expect(page(who).errors.filter((e) => !/WebSocket|Failed to load resource/.test(e)), who).toEqual([]);
    }
  });
});
