/**
 * The self-service guide (/guide) in the browser: find an office on the map
 * (tap → highlighted, the way drawn, across floors), follow a procedure step
 * by step, search the FAQ in Chinese and English, switch language, large
 * text and high contrast, and the idle timeout back to the kiosk's home.
 *
 * The idle timeout is shortened with the test-only URL parameter `?idle=<s>`
 * (renderer/components/kiosk-manners/manners.ts, 2–600 s; the warning shows
 * for the last half of it, at most 30 s). Kiosks never carry it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, shot } from '../helpers/browser';
import { startTestLobby, type TestLobby } from '../helpers/lobby';

let t: TestLobby;
let rendererCopy = '';
let browser: Browser;
let kiosk: BrowserContext;

/** A page in the kiosk's context, portrait unless told. */
const open = (path: string, size = { width: 1080, height: 1920 }) => openPage(kiosk, t.url + path, { size });

/** The smallest rendered font size of any visible text on the page, in CSS px. */
async function smallestText(page: Page): Promise<{ px: number; text: string }> {
  return page.evaluate(() => {
    let min = { px: Infinity, text: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim()) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('.visually-hidden')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      let px = parseFloat(style.fontSize);
      // SVG text: its font size in map units times the drawing's scale.
      const svg = el.closest('svg');
      if (svg && svg instanceof SVGSVGElement) {
        const vb = svg.viewBox.baseVal;
        const scale = vb && vb.width ? svg.getBoundingClientRect().width / vb.width : 1;
        px = parseFloat(el.getAttribute('font-size') ?? String(px)) * Math.min(scale, svg.getBoundingClientRect().height / vb.height);
      }
      if (px < min.px) min = { px, text: n.textContent.trim().slice(0, 40) };
    }
    return min;
  });
}

/** Buttons and links smaller than 64 px either way. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, a[href], input, [role="button"]')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return false;
        if (el instanceof HTMLInputElement && el.type === 'checkbox') return false; // its label is the target
        return r.width < 63.5 || r.height < 63.5;
      })
      .map((el) => `${el.tagName} ${(el.textContent ?? '').trim().slice(0, 30)} ${Math.round(el.getBoundingClientRect().width)}x${Math.round(el.getBoundingClientRect().height)}`),
  );
}

beforeAll(async () => {
  rendererCopy = await copyBuiltRenderer();
  t = await startTestLobby({ rendererDir: rendererCopy });
  browser = await launchBrowser();
  kiosk = await browser.newContext({ locale: 'zh-TW' });
  await kiosk.addCookies([t.kioskCookie]);
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
  removeRendererCopy(rendererCopy);
});

describe('self-service guide', () => {
  it('is reachable from the kiosk home and finds an office on the map: highlighted, the way drawn across floors', async () => {
    const home = await open('/kiosk');
    await home.getByTestId('kiosk-guide-entry').click();
    await home.waitForURL(/\/guide\?lang=zh-TW/);
    await expect.poll(() => home.getByTestId('floor-map-1f').count()).toBe(1);
    await expect.poll(() => home.getByTestId('you-are-here').textContent()).toContain('你在這裡');
    // every office of the shown floor is drawn and labelled in both languages
    const label = await home.getByTestId('map-office-service-center').textContent();
    expect(label).toContain('為民服務中心');
    expect(label).toContain('Public Service');
    await home.screenshot({ path: shot('guide-map-portrait') });

    // tap on the map: same floor
    await home.getByTestId('map-office-bailiffs').click();
    expect(await home.getByTestId('map-office-bailiffs').getAttribute('data-selected')).toBe('true');
    expect(await home.getByTestId('route-line').count()).toBe(1);
    expect(await home.getByTestId('route-summary').getAttribute('data-changes')).toBe('0');
    expect(await home.getByTestId('office-about').textContent()).toContain('戒護');

    // tap in the list: an office two floors up
    await home.getByTestId('office-probation').click();
    await expect.poll(() => home.getByTestId('office-card').getAttribute('data-office')).toBe('probation');
    // one ride up, by the lift (step-free comes first)
    expect(await home.getByTestId('route-summary').getAttribute('data-changes')).toBe('1');
    expect(await home.getByTestId('route-summary').textContent()).toContain('搭電梯到三樓');
    expect(await home.getByTestId('route-line').getAttribute('data-floor')).toBe('1f');
    await home.getByTestId('leg-3f').click();
    expect(await home.getByTestId('route-line').getAttribute('data-floor')).toBe('3f');
    expect(await home.getByTestId('map-office-probation').getAttribute('data-selected')).toBe('true');
    expect(await home.getByTestId('office-hours').textContent()).toContain('週一至週五');
    await home.screenshot({ path: shot('guide-route-3f-portrait') });
    // the stairs, for whoever asks for them
    await home.getByTestId('way-stairs').click();
    await expect.poll(() => home.getByTestId('route-summary').textContent()).toContain('走樓梯到三樓');

    const small = await smallestText(home);
    expect(small.px, small.text).toBeGreaterThanOrEqual(23.5);
    expect(await smallTargets(home)).toEqual([]);
    expect(home.errors).toEqual([]);
    await home.close();
  });

  it('follows a procedure step by step, and shows a step’s office on the map', async () => {
    const page = await open('/guide', { width: 1920, height: 1080 });
    await page.getByTestId('guide-tab-procedures').click();
    await page.getByTestId('procedure-bail-refund').click();
    const flow = page.getByTestId('procedure-flow');
    expect(await flow.getAttribute('data-step')).toBe('1');
    expect(await page.getByTestId('step-card').textContent()).toContain('第 1 步，共 3 步');
    await page.getByTestId('step-next').click();
    expect(await flow.getAttribute('data-step')).toBe('2');
    expect(await page.getByTestId('step-card').textContent()).toContain('身分證件');
    await page.getByTestId('step-next').click();
    expect(await flow.getAttribute('data-step')).toBe('3');
    expect(await page.getByTestId('step-next').isDisabled()).toBe(true);
    await page.getByTestId('step-prev').click();
    expect(await flow.getAttribute('data-step')).toBe('2');
    await page.screenshot({ path: shot('guide-procedure-landscape') });
    await page.getByTestId('step-show-map').click();
    await expect.poll(() => page.getByTestId('office-card').getAttribute('data-office')).toBe('service-center');
    expect(await page.getByTestId('route-line').count()).toBe(1);
    await page.screenshot({ path: shot('guide-map-landscape') });
    const small = await smallestText(page);
    expect(small.px, small.text).toBeGreaterThanOrEqual(23.5);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('searches the FAQ in Chinese and in English, and switches language', async () => {
    const page = await open('/guide');
    await page.getByTestId('guide-tab-faq').click();
    expect(await page.locator('[data-testid^="faq-"].faq-item').count()).toBeGreaterThanOrEqual(8);
    await page.getByTestId('faq-search').fill('保證金');
    await page.getByTestId('faq-search-go').click();
    await expect.poll(() => page.locator('.faq-item').first().getAttribute('data-testid')).toMatch(/^faq-bail-/);
    expect(await page.getByTestId('faq-count').textContent()).toMatch(/找到 \d+ 則/);
    await page.screenshot({ path: shot('guide-faq-zh') });

    await page.getByTestId('lang-en').click();
    expect(await page.getByTestId('guide').getAttribute('data-lang')).toBe('en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByTestId('guide-tab-faq').textContent()).toMatch(/^FAQ/);
    await page.getByTestId('faq-search').fill('witness');
    await page.getByTestId('faq-search').press('Enter');
    await expect.poll(() => page.locator('.faq-item').first().getAttribute('data-testid')).toBe('faq-witness-fee');
    await page.getByTestId('faq-search').fill('zzqx');
    await page.getByTestId('faq-search-go').click();
    await expect.poll(() => page.getByTestId('faq-count').textContent()).toContain('Nothing found');
    await page.getByTestId('faq-clear').click();
    expect(await page.locator('.faq-item').count()).toBeGreaterThanOrEqual(8);

    await page.getByTestId('guide-tab-online').click();
    const qr = page.getByTestId('qr-moj-eservice');
    expect(await qr.getAttribute('data-payload')).toBe('https://eservice.moj.gov.tw/');
    await page.screenshot({ path: shot('guide-online-en') });
    await page.getByTestId('lang-zh').click();
    expect(await page.getByTestId('guide-tab-online').textContent()).toMatch(/^線上服務/);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('large text and high contrast apply on /guide and /kiosk, and are forgotten when the session times out', async () => {
    // 20 s idle (warning after 10 s): long enough that a loaded CI machine still clicks Continue in time.
    const page = await open('/guide?idle=20');
    const before = await page.locator('.guide__tab').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    await page.getByTestId('toggle-large-text').click();
    await page.getByTestId('toggle-contrast').click();
    expect(await page.getByTestId('toggle-large-text').getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.documentElement.dataset)).toMatchObject({ largeText: 'on', contrast: 'high' });
    const after = await page.locator('.guide__tab').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(after).toBeGreaterThan(before * 1.15);
    const bg = await page.getByTestId('guide').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(0, 0, 0)');
    await page.screenshot({ path: shot('guide-large-contrast') });

    // the warning comes first (here after 10 s), Continue keeps the session
    await page.getByTestId('idle-warning').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('idle-warning').textContent()).toContain('仍在使用嗎？');
    expect(Number(await page.getByTestId('idle-countdown').getAttribute('data-seconds'))).toBeGreaterThan(0);
    await page.screenshot({ path: shot('guide-idle-warning') });
    // the tap on Continue must not also reach what lies under the warning
    await page.evaluate(() => {
      const w = window as unknown as { clickedUnder: string[] };
      w.clickedUnder = [];
      document.addEventListener('click', (e) => {
        const t = e.target as Element;
        if (!t.closest('[data-testid="idle-warning"]')) w.clickedUnder.push(t.tagName);
      }, true);
    });
    // a slow tap, as an elderly finger makes it: the warning stays while pressed
    const box = (await page.getByTestId('idle-continue').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForTimeout(400);
    expect(await page.getByTestId('idle-warning').count()).toBe(1);
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('idle-warning').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { clickedUnder: string[] }).clickedUnder)).toEqual([]);
    expect(page.url()).toContain('/guide');
    // left alone: back to the kiosk's home, choices forgotten
    await page.waitForURL(/\/kiosk$/, { timeout: 40_000 });
    await page.getByTestId('kiosk').waitFor();
    expect(await page.evaluate(() => ({ ...document.documentElement.dataset }))).toEqual({});
    expect(await page.getByTestId('toggle-large-text').getAttribute('aria-pressed')).toBe('false');

    // on the kiosk the same switches carry over to the guide
    await page.getByTestId('toggle-large-text').click();
    await page.getByTestId('kiosk-guide-entry').click();
    await page.waitForURL(/\/guide/);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.largeText)).toBe('on');
    await page.getByTestId('guide').waitFor();
    expect(await page.getByTestId('toggle-large-text').getAttribute('aria-pressed')).toBe('true');
    expect(page.errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('the Hualien prison guide shows its own floors, phone numbers and visit booking QR', async () => {
    const prison = await startTestLobby({ siteId: 'hualien-prison', rendererDir: rendererCopy });
    try {
      const ctx = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1920, height: 1080 } });
      const page = await ctx.newPage();
      await page.goto(`${prison.url}/guide`);
      await page.getByTestId('office-remote-visit-room').click();
      expect(await page.getByTestId('office-extension').textContent()).toBe('03-8538731');
      await page.screenshot({ path: shot('guide-hualien-landscape') });
      await page.getByTestId('guide-tab-online').click();
      expect(await page.getByTestId('qr-mjac-visit-booking').getAttribute('data-payload')).toBe('https://service.mjac.moj.gov.tw/');
      await ctx.close();
    } finally {
      await prison.stop();
    }
  });
});
