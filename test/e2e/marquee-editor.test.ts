/**
 * The staff marquee editor in the browser, on both sample sites: two new
 * messages saved in a row are two messages (the second once replaced the
 * first, the form having turned into "編輯訊息 #1"); the heading says whether
 * the form writes a new message or edits one, and only a row's Edit button
 * edits; a message too long for a chosen LED sign is flagged beside the text,
 * in zh and en, before it is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ROUTES, type MarqueeMessage } from '../../core/contract';
import { axeViolations, copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, signedInContext, snap, type PageWithErrors } from '../helpers/browser';
import { createFirstAdmin, startTestLobby, type HttpClient, type TestLobby } from '../helpers/lobby';

const DESK = { username: 'desk1', displayName: '服務台 林小姐', password: 'desk-password-1' };
const FIRST = { zh: '本署自十二月一日起延長服務時間至晚上七點', en: 'From 1 December the office stays open until 7 p.m.' };
const SECOND = { zh: '停車場整修期間請改停第二停車場', en: 'While the car park is repaired, please use car park 2' };
/** Longer than an Onbon BX area holds (242 such characters fit). */
const TOO_LONG = '本署為維護洽公民眾權益，'.repeat(24).slice(0, 290);

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
  { id: 'taitung-prosecutors', onbon: 'lobby-led' },
  { id: 'hualien-prison', onbon: 'visit-led' },
] as const;

describe.each(SITES)('the marquee editor at $id', ({ id: siteId, onbon }) => {
  let t: TestLobby;
  let admin: HttpClient;
  let staff: PageWithErrors;

  const messages = async () => (await admin.get<{ messages: MarqueeMessage[] }>(ROUTES.listMarquee.path)).body.messages;
  const heading = async () => (await staff.locator('#mq-form-title').innerText()).replace(/\s+/g, ' ').trim();

  async function write(text: { zh: string; en: string }): Promise<void> {
    await staff.getByTestId('marquee-zh').fill(text.zh);
    await staff.getByTestId('marquee-en').fill(text.en);
    await staff.getByTestId('marquee-save').click();
    await staff.getByTestId('marquee-saved').waitFor();
  }

  beforeAll(async () => {
    t = await startTestLobby({ rendererDir: rendererCopy, siteId });
    admin = await createFirstAdmin(t);
    expect((await admin.post(ROUTES.createUser.path, { ...DESK, roles: ['desk'] })).status).toBe(201);
    const desk = await signedInContext(browser, t.url, DESK, { bypassCSP: true });
    staff = await openPage(desk, `${t.url}/staff`, { size: { width: 1600, height: 1000 } });
    await staff.getByTestId('tab-marquee').click();
    await staff.getByTestId('marquee-form').waitFor();
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('two new messages saved in a row are two messages; the first is unchanged', async () => {
    expect(await heading()).toBe('新增訊息 New message');
    await write(FIRST);
    // blank and new again, saying what was created
    expect(await heading()).toBe('新增訊息 New message');
    expect(await staff.getByTestId('marquee-form').getAttribute('data-editing')).toBe('');
    expect(await staff.getByTestId('marquee-zh').inputValue()).toBe('');
    expect(await staff.getByTestId('marquee-en').inputValue()).toBe('');
    expect(await staff.getByTestId('marquee-saved').textContent()).toMatch(/已新增訊息 #1.*Message #1 created/);
    expect(await staff.getByTestId('marquee-save').textContent()).toContain('新增訊息 Create message');
    await snap(staff, `marquee-editor-${siteId}-after-first-save`);

    await write(SECOND);
    const list = await messages();
    expect(list.map((m) => [m.id, m.zh, m.en]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, FIRST.zh, FIRST.en],
      [2, SECOND.zh, SECOND.en],
    ]);
    await staff.getByTestId('marquee-row-2').waitFor();
    expect(await staff.getByTestId('marquee-row-1').textContent()).toContain(FIRST.zh);
    expect(await staff.getByTestId('marquee-row-2').textContent()).toContain(SECOND.zh);
    expect(await heading()).toBe('新增訊息 New message');
    await staff.getByTestId('marquee-list').screenshot({ path: `test-results/screens/marquee-editor-${siteId}-two-messages.png` });
  });

  it('only the Edit button edits: the heading names the message, and leaving it makes a new one again', async () => {
    await staff.getByTestId('marquee-edit-1').click();
    expect(await heading()).toBe('編輯訊息 #1 Edit message #1');
    expect(await staff.getByTestId('marquee-zh').inputValue()).toBe(FIRST.zh);
    expect(await staff.getByTestId('marquee-save').textContent()).toContain('儲存變更 Save changes');
    expect(await staff.getByTestId('marquee-row-1').getAttribute('class')).toContain('mq-row--editing');
    await snap(staff, `marquee-editor-${siteId}-editing`);
    await staff.getByTestId('marquee-cancel').click();
    expect(await heading()).toBe('新增訊息 New message');
    expect(await staff.getByTestId('marquee-zh').inputValue()).toBe('');
  });

  it('a message too long for a chosen sign is flagged beside the text, before it is saved', async () => {
    const sign = (await (await fetch(`${t.url}${ROUTES.site.path}`)).json()) as { signs: { id: string; name: { zh: string; en: string } }[] };
    const name = sign.signs.find((s) => s.id === onbon)!.name;
    await staff.getByTestId('marquee-zh').fill(TOO_LONG);
    await staff.getByTestId('marquee-en').fill('Notice');
    const warning = staff.getByTestId('marquee-cut-warning');
    await warning.waitFor({ timeout: 10_000 });
    expect((await warning.getAttribute('data-signs'))?.split(',')).toContain(onbon);
    const text = ((await warning.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain(`${name.zh}放不下這則訊息，播放時會被截斷`);
    expect(text).toContain(`Too long for ${name.en}: the sign will cut it.`);

    // Beside the draft: right under the text fields and on screen while the text is typed, not clipped.
    await staff.getByTestId('marquee-en').focus();
    const box = (await warning.boundingBox())!;
    const field = (await staff.getByTestId('marquee-en').boundingBox())!;
    const viewport = staff.viewportSize()!;
    expect(box.y).toBeGreaterThanOrEqual(field.y + field.height);
    expect(box.y - (field.y + field.height)).toBeLessThan(120);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    expect(await warning.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight)).toBe(true);
    expect(await warning.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(16);
    await snap(staff, `marquee-editor-${siteId}-cut-warning`);
    expect(await messages()).toHaveLength(2); // nothing saved yet

    // the sign not chosen: no warning for it
    await staff.getByTestId(`marquee-target-sign-${onbon}`).uncheck();
    await expect.poll(async () => ((await warning.count()) ? ((await warning.getAttribute('data-signs')) ?? '') : '')).not.toContain(onbon);
    await staff.getByTestId(`marquee-target-sign-${onbon}`).check();
    await warning.waitFor();

    // shortened: the warning goes
    await staff.getByTestId('marquee-zh').fill(FIRST.zh);
    await expect.poll(() => warning.count(), { timeout: 10_000 }).toBe(0);
  });

  it('the warning passes axe (contrast, names) and nothing went wrong in the page', async () => {
    await staff.getByTestId('marquee-zh').fill(TOO_LONG);
    await staff.getByTestId('marquee-cut-warning').waitFor({ timeout: 10_000 });
    const violations = await axeViolations(staff);
    const onWarning = violations.filter((v) => v.nodes.some((n) => n.target.join(' ').includes('mq-cut-warning')));
    expect(onWarning).toEqual([]);
    expect(staff.errors.filter((e) => !/WebSocket|Failed to load resource/.test(e))).toEqual([]);
  });
});
