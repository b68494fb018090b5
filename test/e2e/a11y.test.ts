/**
 * axe-core on the citizen screens: no WCAG 2.2 AA violation on /kiosk and
 * /guide (every guide tab), in both languages, and in the large-text and
 * high-contrast modes, portrait and landscape. /rate is included when that
 * screen exists.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeReport, axeViolations, copyBuiltRenderer, launchBrowser, removeRendererCopy, shot, type AxeViolation } from '../helpers/browser';
import { startTestLobby, type TestLobby } from '../helpers/lobby';

let t: TestLobby;
let rendererCopy = '';
let browser: Browser;
let kiosk: BrowserContext;

/** axe-core once the last tap's hover and style changes have settled. */
const axe = (page: Page) => axeViolations(page, { pointerAway: true });

type Mode = { name: string; lang: 'zh' | 'en'; large: boolean; contrast: boolean };
const MODES: Mode[] = [
  { name: 'zh', lang: 'zh', large: false, contrast: false },
  { name: 'en', lang: 'en', large: false, contrast: false },
  { name: 'zh-large', lang: 'zh', large: true, contrast: false },
  { name: 'en-contrast', lang: 'en', large: false, contrast: true },
  { name: 'zh-large-contrast', lang: 'zh', large: true, contrast: true },
];

async function prepare(path: string, mode: Mode, size: { width: number; height: number }): Promise<Page> {
  const page = await kiosk.newPage();
  await page.setViewportSize(size);
  await page.goto(t.url + path);
  await page.getByTestId('lang-toggle').first().waitFor();
  if (mode.lang === 'en') await page.getByTestId('lang-en').first().click();
  if (mode.large && (await page.getByTestId('toggle-large-text').count())) await page.getByTestId('toggle-large-text').click();
  if (mode.contrast && (await page.getByTestId('toggle-contrast').count())) await page.getByTestId('toggle-contrast').click();
  await page.waitForTimeout(300);
  return page;
}

beforeAll(async () => {
  rendererCopy = await copyBuiltRenderer();
  t = await startTestLobby({ rendererDir: rendererCopy });
  browser = await launchBrowser();
  // The lobby's CSP forbids inline scripts; axe is injected by the test only.
  kiosk = await browser.newContext({ locale: 'zh-TW', reducedMotion: 'reduce', bypassCSP: true });
  await kiosk.addCookies([t.kioskCookie]);
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
  removeRendererCopy(rendererCopy);
});

const hasRate = existsSync(join(process.cwd(), 'renderer', 'apps', 'rate'));

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  for (const mode of MODES) {
    it(`/kiosk has no violation (${mode.name})`, async () => {
      const page = await prepare('/kiosk', mode, { width: 1080, height: 1920 });
      await page.getByTestId('kiosk').waitFor();
      const vs = await axe(page);
      await page.screenshot({ path: shot(`a11y-kiosk-${mode.name}`) });
      await page.close();
      expect(vs, axeReport(vs) + JSON.stringify(vs.map((v) => v.nodes)).slice(0, 1500)).toEqual([]);
    });

    it(`/guide has no violation on any tab (${mode.name})`, async () => {
      const size = mode.name.includes('contrast') ? { width: 1920, height: 1080 } : { width: 1080, height: 1920 };
      const page = await prepare('/guide', mode, size);
      await page.getByTestId('floor-map-1f').waitFor();
      await page.getByTestId('office-execution').click();
      const found: AxeViolation[] = [];
      found.push(...(await axe(page)));
      await page.screenshot({ path: shot(`a11y-guide-map-${mode.name}`) });
      for (const tab of ['procedures', 'faq', 'online'] as const) {
        await page.getByTestId(`guide-tab-${tab}`).click();
        if (tab === 'procedures') await page.getByTestId('procedure-pay-fine').click();
        if (tab === 'faq') {
          await page.getByTestId('faq-search').fill(mode.lang === 'zh' ? '保證金' : 'bail');
          await page.getByTestId('faq-search-go').click();
          await page.waitForTimeout(200);
        }
        found.push(...(await axe(page)));
        await page.screenshot({ path: shot(`a11y-guide-${tab}-${mode.name}`) });
      }
      await page.close();
      expect(found, axeReport(found)).toEqual([]);
    });
  }

  it.runIf(hasRate)('/rate has no violation (zh, en)', async () => {
    for (const mode of MODES.slice(0, 2)) {
      const page = await kiosk.newPage();
      await page.setViewportSize({ width: 1080, height: 1920 });
      await page.goto(`${t.url}/rate`);
      await page.waitForTimeout(800);
      if (mode.lang === 'en' && (await page.getByTestId('lang-en').count())) await page.getByTestId('lang-en').first().click();
      const vs = await axe(page);
      await page.close();
      expect(vs, axeReport(vs) + JSON.stringify(vs.map((v) => v.nodes)).slice(0, 1500)).toEqual([]);
    }
  });
});
