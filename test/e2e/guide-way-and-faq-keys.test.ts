/**
 * The guide on a touch kiosk, both sample sites, both languages:
 * - the way to an office upstairs is step-free first ("搭電梯到三樓 / Take the
 *   lift to the 3rd floor": one ride, not "lift to 2F, then lift to 3F"), the
 *   stairs a button away for whoever wants them;
 * - the FAQ is searched without a keyboard: a topic chip lists its questions
 *   in one tap (Chinese needs no typing), and a large on-screen A–Z keyboard
 *   types an English word; axe clean with the keyboard open, in every mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { axeReport, axeViolations, copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, snap, type PageWithErrors } from '../helpers/browser';
import { startTestLobby, type TestLobby } from '../helpers/lobby';

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

/** Seen whole: inside the viewport and not cut by its own box. */
async function seenWhole(el: Locator): Promise<void> {
  await el.scrollIntoViewIfNeeded();
  const box = (await el.boundingBox())!;
  const view = el.page().viewportSize()!;
  expect(box.y, 'top in view').toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, 'bottom in view').toBeLessThanOrEqual(view.height + 0.5);
  expect(box.x + box.width, 'right in view').toBeLessThanOrEqual(view.width + 0.5);
  // Clipped: the element or one inside it hides what overflows it (text that spills visibly is not cut).
  const cut = await el.evaluate((root) =>
    [root, ...root.querySelectorAll('*')]
      .filter((e) => getComputedStyle(e).overflow !== 'visible' || getComputedStyle(e).textOverflow === 'ellipsis')
      .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
      .map((e) => e.className),
  );
  expect(cut, 'text cut').toEqual([]);
}

const SITES = [
  {
    id: 'taitung-prosecutors',
    // 1F → 3F: the lift rides past 2F
    upstairs: { office: 'probation', zh: '搭電梯到三樓', en: 'Take the lift to the 3rd floor', stairsZh: '走樓梯到三樓', stairsEn: 'Take the stairs to the 3rd floor', passed: ['二樓', '2nd floor'] },
    // the lift is the quickest way there anyway: nothing to choose
    liftAnyway: { office: 'execution', zh: '搭電梯到三樓' },
    topic: { zh: '保證金', en: 'Bail', ids: ['faq-bail-refund', 'faq-bail-lost-receipt'] },
    typed: { word: 'WITNESS', first: 'faq-witness-fee' },
  },
  {
    id: 'hualien-prison',
    upstairs: { office: 'secretariat', zh: '搭電梯到二樓', en: 'Take the lift to the 2nd floor', stairsZh: '走樓梯到二樓', stairsEn: 'Take the stairs to the 2nd floor', passed: [] as string[] },
    liftAnyway: { office: 'custody', zh: '搭電梯到二樓' },
    topic: { zh: '接見', en: 'Visits', ids: ['faq-visit-id', 'faq-visit-hours', 'faq-visit-booking', 'faq-remote-visit', 'faq-who-can-visit'] },
    typed: { word: 'PARKING', first: 'faq-parking' },
  },
] as const;

describe.each(SITES)('the guide at $id', (site) => {
  let t: TestLobby;
  let kiosk: BrowserContext;
  const open = async (path: string, size = { width: 1080, height: 1920 }): Promise<PageWithErrors> => openPage(kiosk, t.url + path, { size });

  beforeAll(async () => {
    t = await startTestLobby({ rendererDir: rendererCopy, siteId: site.id });
    kiosk = await browser.newContext({ locale: 'zh-TW', reducedMotion: 'reduce', bypassCSP: true });
    await kiosk.addCookies([t.kioskCookie]);
  });
  afterAll(async () => {
    await kiosk?.close();
    await t?.stop();
  });

  it('the way upstairs is the lift first, said as one ride; the stairs are a tap away (zh, en)', async () => {
    const page = await open('/guide');
    const { upstairs } = site;
    await page.getByTestId(`office-${upstairs.office}`).click();
    const summary = page.getByTestId('route-summary');
    await expect.poll(() => summary.getAttribute('data-changes')).toBe('1');
    const zh = await summary.innerText();
    expect(zh).toContain(upstairs.zh);
    expect(zh).toContain(upstairs.en);
    for (const floor of upstairs.passed) expect(zh).not.toContain(floor);
    expect(zh).not.toMatch(/樓梯|stairs/);
    // the lift is chosen, the stairs offered beside it
    expect(await page.getByTestId('way-lift').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('way-stairs').getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByTestId('way-lift').locator('.bi').innerText()).toMatch(/^搭電梯（無障礙）\s*Lift \(step-free\)$/);
    expect(await page.getByTestId('way-stairs').locator('.bi').innerText()).toMatch(/^走樓梯\s*Stairs$/);
    // the way's floors: where you stand and where you go, no floor only passed
    expect(await page.locator('.leg-btn').count()).toBe(2);
    await seenWhole(summary);
    await seenWhole(page.getByTestId('way-choice'));
    await snap(page, `guide-way-lift-${site.id}-zh`);

    await page.getByTestId('way-stairs').click();
    await expect.poll(() => summary.innerText()).toContain(upstairs.stairsZh);
    expect(await summary.innerText()).toContain(upstairs.stairsEn);
    expect(await page.getByTestId('way-stairs').getAttribute('aria-pressed')).toBe('true');

    await page.getByTestId('lang-en').click();
    await page.getByTestId('way-lift').click();
    await expect.poll(() => summary.innerText()).toMatch(new RegExp(`^${upstairs.en}`));
    expect(await page.getByTestId('way-lift').locator('.bi').innerText()).toMatch(/^Lift \(step-free\)\s*搭電梯（無障礙）$/);
    await seenWhole(summary);
    await snap(page, `guide-way-lift-${site.id}-en`);
    const violations = await axeViolations(page, { pointerAway: true });
    expect(violations, axeReport(violations)).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('where the lift is the quickest way anyway, no stairs button asks a question that does not matter', async () => {
    const page = await open('/guide');
    await page.getByTestId(`office-${site.liftAnyway.office}`).click();
    await expect.poll(() => page.getByTestId('route-summary').innerText()).toContain(site.liftAnyway.zh);
    expect(await page.getByTestId('way-choice').count()).toBe(0);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('a topic chip lists its questions in one tap, no typing (zh)', async () => {
    const page = await open('/guide');
    await page.getByTestId('guide-tab-faq').click();
    const chip = page.locator(`[data-topic="${site.topic.zh}"]`);
    await seenWhole(chip);
    expect(await chip.innerText()).toMatch(new RegExp(`${site.topic.zh}\\s*${site.topic.en}`));
    const chipBox = (await chip.boundingBox())!;
    expect(chipBox.height).toBeGreaterThanOrEqual(80);
    expect(await chip.locator('.bi__primary').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(32);
    await chip.click();
    expect(await chip.getAttribute('aria-pressed')).toBe('true');
    const shown = await page.locator('.faq-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect([...shown].sort()).toEqual([...site.topic.ids].sort());
    expect(await page.getByTestId('faq-count').innerText()).toContain(`「${site.topic.zh}」共 ${site.topic.ids.length} 則`);
    await snap(page, `guide-faq-topic-${site.id}-zh`);
    await page.getByTestId('faq-topic-all').click();
    expect(await page.locator('.faq-item').count()).toBeGreaterThanOrEqual(8);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('the on-screen keyboard types an English word and finds its answer; large keys, axe clean (en, large text, high contrast)', async () => {
    const page = await open('/guide?lang=en');
    await page.getByTestId('guide-tab-faq').click();
    // a tap on the search box brings up the keyboard, as on a phone
    await page.getByTestId('faq-search').click();
    const keyboard = page.getByTestId('faq-keyboard');
    await keyboard.waitFor();
    expect(await page.getByTestId('faq-search').getAttribute('inputmode')).toBe('none');
    for (const k of site.typed.word) await page.getByTestId(`faq-key-${k}`).click();
    // a slip of the finger, taken back
    await page.getByTestId('faq-key-Q').click();
    await page.getByTestId('faq-key-back').click();
    expect(await page.getByTestId('faq-search').inputValue()).toBe(site.typed.word.toLowerCase());
    await seenWhole(keyboard);
    for (const key of await keyboard.locator('button').all()) {
      const box = (await key.boundingBox())!;
      expect(box.height, await key.innerText()).toBeGreaterThanOrEqual(80);
      expect(box.width, await key.innerText()).toBeGreaterThanOrEqual(80);
    }
    expect(await page.getByTestId('faq-key-A').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(40);
    await snap(page, `guide-faq-keyboard-${site.id}-en`);
    let violations = await axeViolations(page, { pointerAway: true });
    expect(violations, axeReport(violations)).toEqual([]);

    await page.getByTestId('faq-key-search').click();
    await expect.poll(() => page.locator('.faq-item').first().getAttribute('data-testid')).toBe(site.typed.first);
    expect(await page.getByTestId('faq-keyboard').count()).toBe(0);
    expect(await page.getByTestId('faq-count').innerText()).toMatch(/^\d+ found/);
    await seenWhole(page.locator('.faq-item').first().locator('.faq-item__q'));
    await snap(page, `guide-faq-keyboard-found-${site.id}-en`);

    // large text and high contrast: the keyboard still fits, every key readable, axe clean
    await page.getByTestId('toggle-large-text').click();
    await page.getByTestId('toggle-contrast').click();
    await page.getByTestId('faq-keyboard-toggle').click();
    await seenWhole(page.getByTestId('faq-keyboard'));
    expect(await page.getByTestId('faq-key-Z').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(255, 255, 255)');
    await snap(page, `guide-faq-keyboard-${site.id}-large-contrast`);
    violations = await axeViolations(page, { pointerAway: true });
    expect(violations, axeReport(violations)).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('in Chinese too: the keyboard and its labels in zh first, landscape, axe clean', async () => {
    const page = await open('/guide', { width: 1920, height: 1080 });
    await page.getByTestId('guide-tab-faq').click();
    await page.getByTestId('faq-keyboard-toggle').click();
    expect(await page.getByTestId('faq-key-search').innerText()).toMatch(/^搜尋\s*Search/);
    expect(await page.getByTestId('faq-key-space').innerText()).toMatch(/^空格\s*Space/);
    for (const k of site.typed.word) await page.getByTestId(`faq-key-${k}`).click();
    await page.getByTestId('faq-key-search').click();
    await expect.poll(() => page.locator('.faq-item').first().getAttribute('data-testid')).toBe(site.typed.first);
    expect(await page.getByTestId('faq-count').innerText()).toMatch(/^找到 \d+ 則/);
    await page.getByTestId('faq-keyboard-toggle').click();
    await seenWhole(page.getByTestId('faq-keyboard'));
    await snap(page, `guide-faq-keyboard-${site.id}-zh-landscape`);
    const violations = await axeViolations(page, { pointerAway: true });
    expect(violations, axeReport(violations)).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
