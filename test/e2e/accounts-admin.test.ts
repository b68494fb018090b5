/**
 * A new agency's administrator in the browser, on both sample sites, without reading any
 * code: sets up the first account and lands on the first-run checklist; creates a
 * colleague (the form says what is wrong, in Chinese and English), changes the name and
 * roles, disables and enables the account, resets its password; the colleague signs in
 * with it, changes their own password and signs in with that. The audit log reads as
 * sentences in both languages, filtered and paged. Each role lands on its own first tab,
 * and the checklist follows the lobby's real state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROUTES, pathOf, type PublicSite, type Role } from '../../core/contract';
import { axeReport, axeViolations, copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, signInWithForm, signedInContext, snap, type PageWithErrors } from '../helpers/browser';
import { httpClient, issueTicket, startTestLobby, type HttpClient, type TestLobby } from '../helpers/lobby';

const ADMIN = { username: 'chen', displayName: '陳主任', password: 'a-long-password' };
const LIN = { username: 'lin', displayName: '林小美', password: 'first-password-1' };
const LIN_SIGN_IN = { username: LIN.username, password: LIN.password };
const RESET = 'reset-by-admin-2';
const OWN = 'my-own-password-3';
const SIZE = { width: 1440, height: 1000 };

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

/** The text a person reads in an element, whitespace folded. */
const read = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().innerText()) ?? '').replace(/\s+/g, ' ').trim();

/** The element is whole on screen: inside the viewport and not cut by its own box. */
async function expectWhole(page: Page, testId: string): Promise<void> {
  const el = page.getByTestId(testId).first();
  await el.scrollIntoViewIfNeeded();
  const box = (await el.boundingBox())!;
  const vp = page.viewportSize()!;
  expect(box.x, testId).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, testId).toBeLessThanOrEqual(vp.width + 1);
  const clipped = await el.evaluate((n) => n.scrollWidth > n.clientWidth + 1);
  expect(clipped, `${testId} cut on the right`).toBe(false);
}

async function selectedTab(page: Page): Promise<string | null> {
  await page.locator('[role="tab"][aria-selected="true"]').first().waitFor();
  return page.locator('[role="tab"][aria-selected="true"]').first().getAttribute('data-testid');
}

async function axeClean(page: Page, where: string): Promise<void> {
  const v = await axeViolations(page, { pointerAway: true });
  expect(v, `${where}\n${axeReport(v)}`).toEqual([]);
}

describe.each(['taitung-prosecutors', 'hualien-prison'] as const)('an administrator by forms at %s', (siteId) => {
  let t: TestLobby;
  let admin: HttpClient;
  let adminCtx: BrowserContext;
  let page: PageWithErrors;
  let site: PublicSite;
  const hearings = siteId === 'taitung-prosecutors';

  beforeAll(async () => {
    t = await startTestLobby({ rendererDir: rendererCopy, siteId });
    site = (await (await fetch(t.url + ROUTES.site.path)).json()) as PublicSite;
    adminCtx = await browser.newContext({ locale: 'zh-TW', bypassCSP: true, viewport: SIZE });
  });
  afterAll(async () => {
    await adminCtx?.close();
    await t?.stop();
  });

  it('the first administrator sets up by the one-time link and lands on the checklist, which shows what is left', async () => {
    page = await openPage(adminCtx, `${t.url}/staff?setup=${t.setupCode}`, { ignoreConsole: /status of 4\d\d/ });
    await page.getByTestId('setup-form').waitFor();
    // An empty form says, field by field and in both languages, what is missing.
    await page.locator('input[name="setupCode"]').fill('');
    await page.getByTestId('setup-submit').click();
    expect(await read(page, 'setupCode-problem')).toBe('請輸入設定碼 · Enter the setup code');
    expect(await read(page, 'username-problem')).toBe('請輸入帳號 · Enter a username');
    expect(await read(page, 'password-problem')).toBe('請輸入密碼 · Enter a password');
    await page.locator('input[name="setupCode"]').fill(t.setupCode);
    await page.locator('input[name="username"]').fill(ADMIN.username);
    await page.locator('input[name="displayName"]').fill(ADMIN.displayName);
    await page.locator('input[name="password"]').fill(ADMIN.password);
    await page.getByTestId('setup-submit').click();

    await page.getByTestId('checklist').waitFor();
    admin = httpClient(t.url);
    expect((await admin.post(ROUTES.login.path, { username: ADMIN.username, password: ADMIN.password })).status).toBe(200);
    await admin.refreshCsrf();
    expect(await selectedTab(page)).toBe('tab-overview');
    await page.getByTestId('check-devices').waitFor();
    const done = async (step: string) => page.getByTestId(`check-${step}`).getAttribute('data-done');
    expect(await done('first-admin')).toBe('true');
    expect(await done('other-users')).toBe('false');
    expect(await read(page, 'check-other-users-found')).toBe('目前只有您的帳號 Only your own account so far');
    // The test lobby holds a kiosk credential no kiosk has used yet.
    expect(await done('kiosk')).toBe('false');
    expect(await read(page, 'check-kiosk-found')).toMatch(/^已發出 (\d+) 個取號機憑證，尚未連線 \1 kiosk credentials? issued, none connected yet$/);
    expect(await done('marquee')).toBe('false');
    expect(await done('guide')).toBe('false');
    expect(await page.getByTestId('check-hearings').count()).toBe(hearings ? 1 : 0);
    if (hearings) expect(await done('hearings')).toBe('false');
    expect(await read(page, 'checklist-progress')).toMatch(/^已完成 \d\/\d 項 \d of \d done$/);
    // Each step that is not done offers the tab where it is done.
    expect(await read(page, 'check-other-users-go')).toBe('前往帳號管理 Open Users');
    await expectWhole(page, 'checklist');
    await axeClean(page, 'checklist');
    await snap(page, `accounts-${siteId}-checklist-first-run`);
  });

  it('creates a colleague by form: each wrong field named in both languages, then the account listed', async () => {
    await page.getByTestId('check-other-users-go').click();
    expect(await selectedTab(page)).toBe('tab-users');
    await page.getByTestId('create-user-form').waitFor();
    await page.getByTestId('create-user-form').locator('input[name="username"]').fill('Lin Mei');
    await page.getByTestId('create-user-form').locator('input[name="password"]').fill('short');
    await page.getByTestId('create-user-submit').click();
    expect(await read(page, 'username-problem')).toBe('帳號只能使用小寫英文字母、數字及 . _ - · Use lower-case letters, digits, dot, dash or underscore');
    expect(await read(page, 'displayName-problem')).toBe('請輸入顯示名稱 · Enter a display name');
    expect(await read(page, 'password-problem')).toBe('密碼至少需 10 個字元 · A password needs at least 10 characters');
    expect(await read(page, 'new-roles-problem')).toBe('請至少選一個角色 · Choose at least one role');
    expect(await page.getByTestId('create-user-form').locator('input[name="username"]').getAttribute('aria-invalid')).toBe('true');
    await snap(page, `accounts-${siteId}-create-problems`);

    const form = page.getByTestId('create-user-form');
    await form.locator('input[name="username"]').fill(LIN.username);
    await form.locator('input[name="displayName"]').fill(LIN.displayName);
    await form.locator('input[name="password"]').fill(LIN.password);
    await page.getByTestId('new-role-counter').check();
    await page.getByTestId('create-user-submit').click();
    expect(await read(page, 'create-user-ok')).toBe('已建立帳號 lin · Account lin created');
    await page.getByTestId('user-lin').waitFor();
    expect(await read(page, 'user-lin')).toContain('林小美');
    expect(await read(page, 'user-state-lin')).toBe('啟用中 Enabled');
  });

  it('edits the name and roles, disables (the old sign-in ends) and enables again', async () => {
    const lin = httpClient(t.url);
    expect((await lin.post(ROUTES.login.path, LIN_SIGN_IN)).status).toBe(200);
    await page.getByTestId('edit-lin').click();
    const editor = page.getByTestId('account-editor');
    await editor.waitFor();
    await editor.locator('input[name="displayName"]').fill('林美華');
    await page.getByTestId('edit-role-desk').check();
    await page.getByTestId('account-save').click();
    await page.getByText('已儲存 lin 的變更 · Changes to lin saved').waitFor();
    await page.getByText('林美華').first().waitFor();
    expect(await read(page, 'user-lin')).toMatch(/林美華.*櫃台人員 Counter.*服務台 Information desk/);

    await page.getByTestId('account-disable').click();
    await page.getByText('已停用 lin，其登入已全部登出 · lin disabled and signed out everywhere').waitFor();
    expect(await read(page, 'user-state-lin')).toBe('已停用 Disabled');
    expect((await lin.get<{ user: unknown }>(ROUTES.me.path)).body.user).toBeNull();
    expect((await httpClient(t.url).post(ROUTES.login.path, LIN_SIGN_IN)).status).toBe(401);
    await snap(page, `accounts-${siteId}-disabled`);

    await page.getByTestId('account-enable').click();
    await page.getByText('已重新啟用 lin · lin enabled again').waitFor();
    expect(await read(page, 'user-state-lin')).toBe('啟用中 Enabled');
  });

  it('resets the password (typed twice alike), ending the account’s sessions', async () => {
    const lin = httpClient(t.url);
    expect((await lin.post(ROUTES.login.path, LIN_SIGN_IN)).status).toBe(200);
    const reset = page.getByTestId('account-reset-form');
    await reset.locator('input[name="password"]').fill(RESET);
    await reset.locator('input[name="confirmPassword"]').fill('something-else-9');
    await page.getByTestId('account-reset').click();
    expect(await read(page, 'confirmPassword-problem')).toBe('兩次輸入的新密碼不一致 · The two new passwords differ');
    await reset.locator('input[name="confirmPassword"]').fill(RESET);
    await page.getByTestId('account-reset').click();
    await page.getByText('已重設 lin 的密碼，登出 1 個工作階段 · Password of lin reset; 1 session signed out').waitFor();
    expect((await lin.get<{ user: unknown }>(ROUTES.me.path)).body.user).toBeNull();
    await expectWhole(page, 'account-editor');
    await axeClean(page, 'users tab with the editor');
    await snap(page, `accounts-${siteId}-password-reset`);
  });

  it('the colleague signs in with it, lands on their own work, changes their own password and signs in with that', async () => {
    const ctx = await browser.newContext({ locale: 'zh-TW', bypassCSP: true, viewport: SIZE });
    const linPage = await openPage(ctx, `${t.url}/staff`, { ignoreConsole: /status of 4\d\d/ });
    await signInWithForm(linPage, { username: LIN.username, password: RESET });
    // Signed in elsewhere too (another PC): changing the password ends that one.
    const elsewhere = httpClient(t.url);
    expect((await elsewhere.post(ROUTES.login.path, { username: LIN.username, password: RESET })).status).toBe(200);
    // counter and desk: the counter console first.
    expect(await selectedTab(linPage)).toBe('tab-counter');
    await linPage.getByTestId('tab-account').click();
    const form = linPage.getByTestId('own-password-form');
    await form.waitFor();
    expect(await read(linPage, 'my-account')).toMatch(/林美華.*lin.*櫃台人員 Counter.*服務台 Information desk/);

    await form.locator('input[name="currentPassword"]').fill('not-my-password');
    await form.locator('input[name="newPassword"]').fill(OWN);
    await form.locator('input[name="confirmPassword"]').fill(OWN);
    await linPage.getByTestId('own-password-submit').click();
    expect(await read(linPage, 'own-password-error')).toBe('目前的密碼不正確 / The current password is not correct.');

    await form.locator('input[name="currentPassword"]').fill(RESET);
    await form.locator('input[name="newPassword"]').fill(RESET);
    await form.locator('input[name="confirmPassword"]').fill(RESET);
    await linPage.getByTestId('own-password-submit').click();
    expect(await read(linPage, 'newPassword-problem')).toBe('新密碼不可與目前的密碼相同 · The new password must differ from the current one');

    await form.locator('input[name="currentPassword"]').fill(RESET);
    await form.locator('input[name="newPassword"]').fill(OWN);
    await form.locator('input[name="confirmPassword"]').fill(OWN);
    await linPage.getByTestId('own-password-submit').click();
    // The other sign-in ended; this page's goes on.
    expect(await read(linPage, 'own-password-ok')).toBe('密碼已變更，其他 1 處登入已登出 · Password changed; signed out 1 other session');
    expect((await elsewhere.get<{ user: unknown }>(ROUTES.me.path)).body.user).toBeNull();
    expect(((await (await ctx.request.get(t.url + ROUTES.me.path)).json()) as { user: { username: string } | null }).user?.username).toBe('lin');
    await expectWhole(linPage, 'own-password-form');
    await axeClean(linPage, 'my account');
    await snap(linPage, `accounts-${siteId}-own-password`);

    await linPage.getByTestId('logout').click();
    await signInWithForm(linPage, { username: LIN.username, password: RESET });
    await linPage.getByTestId('login-form').getByRole('alert').waitFor();
    await signInWithForm(linPage, { username: LIN.username, password: OWN });
    expect(await selectedTab(linPage)).toBe('tab-counter');
    expect(await read(linPage, 'staff-user')).toContain('林美華');
    expect(linPage.errors).toEqual([]);
    await ctx.close();
  });

  it('the audit log reads as sentences in both languages, filtered by person, action and day, a page at a time', async () => {
    // Enough rows for a second page: 55 unlocks of lin's sign-in waits (cheap and harmless).
    const lin = (await admin.get<{ users: { id: number; username: string }[] }>(ROUTES.listUsers.path)).body.users.find((u) => u.username === 'lin')!;
    for (let i = 0; i < 55; i++) expect((await admin.post(pathOf(ROUTES.unlockUser, { id: lin.id }), {})).status).toBe(200);

    await page.getByTestId('tab-audit').click();
    await page.getByTestId('audit-row').first().waitFor();
    const total = Number(/^共 (\d+) 筆/.exec(await read(page, 'audit-count'))![1]);
    expect(total).toBeGreaterThan(60);
    expect(await read(page, 'audit-page')).toBe(`第 1/${Math.ceil(total / 50)} 頁 · Page 1 of ${Math.ceil(total / 50)}`);
    expect(await page.getByTestId('audit-row').count()).toBe(50);
    await page.getByTestId('audit-next').click();
    await page.getByText(`第 2/${Math.ceil(total / 50)} 頁`).waitFor();
    await page.getByTestId('audit-prev').click();
    await page.getByText(`第 1/${Math.ceil(total / 50)} 頁`).waitFor();

    // Only account changes: the sentences of this morning's work, newest first.
    await page.getByTestId('audit-action').selectOption('user.');
    await page.getByTestId('audit-apply').click();
    await page.getByText('林○華 變更了自己的密碼，並登出其他 1 個工作階段').waitFor();
    const zh = await page.getByTestId('audit-zh').allInnerTexts();
    const en = await page.getByTestId('audit-en').allInnerTexts();
    expect(zh).toEqual([
      '林○華 變更了自己的密碼，並登出其他 1 個工作階段',
      '林○華 變更密碼失敗：目前的密碼不正確（127.0.0.1）',
      '陳○任 重設 lin 的密碼，並登出其 1 個工作階段',
      '陳○任 重新啟用帳號 lin',
      '陳○任 停用帳號 lin',
      '陳○任 修改帳號 lin：名稱由 林○美 改為 林○華；角色由 櫃台人員 改為 櫃台人員、服務台',
      '陳○任 新增帳號 lin（林○美），角色：櫃台人員',
      '陳○任 完成首次設定，成為第一位系統管理員',
    ]);
    expect(en).toEqual([
      '林○華 changed their own password, ending 1 other session',
      '林○華 could not change their password: wrong current password (from 127.0.0.1)',
      '陳○任 reset the password of lin, ending 1 session',
      '陳○任 enabled the account lin again',
      '陳○任 disabled the account lin',
      '陳○任 changed the account lin: name from 林○美 to 林○華; roles from Counter to Counter, Information desk',
      '陳○任 created the account lin (林○美) with roles: Counter',
      '陳○任 set the lobby up as its first administrator',
    ]);
    // No raw record anywhere on the tab.
    expect(await page.getByTestId('audit-panel').innerText()).not.toMatch(/[{}]|"\w+":/);
    await expectWhole(page, 'audit-table');
    await axeClean(page, 'audit log');
    await snap(page, `accounts-${siteId}-audit-accounts`);

    // One person: lin's own doings only; a day with nothing: no rows, said so.
    await page.getByTestId('audit-action').selectOption('');
    await page.getByTestId('audit-actor').selectOption('lin');
    await page.getByTestId('audit-apply').click();
    await page.getByText('林○華 登出').first().waitFor();
    const who = await page.locator('[data-testid="audit-row"] td:nth-child(2)').allInnerTexts();
    expect(new Set(who.map((w) => w.replace(/\s+/g, ' ')))).toEqual(new Set(['林○華 lin']));
    await page.getByTestId('audit-actor').selectOption('');
    await page.getByTestId('audit-from').fill('2020-01-01');
    await page.getByTestId('audit-to').fill('2020-01-02');
    await page.getByTestId('audit-apply').click();
    await page.getByText('沒有符合的紀錄 · No entries match').waitFor();
    await page.getByTestId('audit-clear').click();
    await page.getByTestId('audit-pager').waitFor();
    expect(page.errors).toEqual([]);
  });

  it('each role lands on its own first tab', async () => {
    const landing: [Role, string][] = [
      ['counter', 'tab-counter'],
      ['desk', 'tab-marquee'],
      ['clerk', 'tab-hearings'],
      ['bailiff', 'tab-detainees'],
      ['admin', 'tab-overview'],
    ];
    for (const [role, tab] of landing) {
      const user = { username: `u-${role}`, displayName: `${role} 使用者`, password: `${role}-password-1` };
      expect((await admin.post(ROUTES.createUser.path, { ...user, roles: [role] })).status).toBe(201);
      const ctx = await signedInContext(browser, t.url, user, { viewport: SIZE });
      const p = await openPage(ctx, `${t.url}/staff`, { ignoreConsole: /status of 4\d\d/ });
      await p.getByTestId('tab-account').waitFor();
      // Where a site has no hearings tab, a clerk starts on the roster they keep.
      const expected = tab === 'tab-hearings' && (await p.getByTestId('tab-hearings').count()) === 0 ? 'tab-roster' : tab;
      expect(await selectedTab(p), role).toBe(expected);
      if (role === 'desk' || role === 'bailiff') await snap(p, `accounts-${siteId}-landing-${role}`, 800);
      expect(p.errors, role).toEqual([]);
      await ctx.close();
    }
  });

  it('the checklist follows the lobby: users, a kiosk that connected, hours, hearings, the guide, a marquee message', async () => {
    const service = site.services.find((s) => !s.hours) ?? site.services[0]!;
    await issueTicket(t, service.id);
    expect((await admin.post(ROUTES.createMarquee.path, { zh: '歡迎洽公', en: 'Welcome', category: 'news', priority: 3, startsAt: null, endsAt: null, days: [], hoursFrom: null, hoursTo: null, targets: ['screen:calls'] })).status).toBe(201);
    expect((await admin.put(pathOf(ROUTES.saveGuideSection, { section: 'faq' }), { reset: true })).status).toBe(200);
    if (hearings) {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei' }).format(new Date());
      const body = { date: today, time: '23:30', courtroomId: site.courtrooms[0]!.name.zh, caseNumber: '115年度偵字第1234號', division: '信', prosecutor: '林檢察官', persons: [] };
      expect((await admin.post(ROUTES.createHearing.path, body)).status).toBe(201);
    }
    // Hours for every service that has none (after the ticket above: hours may close a service at this hour).
    const services = (await admin.get<{ services: { serviceId: string; hours: unknown[] | null }[] }>(ROUTES.listHours.path)).body.services;
    for (const x of services.filter((x) => !x.hours?.length)) {
      const body = { hours: [{ days: [1, 2, 3, 4, 5], from: '08:30', to: '17:00' }] };
      expect((await admin.put(pathOf(ROUTES.setHours, { serviceId: x.serviceId }), body)).status).toBe(200);
    }
    await page.getByTestId('tab-overview').click();
    await page.getByTestId('checklist-refresh').click();
    const done = async (step: string) => page.getByTestId(`check-${step}`).getAttribute('data-done');
    await expect.poll(() => done('kiosk')).toBe('true');
    expect(await read(page, 'check-kiosk-found')).toBe('1 部取號機已連線 1 ticket kiosk has connected');
    expect(await done('other-users')).toBe('true');
    // lin is counter and desk.
    expect(await read(page, 'check-other-users-found')).toBe('7 個帳號：系統管理員 2、櫃台人員 2、服務台 2、法警 1、書記官 1 7 accounts: administrator 2, counter 2, information desk 2, bailiff 1, clerk 1');
    expect(await done('marquee')).toBe('true');
    expect(await done('guide')).toBe('true');
    if (hearings) {
      expect(await done('hearings')).toBe('true');
      expect(await read(page, 'check-hearings-found')).toBe('今日 1 筆庭期 1 hearing today');
    }
    expect(await done('counters-hours')).toBe('true');
    expect(await read(page, 'check-counters-hours-found')).toBe(`3 個櫃台；${site.services.length} 項服務皆已設定服務時間 3 counters; all ${site.services.length} services have opening hours`);
    expect(await done('devices')).toBe('true');
    expect(await read(page, 'checklist-progress')).toBe('全部完成，可以開始服務 All done: the lobby is ready to open');
    await expectWhole(page, 'checklist');
    await axeClean(page, 'checklist after');
    await snap(page, `accounts-${siteId}-checklist-progress`);
    expect(page.errors).toEqual([]);
  });
});
