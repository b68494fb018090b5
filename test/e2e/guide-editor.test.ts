/**
 * The staff guide editor in the browser, on both sample sites: a desk
 * newcomer edits with forms, not JSON — an FAQ entry (question and answer in
 * Chinese and English side by side, a missing field told at the field in
 * both languages, a question added, moved and removed) and an office (a new
 * name, another floor chosen from a list, its place tapped on the floor map),
 * saves, and sees both on the public guide in both languages; each save is
 * audited; Reset puts a section back to the site's file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { ROUTES, type AuditEntry } from '../../core/contract';
import { axeReport, axeViolations, copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, signedInContext, snap, type PageWithErrors } from '../helpers/browser';
import { createFirstAdmin, startTestLobby, type HttpClient, type TestLobby } from '../helpers/lobby';

const DESK = { username: 'desk1', displayName: '服務台 林小姐', password: 'desk-password-1' };

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

const SITES = [
  {
    id: 'taitung-prosecutors',
    faq: { index: 5, id: 'witness-fee', was: '證人可以領取日旅費嗎？', q: { zh: '證人到庭可以領日旅費嗎？', en: 'Can witnesses claim travel expenses?' } },
    // the volunteer desk moves up to the empty corner of 3F (a 200 × 180 box centred on the tap)
    office: { index: 3, id: 'volunteer-desk', to: '3f', toZh: '三樓', toEn: '3rd floor', tap: { x: 160, y: 450 }, box: { x: 60, y: 360 }, name: { zh: '法律扶助服務台', en: 'Legal aid desk' }, way: { zh: '搭電梯到三樓', en: 'Take the lift to the 3rd floor' } },
    // an office a procedure step sends people to
    usedOffice: { index: 1, step: '「聲請增發書類」第 3 步' },
  },
  {
    id: 'hualien-prison',
    faq: { index: 9, id: 'parking', was: '哪裡可以停車？', q: { zh: '哪裡可以停汽車或機車？', en: 'Where can I park a car or scooter?' } },
    office: { index: 4, id: 'nursing-room', to: '2f', toZh: '二樓', toEn: '2nd floor', tap: { x: 810, y: 450 }, box: { x: 680, y: 360 }, name: { zh: '親子哺乳室', en: 'Baby care room' }, way: { zh: '搭電梯到二樓', en: 'Take the lift to the 2nd floor' } },
    usedOffice: { index: 0, step: '' },
  },
] as const;

describe.each(SITES)('the guide editor at $id', (site) => {
  let t: TestLobby;
  let admin: HttpClient;
  let staff: PageWithErrors;
  let kiosk: BrowserContext;

  const guide = async (lang: 'zh-TW' | 'en' = 'zh-TW') => {
    const page = await openPage(kiosk, `${t.url}/guide?lang=${lang}`, { size: { width: 1080, height: 1920 } });
    await page.getByTestId('guide-tab-map').waitFor();
    return page;
  };
  const audit = async (action: string) => (await admin.get<{ entries: AuditEntry[] }>(`${ROUTES.listAudit.path}?action=${action}`)).body.entries;

  beforeAll(async () => {
    t = await startTestLobby({ rendererDir: rendererCopy, siteId: site.id });
    admin = await createFirstAdmin(t);
    expect((await admin.post(ROUTES.createUser.path, { ...DESK, roles: ['desk'] })).status).toBe(201);
    // axe is injected by the test only (the lobby's CSP refuses it).
    const desk = await signedInContext(browser, t.url, DESK, { bypassCSP: true });
    staff = await openPage(desk, `${t.url}/staff`, { size: { width: 1600, height: 1000 } });
    await staff.getByTestId('tab-guide').click();
    await staff.getByTestId('guide-panel').waitFor();
    kiosk = await browser.newContext({ locale: 'zh-TW' });
    await kiosk.addCookies([t.kioskCookie]);
  });
  afterAll(async () => {
    await kiosk?.close();
    await t?.stop();
  });

  it('an FAQ entry is edited in a form (zh and en side by side), a blank field is told in both languages at the field, and the guide shows the change', async () => {
    await staff.getByTestId('guide-section-faq').click();
    // forms, not JSON
    expect(await staff.locator('textarea.guide-panel__json, [data-testid="guide-json"]').count()).toBe(0);
    const row = staff.getByTestId(`guide-faq-item-${site.faq.index}`);
    expect(await row.innerText()).toContain(site.faq.was);
    await staff.getByTestId(`guide-faq-item-${site.faq.index}-edit`).click();
    expect(await staff.getByTestId('gf-q-zh').inputValue()).toBe(site.faq.was);
    // both languages side by side: the English box to the right of the Chinese one, on the same line
    const zhBox = (await staff.getByTestId('gf-q-zh').boundingBox())!;
    const enBox = (await staff.getByTestId('gf-q-en').boundingBox())!;
    expect(enBox.x).toBeGreaterThan(zhBox.x + zhBox.width);
    expect(Math.abs(enBox.y - zhBox.y)).toBeLessThan(2);

    await staff.getByTestId('gf-q-zh').fill(site.faq.q.zh);
    await staff.getByTestId('gf-q-en').fill(site.faq.q.en);
    await staff.getByTestId('gf-a-en').fill('');
    await staff.getByTestId('guide-save').click();
    // refused before sending: the field says what is wrong, both ways; the row counts it
    const problem = staff.getByTestId('gf-a').getByTestId('guide-field-error');
    await problem.waitFor();
    expect(await problem.innerText()).toBe('請填寫 Required');
    expect(await staff.getByTestId('gf-a-en').getAttribute('aria-invalid')).toBe('true');
    expect(await staff.getByTestId(`guide-faq-item-${site.faq.index}-problems`).innerText()).toBe('1 處待修正 1 field to fix');
    expect(await staff.getByTestId('guide-problems').innerText()).toContain('尚有 1 處待修正');
    expect(await audit('guide.')).toEqual([]);
    await snap(staff, `guide-editor-faq-problem-${site.id}`);
    const violations = await axeViolations(staff, { pointerAway: true });
    expect(violations, axeReport(violations)).toEqual([]);

    await staff.getByTestId('gf-a-en').fill('Yes: ask at the desk on the day, with your summons.');
    expect(await staff.getByTestId('guide-problems').count()).toBe(0);
    await staff.getByTestId('guide-save').click();
    await staff.getByTestId('guide-saved').waitFor();
    expect(await staff.getByTestId('guide-saved').innerText()).toMatch(/已儲存「常見問題」.*FAQ saved/);
    expect(await staff.getByTestId('guide-edited').innerText()).toMatch(/民國\d+年\d+月\d+日 \d\d:\d\d 由 desk1 修改/);
    await snap(staff, `guide-editor-faq-saved-${site.id}`);

    // the public guide shows it, in both languages
    for (const lang of ['zh-TW', 'en'] as const) {
      const page = await guide(lang);
      await page.getByTestId('guide-tab-faq').click();
      const item = page.getByTestId(`faq-${site.faq.id}`);
      const text = await item.innerText();
      expect(text).toContain(site.faq.q.zh);
      expect(text).toContain(site.faq.q.en);
      expect(text).toContain('Yes: ask at the desk on the day');
      expect(text.indexOf(lang === 'en' ? site.faq.q.en : site.faq.q.zh)).toBe(0);
      await item.scrollIntoViewIfNeeded();
      await snap(page, `guide-editor-faq-on-guide-${site.id}-${lang}`);
      expect(page.errors).toEqual([]);
      await page.close();
    }
    const [entry] = await audit('guide.section.update');
    expect(entry!.actor).toBe('desk1');
    expect(entry!.target).toBe('guide:faq');
  });

  it('a question is added with a new topic, moved up and another removed; the kiosk shows the topic as a chip', async () => {
    await staff.getByTestId('guide-section-faq').click();
    const before = await staff.locator('[data-testid^="guide-faq-item-"][data-testid$="-edit"]').count();
    await staff.getByTestId('guide-faq-item-add').click();
    const added = before;
    await staff.getByTestId('gf-q-zh').fill('大廳有免費無線網路嗎？');
    await staff.getByTestId('gf-q-en').fill('Is there free Wi-Fi in the lobby?');
    await staff.getByTestId('gf-a-zh').fill('有，網路名稱與密碼請洽服務台。');
    await staff.getByTestId('gf-a-en').fill('Yes; ask at the desk for the network name and password.');
    await staff.getByTestId('gf-topic-add').click();
    await staff.getByTestId('gf-topic-0-zh').fill('設施');
    await staff.getByTestId('gf-topic-0-en').fill('Facilities');
    expect(await staff.getByTestId('guide-unsaved-faq').innerText()).toContain('未儲存 Unsaved');
    await staff.getByTestId(`guide-faq-item-${added}-up`).click();
    expect(await staff.getByTestId(`guide-faq-item-${added - 1}`).innerText()).toContain('大廳有免費無線網路嗎？');
    // remove the first question
    const first = (await staff.getByTestId('guide-faq-item-0').innerText()).split('\n').find((l) => /\p{Script=Han}/u.test(l))!;
    await staff.getByTestId('guide-faq-item-0-remove').click();
    expect(await staff.getByTestId('guide-faq-item-0').innerText()).not.toContain(first.trim());
    await snap(staff, `guide-editor-faq-added-${site.id}`);
    await staff.getByTestId('guide-save').click();
    await staff.getByTestId('guide-saved').waitFor();

    const page = await guide('zh-TW');
    await page.getByTestId('guide-tab-faq').click();
    const ids = await page.locator('.faq-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(ids).toHaveLength(before);
    expect(ids.at(-2)).toMatch(/^faq-faq-\d+$/);
    await page.locator('[data-topic="設施"]').click();
    expect(await page.locator('.faq-item').count()).toBe(1);
    expect(await page.locator('.faq-item').innerText()).toContain('大廳有免費無線網路嗎？');
    await snap(page, `guide-editor-topic-on-guide-${site.id}`);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('an office gets a new name, another floor from the list and a place tapped on the map; the guide shows it there with the way (zh, en)', async () => {
    await staff.getByTestId('guide-section-offices').click();
    const { office } = site;
    // an office a procedure sends people to cannot just vanish: the form says which step
    if (site.usedOffice.step) {
      await staff.getByTestId(`guide-office-item-${site.usedOffice.index}-remove`).click();
      const notice = await staff.getByTestId('guide-office-notice').innerText();
      expect(notice).toContain('無法刪除');
      expect(notice).toContain(site.usedOffice.step);
      expect(notice).toContain('Cannot remove');
    }
    await staff.getByTestId(`guide-office-item-${office.index}-edit`).click();
    await staff.getByTestId('gf-name-zh').fill(office.name.zh);
    await staff.getByTestId('gf-name-en').fill(office.name.en);
    await staff.getByTestId('gf-floor').selectOption(office.to);
    const map = staff.getByTestId('gf-map');
    expect(await map.getAttribute('data-floor')).toBe(office.to);
    // tap the map where the office should be: map units → screen (the floor is 1000 × 600)
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    const scale = box.width / 1000;
    await map.click({ position: { x: office.tap.x * scale, y: office.tap.y * scale } });
    await expect.poll(async () => Number(await staff.getByTestId('gf-x').inputValue())).toBeCloseTo(office.box.x, -1);
    expect(Number(await staff.getByTestId('gf-y').inputValue())).toBeCloseTo(office.box.y, -1);
    // the box on the map moved with it: the tap lies inside
    const drawn = staff.getByTestId('gf-map-office').locator('rect');
    const [x, y, w, h] = await Promise.all(['x', 'y', 'width', 'height'].map(async (a) => Number(await drawn.getAttribute(a))));
    expect(office.tap.x).toBeGreaterThanOrEqual(x!);
    expect(office.tap.x).toBeLessThanOrEqual(x! + w!);
    expect(office.tap.y).toBeGreaterThanOrEqual(y!);
    expect(office.tap.y).toBeLessThanOrEqual(y! + h!);
    // or typed: x/y fields move the preview
    await staff.getByTestId('gf-x').fill(String(office.box.x));
    await staff.getByTestId('gf-y').fill(String(office.box.y));
    expect(Number(await drawn.getAttribute('x'))).toBe(office.box.x);
    await snap(staff, `guide-editor-office-${site.id}`);
    const violations = await axeViolations(staff, { pointerAway: true });
    expect(violations, axeReport(violations)).toEqual([]);
    await staff.getByTestId('guide-save').click();
    await staff.getByTestId('guide-saved').waitFor();
    expect(await staff.getByTestId(`guide-office-item-${office.index}`).innerText()).toContain(office.toZh);

    for (const lang of ['zh-TW', 'en'] as const) {
      const page = await guide(lang);
      const button = page.getByTestId(`office-${office.id}`);
      const label = await button.innerText();
      expect(label).toContain(lang === 'en' ? office.toEn : office.toZh);
      expect(label).toContain(office.name.zh);
      expect(label).toContain(office.name.en);
      await button.click();
      await expect.poll(() => page.getByTestId('office-card').getAttribute('data-office')).toBe(office.id);
      const way = await page.getByTestId('route-summary').innerText();
      expect(way).toContain(office.way.zh);
      expect(way).toContain(office.way.en);
      await page.getByTestId(`leg-${office.to}`).click();
      const shape = page.getByTestId(`map-office-${office.id}`);
      expect(await shape.locator('rect').getAttribute('x')).toBe(String(office.box.x));
      expect(await shape.locator('rect').getAttribute('y')).toBe(String(office.box.y));
      expect(await shape.getAttribute('data-selected')).toBe('true');
      await snap(page, `guide-editor-office-on-guide-${site.id}-${lang}`);
      expect(page.errors).toEqual([]);
      await page.close();
    }
    expect((await audit('guide.section.update')).map((e) => e.target)).toContain('guide:offices');
  });

  it('a procedure gets a new step (what to do, at which office, how long), moved up a place; the guide walks through it', async () => {
    await staff.getByTestId('guide-section-procedures').click();
    await staff.getByTestId('guide-procedure-item-0-edit').click();
    const steps = await staff.locator('[data-testid^="gf-step-"][data-testid$="-text"]').count();
    await staff.getByTestId('gf-step-add').click();
    const n = steps;
    await staff.getByTestId(`gf-step-${n}-text-zh`).fill('到服務台領取號碼牌');
    await staff.getByTestId(`gf-step-${n}-text-en`).fill('Take a number at the information desk');
    const office = await staff.getByTestId(`gf-step-${n}-office`).locator('option').nth(1).getAttribute('value');
    await staff.getByTestId(`gf-step-${n}-office`).selectOption(office!);
    await staff.getByTestId(`gf-step-${n}-minutes`).fill('5');
    await staff.getByTestId(`gf-step-${n}-up`).click();
    expect(await staff.getByTestId(`gf-step-${n - 1}-text-zh`).inputValue()).toBe('到服務台領取號碼牌');
    await snap(staff, `guide-editor-procedure-${site.id}`);
    await staff.getByTestId('guide-save').click();
    await staff.getByTestId('guide-saved').waitFor();

    const page = await guide('en');
    await page.getByTestId('guide-tab-procedures').click();
    await page.locator('[data-testid^="procedure-"]').first().click();
    for (let i = 1; i < n; i++) await page.getByTestId('step-next').click();
    const card = page.getByTestId('step-card');
    expect(await card.innerText()).toContain(`Step ${n} of ${n + 1}`);
    expect(await card.innerText()).toContain('Take a number at the information desk');
    expect(await card.innerText()).toContain('到服務台領取號碼牌');
    expect(await card.innerText()).toContain('About 5 min');
    await page.getByTestId('step-show-map').click();
    await expect.poll(() => page.getByTestId('office-card').getAttribute('data-office')).toBe(office);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('Reset puts a section back to the site file (asked once more first), and the guide follows', async () => {
    await staff.getByTestId('guide-section-faq').click();
    await staff.getByTestId('guide-reset').click();
    expect(await staff.getByTestId('guide-reset-confirm').isVisible()).toBe(true);
    await staff.getByTestId('guide-reset-confirm').click();
    await expect.poll(() => staff.getByTestId('guide-edited').innerText()).toContain('使用站台預設內容');
    expect(await staff.getByTestId(`guide-faq-item-${site.faq.index}`).innerText()).toContain(site.faq.was);
    const page = await guide();
    await page.getByTestId('guide-tab-faq').click();
    expect(await page.getByTestId(`faq-${site.faq.id}`).innerText()).toContain(site.faq.was);
    await page.close();
    expect((await audit('guide.section.reset')).map((e) => e.target)).toEqual(['guide:faq']);
    expect(staff.errors).toEqual([]);
  });
});
