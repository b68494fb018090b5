/**
 * The court screens, end to end in the browser: a clerk imports the day's
 * hearings in /staff (a bad row refuses the whole file, by row number) and
 * taps 開庭; the corridor TVs show it live with masked names only; the phone
 * page shows one case and nothing else; a bailiff records a detainee (with an
 * offence note that never reaches the public board) and the duty roster; the
 * kiosk finds a summons scanned by the server's scanner, by a keyboard-wedge
 * scanner and by hand; a browser that is not a kiosk says so.
 *
 * The lobby runs on a fixed clock: Thursday 26 November 2026, 09:55 in Taipei.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROUTES } from '../../core/contract';
import { manualClock } from '../../core/store/clock';
import { copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, signedInContext, snap, type PageWithErrors } from '../helpers/browser';
import { createFirstAdmin, startTestLobby, type HttpClient, type TestLobby } from '../helpers/lobby';

const CLERK = { username: 'lin', displayName: '林書記官', password: 'clerk-password-1', roles: ['clerk'] };
const BAILIFF = { username: 'wu', displayName: '吳法警', password: 'bailiff-password-1', roles: ['bailiff'] };
const DAY = '2026-11-26';

const CASE_A = '113年度偵字第1234號'; // r1 09:30: 王小明 (defendant, A1B2C3), 歐陽小華 (witness, Z9Y8X7)
const CASE_B = '113年度偵字第2001號'; // r1 10:00: 李大同 (defendant, K7K7K7)
const CASE_C = '113年度他字第88號'; // r1 10:30
const CASE_D = '113年度偵緝字第3003號'; // r4 09:00
const CASE_E = '113年度偵字第5555號'; // r2 11:00, entered by hand
const ALL_CASES = [CASE_A, CASE_B, CASE_C, CASE_D, CASE_E];

const GOOD_CSV = [
  '日期,時間,法庭,案號,股別,檢察官,到庭人',
  `${DAY},09:30,r1,${CASE_A},信,張正義,王小明(被告):A1B2C3; 歐陽小華(證人):Z9Y8X7`,
  `${DAY},10:00,r1,${CASE_B},義,張正義,李大同(被告):K7K7K7`,
  `${DAY},10:30,r1,${CASE_C},信,張正義,陳美麗(告訴人)`,
  `${DAY},09:00,r4,${CASE_D},仁,黃公平,趙子龍(被告):Q1W2E3`,
].join('\n');
// Row 3 has a case number no case system writes; row 4 names a room this site lacks.
const BAD_CSV = [
  '日期,時間,法庭,案號,股別,檢察官,到庭人',
  `${DAY},09:30,r1,${CASE_A},信,張正義,王小明(被告):A1B2C3`,
  `${DAY},10:00,r1,偵字1234,義,張正義,李大同(被告)`,
  `${DAY},10:30,r9,${CASE_C},信,張正義,陳美麗(告訴人)`,
].join('\n');

let t: TestLobby;
let rendererCopy = '';
let browser: Browser;
let admin: HttpClient;
let clerkPage: PageWithErrors;
let roomTv: PageWithErrors;
const clock = manualClock(`${DAY}T09:55:00+08:00`);

/** A page recording its errors; a refused look-up is a 4xx the page shows kindly, though the browser still logs the failed request. */
const open = (context: BrowserContext, path: string, size: { width: number; height: number }) =>
  openPage(context, t.url + path, { size, ignoreConsole: /status of 4\d\d/ });

/** Text of the whole page as a reader sees it. */
const pageText = (page: Page) => page.evaluate(() => document.body.innerText);

/**
 * Keys as a keyboard-wedge scanner sends them: fast, then Enter. Chromium's
 * input pipeline under a loaded test machine now and then holds one key back
 * for 100 ms or more, which no scanner does; like a citizen, scan again then.
 */
async function wedgeScan(page: Page, text: string): Promise<void> {
  const seen: string[] = [];
  for (let attempt = 1; attempt <= 4; attempt++) {
    await page.evaluate(() => {
      const w = window as unknown as { keyTimes: number[] };
      w.keyTimes = [];
      window.addEventListener('keydown', (e) => w.keyTimes.push(e.timeStamp), { capture: true });
    });
    await page.keyboard.type(text, { delay: 1 });
    await page.keyboard.press('Enter');
    const shown = await page
      .locator('[data-testid="scan-overlay"][data-phase="result"]')
      .waitFor({ timeout: 5000 })
      .then(() => true)
      .catch(() => false);
    if (shown) return;
    const overlay = page.getByTestId('scan-overlay');
    const phase = (await overlay.count()) ? `${await overlay.getAttribute('data-phase')}:${(await page.getByTestId('scan-problem').getAttribute('data-problem').catch(() => null)) ?? ''}` : 'none';
    const gaps = await page.evaluate(() => {
      const t = (window as unknown as { keyTimes: number[] }).keyTimes;
      return t.slice(1).map((x, i) => Math.round(x - t[i]!));
    });
    seen.push(`${phase} (${gaps.length + 1} keys, longest gap ${Math.max(...gaps)} ms)`);
    if (phase !== 'none') await page.getByTestId('scan-close').click();
  }
  throw new Error(`the wedge scan was not recognised: ${seen.join('; ')}`);
}

function summonsUrl(caseNumber: string, code: string): string {
  return `/phone/hearing?c=${encodeURIComponent(caseNumber)}&v=${code}`;
}

beforeAll(async () => {
  rendererCopy = await copyBuiltRenderer();
  t = await startTestLobby({ rendererDir: rendererCopy, clock });
  admin = await createFirstAdmin(t);
  for (const u of [CLERK, BAILIFF]) {
    const res = await admin.post(ROUTES.createUser.path, u);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  browser = await launchBrowser();
  const clerk = await signedInContext(browser, t.url, CLERK);
  clerkPage = await open(clerk, '/staff', { width: 1280, height: 800 });
  const tv = await browser.newContext({ locale: 'zh-TW' });
  roomTv = await open(tv, '/hearings/r1', { width: 1920, height: 1080 });
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  removeRendererCopy(rendererCopy);
});

describe('hearing progress', () => {
  it('a clerk imports the day in /staff: a file with bad rows is refused whole, by row number; the good file imports', async () => {
    const page = clerkPage;
    // A clerk starts on the hearings tab; the file input is there (clerks import).
    await page.getByTestId('hearings-panel').waitFor();
    await expect.poll(() => page.getByTestId('tab-hearings').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('hearings-empty').waitFor();

    await page.getByTestId('hearings-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
    const refused = page.getByTestId('import-refused');
    await refused.waitFor();
    const rows = await page.getByTestId('import-refused-row').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.row)));
    expect(rows).toEqual([3, 4]);
    expect(await refused.textContent()).toContain('第 3 列');
    expect(await refused.textContent()).toContain('r9');
    await snap(page, 'court-staff-import-refused');
    // Nothing landed.
    expect((await admin.get<{ hearings: unknown[] }>(ROUTES.listHearings.path)).body.hearings).toHaveLength(0);

    await page.getByTestId('hearings-file').setInputFiles({ name: 'day.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV) });
    await expect.poll(() => page.getByTestId('import-result').textContent()).toContain('匯入 4 筆');
    await page.getByTestId('import-refused').waitFor({ state: 'detached' });
    await page.locator(`[data-case="${CASE_A}"]`).waitFor();
    // Staff see full names.
    expect(await page.getByTestId('staff-room-r1').textContent()).toContain('王小明');
    // A scheduled hearing offers exactly the moves the server allows.
    const moves = await page
      .locator(`[data-case="${CASE_A}"] .hearing__actions button`)
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid!.split('-').slice(2).join('-')));
    expect(moves).toEqual(['checked_in', 'waiting', 'in_session', 'postponed', 'cancelled']);
    const height = await page.locator(`[data-case="${CASE_A}"] [data-testid$="-in_session"]`).evaluate((e) => e.getBoundingClientRect().height);
    expect(height).toBeGreaterThanOrEqual(48);
    expect(page.errors).toEqual([]);
  });

  it('a clerk enters a hearing by hand; a malformed case number is refused inline before it is sent', async () => {
    const page = clerkPage;
    await page.getByTestId('hearing-add-toggle').click();
    const form = page.getByTestId('hearing-form');
    await form.waitFor();
    // The day defaults to the server's today.
    await expect.poll(() => form.locator('input[name="date"]').inputValue()).toBe(DAY);
    await form.locator('input[name="time"]').fill('11:00');
    await form.locator('select[name="courtroom"]').selectOption('r2');
    await form.locator('input[name="caseNumber"]').fill('偵字5555');
    await form.locator('input[name="division"]').fill('仁');
    await form.locator('input[name="prosecutor"]').fill('黃公平');
    await form.locator('input[name="person-0-name"]').fill('林小美');
    await form.locator('input[name="person-0-code"]').fill('M1M2M3');
    await page.getByTestId('hearing-submit').click();
    expect(await page.getByTestId('hearing-form-error').textContent()).toContain('caseNumber');
    await form.locator('input[name="caseNumber"]').fill(CASE_E);
    await page.getByTestId('hearing-submit').click();
    await expect.poll(() => page.getByTestId('hearing-created').textContent()).toContain(CASE_E);
    await page.locator(`[data-testid="staff-room-r2"] [data-case="${CASE_E}"]`).waitFor();
    await snap(page, 'court-staff-hand-entry');
    await page.getByTestId('hearing-add-toggle').click();
    expect(page.errors).toEqual([]);
  });

  it('tapping 開庭 puts the hearing in session on the /hearings/r1 TV, live, with 王○明 and never 王小明', async () => {
    await roomTv.getByTestId('room-r1').waitFor();
    await expect.poll(() => roomTv.getByTestId('room-r1-next').locator('[data-testid="next-item"]').count()).toBe(3);
    expect(await roomTv.getByTestId('room-r1-current').textContent()).toContain('目前無開庭');

    // Li checks in first (bailiffs and clerks tap 報到), then the 09:30 case starts 25 minutes late.
    await clerkPage.locator(`[data-case="${CASE_B}"] [data-testid$="-checked_in"]`).click();
    await expect.poll(() => clerkPage.locator(`[data-case="${CASE_B}"]`).getAttribute('data-state')).toBe('checked_in');
    await clerkPage.locator(`[data-case="${CASE_A}"] [data-testid$="-in_session"]`).click();
    await expect.poll(() => clerkPage.locator(`[data-case="${CASE_A}"]`).getAttribute('data-state')).toBe('in_session');
    // In session, only recess and finish remain.
    expect(await clerkPage.locator(`[data-case="${CASE_A}"] .hearing__actions button`).count()).toBe(2);
    await snap(clerkPage, 'court-staff-hearings');

    await expect.poll(() => roomTv.getByTestId('current-case').textContent(), { timeout: 10_000 }).toBe(CASE_A);
    expect(await roomTv.getByTestId('current-state').getAttribute('data-state')).toBe('in_session');
    const text = await pageText(roomTv);
    expect(text).toContain('開庭中');
    expect(text).toContain('In session');
    expect(text).toContain('王○明');
    expect(text).toContain('歐陽○華');
    expect(text).not.toContain('王小明');
    expect(text).not.toContain('歐陽小華');
    expect(text).not.toContain('張正義'); // the prosecutor's name is not on a public board
    // Started 09:55 for 09:30: the board says when it began, and the 10:00 case is expected at 10:15.
    expect(await roomTv.getByTestId('current-started').textContent()).toMatch(/開庭 09:55\s*Started 09:55/);
    expect(text).toContain('延誤約 15 分鐘');
    expect(text).toContain('Running ~15 min late');
    expect(await roomTv.getByTestId('waiting').getAttribute('data-n')).toBe('1');
    await expect.poll(() => roomTv.getByTestId('marquee-slot').count()).toBe(1);
    await snap(roomTv, 'court-hearings-room-r1');
    expect(roomTv.errors).toEqual([]);
  });

  it('/hearings shows every room; ?names=0 shows case numbers only', async () => {
    const tv = await browser.newContext({ locale: 'zh-TW' });
    const all = await open(tv, '/hearings', { width: 1920, height: 1080 });
    await all.getByTestId('room-r4').waitFor();
    await expect.poll(() => all.getByTestId('room-r1-current').textContent()).toContain(CASE_A);
    const text = await pageText(all);
    for (const room of ['第一偵查庭', '第二偵查庭', '第三偵查庭', '第四偵查庭']) expect(text).toContain(room);
    expect(text).toContain('王○明');
    expect(text).not.toContain('王小明');
    expect(text).toContain('準時'); // the other rooms run on time
    expect(await all.getByTestId('marquee-slot').count()).toBe(1);
    // Every text on the board is at least 24 px.
    const smallest = await all.evaluate(() => {
      let min = Infinity;
      for (const el of document.querySelectorAll<HTMLElement>('[data-testid="hearings-board"] *')) {
        if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) continue;
        min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
      }
      return min;
    });
    expect(smallest).toBeGreaterThanOrEqual(24);
    await snap(all, 'court-hearings-all');

    const noNames = await open(tv, '/hearings?names=0', { width: 1920, height: 1080 });
    await expect.poll(() => noNames.getByTestId('room-r1-current').textContent()).toContain(CASE_A);
    expect(await pageText(noNames)).not.toContain('○');
    const roomNoNames = await open(tv, '/hearings/r1?names=0', { width: 1920, height: 1080 });
    await expect.poll(() => roomNoNames.getByTestId('room-r1-current').textContent()).toContain(CASE_A);
    expect(await pageText(roomNoNames)).not.toContain('○');
    await snap(roomNoNames, 'court-hearings-room-r1-no-names');
    expect([...all.errors, ...noNames.errors, ...roomNoNames.errors]).toEqual([]);
    await tv.close();
  });

  it('/phone/hearing?c=…&v=… shows that one case only; a wrong code shows not found; the form finds a case', async () => {
    const phone = await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await open(phone, summonsUrl(CASE_B, 'K7K7K7'), { width: 390, height: 844 });
    await page.getByTestId('hearing-card').waitFor();
    expect(await page.getByTestId('hearing-case').textContent()).toBe(CASE_B);
    expect(await page.getByTestId('hearing-state').getAttribute('data-state')).toBe('checked_in');
    expect(await page.getByTestId('hearing-room').textContent()).toContain('第一偵查庭');
    expect(await page.getByTestId('hearing-floor').textContent()).toContain('2 樓');
    expect(await page.getByTestId('hearing-time').textContent()).toBe('10:00');
    expect(await page.getByTestId('hearing-estimate').textContent()).toBe('10:15');
    expect(await page.getByTestId('hearing-ahead').getAttribute('data-ahead')).toBe('1');
    const text = await pageText(page);
    // No other case, no name at all.
    expect(text.match(/\d+年度\p{Script=Han}+字第\d+號/gu)).toEqual([CASE_B]);
    for (const other of ALL_CASES.filter((c) => c !== CASE_B)) expect(text).not.toContain(other);
    expect(text).not.toMatch(/王|歐陽|李大同|李○/);
    await snap(page, 'court-phone-hearing');

    // Live: the case is called in; the page follows without a reload.
    await clerkPage.locator(`[data-case="${CASE_B}"] [data-testid$="-waiting"]`).click();
    await expect.poll(() => page.getByTestId('hearing-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('waiting');

    const wrong = await open(phone, summonsUrl(CASE_B, 'WRONG1'), { width: 390, height: 844 });
    await wrong.getByTestId('hearing-problem-not_found').waitFor();
    expect(await pageText(wrong)).toContain('查無此案件');
    expect(await pageText(wrong)).not.toContain('第一偵查庭');
    await wrong.getByTestId('hearing-form').waitFor();
    await snap(wrong, 'court-phone-not-found');

    const form = await open(phone, '/phone/hearing', { width: 390, height: 844 });
    await form.getByTestId('hearing-year').fill('113');
    await form.getByTestId('hearing-number').fill('1234');
    await form.getByTestId('hearing-code').fill('z9y8x7');
    await snap(form, 'court-phone-form');
    // A code typed in lower case is not the summons' code: the server says not found.
    await form.getByTestId('hearing-submit').click();
    await form.getByTestId('hearing-problem-not_found').waitFor();
    await form.getByTestId('hearing-code').fill('Z9Y8X7');
    await form.getByTestId('hearing-submit').click();
    await form.getByTestId('hearing-card').waitFor();
    expect(await form.getByTestId('hearing-state').getAttribute('data-state')).toBe('in_session');
    expect(new URL(form.url()).searchParams.get('c')).toBe(CASE_A);
    await snap(form, 'court-phone-in-session');
    expect([...page.errors, ...wrong.errors, ...form.errors]).toEqual([]);
    await phone.close();
  });
});

describe('new detainees and the duty roster', () => {
  let bailiff: PageWithErrors;
  let board: PageWithErrors;

  it('a bailiff records a detainee with an offence note: /detainees shows the masked name and the stage, never the offence or the full name', async () => {
    const ctx = await signedInContext(browser, t.url, BAILIFF);
    bailiff = await open(ctx, '/staff', { width: 1280, height: 800 });
    await bailiff.getByTestId('tab-detainees').click();
    await bailiff.getByTestId('detainee-form').waitFor();
    // A bailiff moves hearings but does not import them.
    expect(await bailiff.getByTestId('tab-hearings').count()).toBe(1);

    const tv = await browser.newContext({ locale: 'zh-TW' });
    board = await open(tv, '/detainees', { width: 1920, height: 1080 });
    await board.getByTestId('detainees-none').waitFor();

    const record = async (name: string, at: string, offence: string) => {
      await bailiff.locator('input[name="name"]').fill(name);
      await bailiff.locator('input[name="broughtAt"]').fill(at);
      await bailiff.locator('input[name="agency"]').fill('臺東縣警察局臺東分局');
      await bailiff.locator('input[name="offence"]').fill(offence);
      await bailiff.getByTestId('detainee-submit').click();
      await expect.poll(() => bailiff.getByTestId('detainee-saved').textContent()).toContain(name);
    };
    await record('陳大文', '08:40', '竊盜');
    await record('司馬中原', '09:10', '詐欺');
    const chen = bailiff.locator('[data-testid^="staff-detainee-"]', { hasText: '陳大文' });
    await expect.poll(() => chen.getAttribute('data-stage')).toBe('delivered');
    expect(await chen.textContent()).toContain('竊盜'); // staff see the note
    // One tap to the next stage; then on to the last, and an outcome for the second person.
    await chen.locator('[data-testid$="-waiting"]').click();
    await expect.poll(() => chen.getAttribute('data-stage')).toBe('waiting');
    const sima = bailiff.locator('[data-testid^="staff-detainee-"]', { hasText: '司馬中原' });
    await sima.locator('[data-testid$="-questioned"]').click();
    await expect.poll(() => sima.getAttribute('data-stage')).toBe('questioned');
    await sima.locator('[data-testid$="-bail"]').click();
    await expect.poll(() => sima.getAttribute('data-stage')).toBe('bail');
    await snap(bailiff, 'court-staff-detainees');

    await expect.poll(() => board.locator('[data-testid^="detainee-"][data-final]').count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => pageText(board)).toContain('交保');
    const text = await pageText(board);
    expect(text).toContain('陳○文');
    expect(text).toContain('司馬○原');
    expect(text).toContain('候訊');
    expect(text).toContain('Awaiting questioning');
    expect(text).not.toContain('陳大文');
    expect(text).not.toContain('司馬中原');
    expect(text).not.toContain('竊盜');
    expect(text).not.toContain('詐欺');
    const finals = await board.locator('[data-testid^="detainee-"][data-final]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.final));
    expect(finals.sort()).toEqual(['false', 'true']);
    expect(bailiff.errors).toEqual([]);
  });

  it('the roster a bailiff saves for today shows on /detainees (masked, the shift running now)', async () => {
    await bailiff.getByTestId('tab-roster').click();
    await bailiff.getByTestId('roster-panel').waitFor();
    // The day defaults to the server's today.
    await expect.poll(() => bailiff.getByTestId('roster-date').inputValue()).toBe(DAY);
    await expect.poll(() => bailiff.getByTestId('roster-row').count()).toBe(3);
    const names = ['周正義', '林雅婷', '吳建國'];
    for (const [i, name] of names.entries()) await bailiff.getByTestId('roster-name').nth(i).fill(name);
    await bailiff.getByTestId('roster-add').click();
    await bailiff.getByTestId('roster-name').nth(3).fill('黃夜班');
    await bailiff.getByTestId('roster-shift').nth(3).selectOption('night');
    await bailiff.getByTestId('roster-save').click();
    await bailiff.getByTestId('roster-saved').waitFor();
    await snap(bailiff, 'court-staff-roster');

    await expect.poll(() => board.getByTestId('duty-entry').count(), { timeout: 10_000 }).toBe(3);
    const duty = await board.getByTestId('on-duty').textContent();
    expect(duty).toContain('值班檢察官');
    expect(duty).toContain('周○義');
    expect(duty).not.toContain('周正義');
    expect(duty).not.toContain('黃'); // the night shift is not on now
    expect(await board.getByTestId('marquee-slot').count()).toBe(1);
    await snap(board, 'court-detainees-board');
    expect([...bailiff.errors, ...board.errors]).toEqual([]);
  });
});

describe('the kiosk finds a summons', () => {
  let kiosk: PageWithErrors;

  it('shows a large "掃描傳票" entry on the home screen', async () => {
    const ctx = await browser.newContext({ locale: 'zh-TW', hasTouch: true });
    await ctx.addCookies([t.kioskCookie]);
    kiosk = await open(ctx, '/kiosk', { width: 1080, height: 1920 });
    const entry = kiosk.getByTestId('scan-summons');
    await entry.waitFor();
    expect(await entry.textContent()).toContain('掃描傳票');
    expect(await entry.textContent()).toContain('Scan your summons');
    const box = (await entry.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(64);
    await kiosk.getByTestId('service-consult').waitFor();
    expect(await kiosk.getByTestId('kiosk-not-provisioned').count()).toBe(0);
    await snap(kiosk, 'court-kiosk-home');
  });

  it("a summons read by the server's scanner shows where to go and the progress", async () => {
    await kiosk.waitForTimeout(300); // the kiosk has seen the scanner's last snapshot
    const res = await admin.post(ROUTES.simScan.path, { text: `${t.url}${summonsUrl(CASE_A, 'A1B2C3')}` });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    await kiosk.getByTestId('scan-result').waitFor();
    expect(await kiosk.getByTestId('scan-room').textContent()).toContain('第一偵查庭');
    expect(await kiosk.getByTestId('scan-floor').textContent()).toContain('2 樓');
    expect(await kiosk.getByTestId('scan-floor').textContent()).toContain('2F');
    expect(await kiosk.getByTestId('scan-case').textContent()).toBe(CASE_A);
    expect(await kiosk.getByTestId('scan-state').getAttribute('data-state')).toBe('in_session');
    const text = await pageText(kiosk);
    expect(text).not.toContain('王小明');
    expect(text).not.toContain(CASE_B);
    await snap(kiosk, 'court-kiosk-scan-result');
    await kiosk.getByTestId('scan-done').click();
    await kiosk.getByTestId('scan-overlay').waitFor({ state: 'detached' });

    // A code that finds nothing: said kindly, with the way to type it in.
    await admin.post(ROUTES.simScan.path, { text: `${CASE_A}|NOPE99` });
    await kiosk.getByTestId('scan-problem').waitFor();
    expect(await kiosk.getByTestId('scan-problem').getAttribute('data-problem')).toBe('not_found');
    await snap(kiosk, 'court-kiosk-scan-not-found');
    await kiosk.getByTestId('scan-close').click();
    await kiosk.getByTestId('scan-overlay').waitFor({ state: 'detached' });
  });

  it('a keyboard-wedge scanner typing the summons URL is looked up on the page', async () => {
    // A wedge types only ASCII: the summons URL carries the case number percent-encoded.
    await wedgeScan(kiosk, `${t.url}${summonsUrl(CASE_B, 'K7K7K7')}`);
    expect(await kiosk.getByTestId('scan-case').textContent()).toBe(CASE_B);
    expect(await kiosk.getByTestId('scan-state').getAttribute('data-state')).toBe('waiting');
    expect(await kiosk.getByTestId('scan-ahead').textContent()).toContain('前面還有 1 案');
    await kiosk.getByTestId('scan-done').click();
    await kiosk.getByTestId('scan-overlay').waitFor({ state: 'detached' });
    // A person typing the same text is not a scanner: nothing opens.
    await kiosk.keyboard.type('http://x/phone/hearing?c=1', { delay: 120 });
    await kiosk.keyboard.press('Enter');
    await kiosk.waitForTimeout(500);
    expect(await kiosk.getByTestId('scan-overlay').count()).toBe(0);
  });

  it('without a QR code: the prompt offers an on-screen keypad for the case number and code', async () => {
    await kiosk.getByTestId('scan-summons').click();
    await kiosk.getByTestId('scan-prompt').waitFor();
    expect(await pageText(kiosk)).toContain('請將傳票 QR 碼對準掃描器');
    expect(await pageText(kiosk)).toContain('Hold the QR code on your summons to the scanner');
    await snap(kiosk, 'court-kiosk-scan-prompt');
    await kiosk.getByTestId('scan-manual').click();
    await kiosk.getByTestId('scan-manual-form').waitFor();
    for (const k of '113') await kiosk.getByTestId(`key-${k}`).click();
    for (const k of '3003') await kiosk.getByTestId(`key-${k}`).click();
    await kiosk.getByTestId('manual-word-偵緝').click();
    await kiosk.getByTestId('manual-code').click();
    for (const k of 'Q1W2E3') await kiosk.getByTestId(`key-${k}`).click();
    await snap(kiosk, 'court-kiosk-scan-manual');
    // Every text on the kiosk's summons screens is at least 24 px.
    const smallest = await kiosk.evaluate(() => {
      let min = Infinity;
      for (const el of document.querySelectorAll<HTMLElement>('[data-testid="scan-overlay"] *')) {
        if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) continue;
        min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
      }
      return min;
    });
    expect(smallest).toBeGreaterThanOrEqual(24);
    await kiosk.getByTestId('manual-submit').click();
    await kiosk.getByTestId('scan-result').waitFor();
    expect(await kiosk.getByTestId('scan-case').textContent()).toBe(CASE_D);
    expect(await kiosk.getByTestId('scan-floor').textContent()).toContain('3 樓');
    await snap(kiosk, 'court-kiosk-scan-result-manual');
    await kiosk.getByTestId('scan-done').click();
    expect(kiosk.errors).toEqual([]);
  });

  it('a browser that is not a provisioned kiosk says so instead of offering tickets; the summons look-up stays', async () => {
    const ctx = await browser.newContext({ locale: 'zh-TW' });
    const page = await open(ctx, '/kiosk', { width: 1080, height: 1920 });
    await page.getByTestId('kiosk-not-provisioned').waitFor();
    const text = await pageText(page);
    expect(text).toContain('此裝置尚未設定為取號機');
    expect(text).toContain('This device is not set up as a ticket kiosk');
    expect(text).toContain('請洽系統管理員');
    expect(await page.getByTestId('service-consult').count()).toBe(0);
    await page.getByTestId('scan-summons').waitFor();
    await snap(page, 'court-kiosk-not-provisioned');
    await ctx.close();
  });
});
