/**
 * Admin by what staff know, not by developer knowledge (issue 17), in the
 * staff console: a clerk imports a CSV that names 第一偵查庭 (an unknown room
 * is refused naming the row and the site's rooms), corrects a hearing's time
 * and the corridor TV follows; a bailiff takes back a 庭畢 tapped too soon;
 * a bailiff corrects and deletes a new detainee's record. Each leaves an
 * audit row; the public boards stay masked.
 *
 * The lobby runs on a fixed clock: Thursday 26 November 2026, 09:00 in Taipei.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ROUTES, type AuditEntry } from '../../core/contract';
import { manualClock } from '../../core/store/clock';
import { axeReport, axeViolations, copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, signedInContext, snap, type PageWithErrors } from '../helpers/browser';
import { createFirstAdmin, startTestLobby, type HttpClient, type TestLobby } from '../helpers/lobby';

const CLERK = { username: 'lin', displayName: '林書記官', password: 'clerk-password-1', roles: ['clerk'] };
const BAILIFF = { username: 'wu', displayName: '吳法警', password: 'bailiff-password-1', roles: ['bailiff'] };
const DAY = '2026-11-26';
const CASE_A = '115年度偵字第1234號'; // 第一偵查庭 09:30
const CASE_B = '115年度偵字第2001號'; // Investigation Court 2 10:00
const HEADER = '日期,時間,法庭,案號,股別,檢察官,到庭人';
const GOOD_CSV = [HEADER, `${DAY},09:30,第一偵查庭,${CASE_A},信,張正義,王小明(被告):A1B2C3`, `${DAY},10:00,Investigation Court 2,${CASE_B},義,張正義,李大同(被告)`].join('\n');
const BAD_CSV = [HEADER, `${DAY},09:30,第一偵查庭,${CASE_A},信,張正義,王小明(被告)`, `${DAY},10:00,第九偵查庭,${CASE_B},義,張正義,李大同(被告)`].join('\n');

let t: TestLobby;
let rendererCopy = '';
let browser: Browser;
let admin: HttpClient;
let clerk: PageWithErrors;
let bailiff: PageWithErrors;
let roomTv: PageWithErrors;
let detaineesTv: PageWithErrors;

const open = (context: BrowserContext, path: string, size: { width: number; height: number }) => openPage(context, t.url + path, { size, ignoreConsole: /status of 4\d\d/ });
const pageText = (page: Page) => page.evaluate(() => document.body.innerText);

/** Seen whole: scrolled into view, inside the viewport, its text not cut by its own box. */
async function seenWhole(el: Locator): Promise<void> {
  await el.scrollIntoViewIfNeeded();
  const box = await el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, vw: innerWidth, vh: innerHeight, cut: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1 };
  });
  expect(box.top, 'top in view').toBeGreaterThanOrEqual(0);
  expect(box.left, 'left in view').toBeGreaterThanOrEqual(0);
  expect(box.bottom, 'bottom in view').toBeLessThanOrEqual(box.vh);
  expect(box.right, 'right in view').toBeLessThanOrEqual(box.vw);
  expect(box.cut, 'text not cut').toBe(false);
}

const audit = async (action: string) => (await admin.get<{ entries: AuditEntry[] }>(ROUTES.listAudit.path)).body.entries.filter((e) => e.action === action);

beforeAll(async () => {
  rendererCopy = await copyBuiltRenderer();
  t = await startTestLobby({ clock: manualClock(`${DAY}T09:00:00+08:00`), rendererDir: rendererCopy });
  admin = await createFirstAdmin(t);
  for (const u of [CLERK, BAILIFF]) expect((await admin.post(ROUTES.createUser.path, u)).status).toBe(201);
  browser = await launchBrowser();
  clerk = await open(await signedInContext(browser, t.url, CLERK, { bypassCSP: true }), '/staff', { width: 1280, height: 800 });
  bailiff = await open(await signedInContext(browser, t.url, BAILIFF, { bypassCSP: true }), '/staff', { width: 1280, height: 800 });
  const tv = await browser.newContext({ locale: 'zh-TW' });
  roomTv = await open(tv, '/hearings/r1', { width: 1920, height: 1080 });
  detaineesTv = await open(tv, '/detainees', { width: 1920, height: 1080 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  removeRendererCopy(rendererCopy);
});

describe('hearings, by courtroom name', () => {
  it('a CSV naming 第九偵查庭 is refused with its row and this site’s rooms in both languages; one naming 第一偵查庭 imports', async () => {
    await clerk.getByTestId('hearings-panel').waitFor();
    await clerk.getByTestId('hearings-empty').waitFor();
    // The file's columns say the room is written by its name.
    expect(await clerk.getByTestId('import-columns').textContent()).toContain('第一偵查庭 / Investigation Court 1');

    await clerk.getByTestId('hearings-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
    const refused = clerk.getByTestId('import-refused-row');
    await refused.waitFor();
    expect(await refused.getAttribute('data-row')).toBe('3');
    const why = (await refused.textContent())!;
    expect(why).toContain('第 3 列 Row 3');
    expect(why).toContain('第九偵查庭');
    for (const room of ['第一偵查庭 (Investigation Court 1)', '第二偵查庭 (Investigation Court 2)', '第三偵查庭 (Investigation Court 3)', '第四偵查庭 (Investigation Court 4)']) {
      expect(why).toContain(room);
    }
    await seenWhole(refused);
    await snap(clerk, 'court-edit-import-refused-room');

    await clerk.getByTestId('hearings-file').setInputFiles({ name: 'day.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV) });
    await expect.poll(() => clerk.getByTestId('import-result').textContent()).toContain('匯入 2 筆');
    await clerk.locator(`[data-testid="staff-room-r1"] [data-case="${CASE_A}"]`).waitFor();
    await clerk.locator(`[data-testid="staff-room-r2"] [data-case="${CASE_B}"]`).waitFor();
    await snap(clerk, 'court-edit-imported-by-name');
    expect((await audit('hearings.import')).length).toBe(1);
    expect(clerk.errors).toEqual([]);
  });

  it('a clerk corrects a hearing’s time in the console; the /hearings/r1 TV shows the new time, names still masked', async () => {
    await expect.poll(() => roomTv.getByTestId('room-r1-next').textContent(), { timeout: 10_000 }).toContain(CASE_A);
    expect(await roomTv.getByTestId('room-r1-next').textContent()).toContain('09:30');

    const row = clerk.locator(`[data-case="${CASE_A}"]`);
    const edit = row.getByRole('button', { name: '修改 Edit' });
    await seenWhole(edit);
    await edit.click();
    const form = row.locator('[data-testid^="hearing-edit-"]').first();
    await form.waitFor();
    // The room is chosen by its name, in both languages; the form holds what is stored.
    const rooms = await form.locator('select[name="courtroom"] option').allTextContents();
    expect(rooms).toContain('第一偵查庭 Investigation Court 1');
    expect(await form.locator('select[name="courtroom"]').inputValue()).toBe('r1');
    expect(await form.locator('input[name="caseNumber"]').inputValue()).toBe(CASE_A);
    expect(await form.locator('input[name="person-0-name"]').inputValue()).toBe('王小明');
    await form.locator('input[name="time"]').fill('10:45');
    await seenWhole(form.getByRole('button', { name: '儲存修改 Save changes' }));
    const violations = await axeViolations(clerk, { pointerAway: true });
    expect(violations, axeReport(violations)).toEqual([]);
    await snap(clerk, 'court-edit-hearing-form');
    await form.getByRole('button', { name: '儲存修改 Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => row.locator('.hearing__time').textContent()).toBe('10:45');
    await snap(clerk, 'court-edit-hearing-saved');

    await expect.poll(() => roomTv.getByTestId('room-r1-next').textContent(), { timeout: 10_000 }).toContain('10:45');
    const tv = await pageText(roomTv);
    expect(tv).not.toContain('09:30');
    expect(tv).toContain('王○明');
    expect(tv).not.toContain('王小明');
    await snap(roomTv, 'court-edit-tv-new-time');

    const [entry] = await audit('hearing.update');
    expect(entry).toMatchObject({ actor: CLERK.username });
    expect(JSON.parse(entry!.detail)).toMatchObject({ caseNumber: CASE_A, changed: ['time'], from: { time: '09:30' }, to: { time: '10:45' } });
    expect(entry!.detail).not.toContain('王小明');
    expect(clerk.errors).toEqual([]);
  });

  it('a bailiff takes back a 庭畢 tapped too soon: the hearing is in session again, on the console and on the TV', async () => {
    const row = bailiff.locator(`[data-case="${CASE_A}"]`);
    await bailiff.getByTestId('tab-hearings').click();
    await row.waitFor();
    // A bailiff moves hearings but does not correct or delete them.
    expect(await row.getByRole('button', { name: '修改 Edit' }).count()).toBe(0);
    await row.locator('.hearing__actions [data-testid$="-in_session"]').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('in_session');
    await expect.poll(() => roomTv.getByTestId('current-case').textContent(), { timeout: 10_000 }).toBe(CASE_A);
    await row.locator('.hearing__actions [data-testid$="-finished"]').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('finished');
    await expect.poll(() => roomTv.getByTestId('room-r1-current').textContent(), { timeout: 10_000 }).toContain('目前無開庭');

    const undo = row.getByRole('button', { name: '復原：開庭中 Undo: back in session' });
    await seenWhole(undo);
    expect(await row.getByRole('button', { name: '復原：候訊 Undo: back to waiting' }).count()).toBe(1);
    await snap(bailiff, 'court-edit-undo-offered');
    await undo.click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('in_session');
    await expect.poll(() => roomTv.getByTestId('current-case').textContent(), { timeout: 10_000 }).toBe(CASE_A);
    expect(await roomTv.getByTestId('current-state').getAttribute('data-state')).toBe('in_session');
    await snap(bailiff, 'court-edit-undone');
    await snap(roomTv, 'court-edit-tv-undone');

    const [entry] = await audit('hearing.undo');
    expect(entry).toMatchObject({ actor: BAILIFF.username });
    expect(JSON.parse(entry!.detail)).toEqual({ caseNumber: CASE_A, from: 'finished', to: 'in_session' });
    expect(bailiff.errors).toEqual([]);
  });
});

describe('new detainees, corrected and deleted', () => {
  it('a bailiff corrects a name and time; the /detainees TV shows the new masked name, never the offence', async () => {
    await bailiff.getByTestId('tab-detainees').click();
    await bailiff.getByTestId('detainee-form').waitFor();
    const record = async (name: string, at: string, offence: string) => {
      await bailiff.locator('input[name="name"]').fill(name);
      await bailiff.locator('input[name="broughtAt"]').fill(at);
      await bailiff.locator('input[name="agency"]').fill('臺東縣警察局臺東分局');
      await bailiff.locator('input[name="offence"]').fill(offence);
      await bailiff.getByTestId('detainee-submit').click();
      await expect.poll(() => bailiff.getByTestId('detainee-saved').textContent()).toContain(name);
    };
    await record('張三丰', '08:40', '竊盜');
    await record('司馬中原', '08:50', '詐欺');
    await expect.poll(() => pageText(detaineesTv), { timeout: 10_000 }).toContain('張○丰');

    const row = bailiff.locator('[data-testid^="staff-detainee-"]', { hasText: '張三丰' });
    const id = (await row.getAttribute('data-testid'))!.replace('staff-detainee-', '');
    await seenWhole(row.getByRole('button', { name: '修改 Edit' }));
    await row.getByRole('button', { name: '修改 Edit' }).click();
    const form = bailiff.getByTestId(`detainee-edit-${id}`);
    await form.waitFor();
    expect(await form.locator(`input[name="offence-${id}"]`).inputValue()).toBe('竊盜');
    await form.locator(`input[name="name-${id}"]`).fill('張三豐');
    await form.locator(`input[name="broughtAt-${id}"]`).fill('08:10');
    await seenWhole(form.getByRole('button', { name: '儲存修改 Save changes' }));
    const violations = await axeViolations(bailiff, { pointerAway: true });
    expect(violations, axeReport(violations)).toEqual([]);
    await snap(bailiff, 'court-edit-detainee-form');
    await form.getByRole('button', { name: '儲存修改 Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    const fixed = bailiff.getByTestId(`staff-detainee-${id}`);
    await expect.poll(() => fixed.textContent()).toContain('張三豐');
    expect(await fixed.textContent()).toContain('08:10');
    await snap(bailiff, 'court-edit-detainee-saved');

    await expect.poll(() => pageText(detaineesTv), { timeout: 10_000 }).toContain('張○豐');
    const tv = await pageText(detaineesTv);
    expect(tv).not.toContain('張○丰');
    for (const secret of ['張三豐', '司馬中原', '竊盜', '詐欺']) expect(tv).not.toContain(secret);
    await snap(detaineesTv, 'court-edit-detainees-tv-corrected');

    const [entry] = await audit('detainee.update');
    expect(entry).toMatchObject({ actor: BAILIFF.username, target: `detainee:${id}` });
    expect(JSON.parse(entry!.detail)).toMatchObject({ name: '張○豐', changed: ['name', 'broughtAt'] });
    expect(bailiff.errors).toEqual([]);
  });

  it('a bailiff deletes a record entered by mistake with two taps; it leaves the console and the TV', async () => {
    const row = bailiff.locator('[data-testid^="staff-detainee-"]', { hasText: '司馬中原' });
    const id = (await row.getAttribute('data-testid'))!.replace('staff-detainee-', '');
    const del = bailiff.getByTestId(`detainee-delete-${id}`);
    await del.click();
    expect(await del.textContent()).toBe('確定刪除此筆紀錄？ Tap again to delete it');
    await seenWhole(del);
    await snap(bailiff, 'court-edit-detainee-delete-confirm');
    expect(await bailiff.getByTestId(`staff-detainee-${id}`).count()).toBe(1);
    await del.click();
    await bailiff.getByTestId(`staff-detainee-${id}`).waitFor({ state: 'detached' });
    expect(await bailiff.getByTestId('detainee-list').textContent()).toContain('張三豐');
    await expect.poll(() => pageText(detaineesTv), { timeout: 10_000 }).not.toContain('司馬○原');
    expect(await pageText(detaineesTv)).toContain('張○豐');
    await snap(bailiff, 'court-edit-detainee-deleted');
    await snap(detaineesTv, 'court-edit-detainees-tv-deleted');

    const [entry] = await audit('detainee.delete');
    expect(entry).toMatchObject({ actor: BAILIFF.username, target: `detainee:${id}` });
    expect(JSON.parse(entry!.detail)).toMatchObject({ name: '司馬○原' });
    expect(entry!.detail).not.toContain('司馬中原');
    expect(bailiff.errors).toEqual([]);
  });
});

describe('at the prison (花蓮監獄), with its own stages', () => {
  it('a bailiff corrects and deletes a record; the board follows, masked', async () => {
    const prison = await startTestLobby({ siteId: 'hualien-prison', clock: manualClock(`${DAY}T09:00:00+08:00`), rendererDir: rendererCopy });
    try {
      const prisonAdmin = await createFirstAdmin(prison);
      expect((await prisonAdmin.post(ROUTES.createUser.path, BAILIFF)).status).toBe(201);
      const made = await (async () => {
        const ctx = await signedInContext(browser, prison.url, BAILIFF);
        const page = await openPage(ctx, `${prison.url}/staff`, { size: { width: 1280, height: 800 } });
        await page.getByTestId('tab-detainees').click();
        await page.getByTestId('detainee-form').waitFor();
        await page.locator('input[name="name"]').fill('歐陽小明');
        await page.locator('input[name="broughtAt"]').fill('08:30');
        await page.locator('input[name="agency"]').fill('花蓮縣警察局花蓮分局');
        await page.getByTestId('detainee-submit').click();
        await expect.poll(() => page.getByTestId('detainee-saved').textContent()).toContain('歐陽小明');
        return page;
      })();
      const tv = await openPage(await browser.newContext({ locale: 'zh-TW' }), `${prison.url}/detainees`, { size: { width: 1920, height: 1080 } });
      await expect.poll(() => pageText(tv), { timeout: 10_000 }).toContain('歐陽○明');

      const row = made.locator('[data-testid^="staff-detainee-"]', { hasText: '歐陽小明' });
      const id = (await row.getAttribute('data-testid'))!.replace('staff-detainee-', '');
      await row.getByRole('button', { name: '修改 Edit' }).click();
      await made.getByTestId(`detainee-edit-${id}`).locator(`input[name="name-${id}"]`).fill('歐陽大華');
      await made.getByTestId(`detainee-save-${id}`).click();
      await expect.poll(() => made.getByTestId(`staff-detainee-${id}`).textContent()).toContain('歐陽大華');
      await expect.poll(() => pageText(tv), { timeout: 10_000 }).toContain('歐陽○華');
      expect(await pageText(tv)).not.toContain('歐陽大華');
      expect(await pageText(tv)).not.toContain('歐陽○明');
      await snap(made, 'court-edit-prison-detainee-corrected');

      await made.getByTestId(`detainee-delete-${id}`).click();
      await made.getByTestId(`detainee-delete-${id}`).click();
      await made.getByTestId(`staff-detainee-${id}`).waitFor({ state: 'detached' });
      await expect.poll(() => pageText(tv), { timeout: 10_000 }).not.toContain('歐陽○華');
      await snap(tv, 'court-edit-prison-board-after-delete');
      const actions = (await prisonAdmin.get<{ entries: AuditEntry[] }>(ROUTES.listAudit.path)).body.entries.map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['detainee.record', 'detainee.update', 'detainee.delete']));
      expect([...made.errors, ...tv.errors]).toEqual([]);
    } finally {
      await prison.stop();
    }
  });
});
