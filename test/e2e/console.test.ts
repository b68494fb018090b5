/**
 * Queue and calling, end to end in a browser: the kiosk issues normal and 博愛
 * tickets (and refuses a closed service), the counter console calls, recalls,
 * skips, calls back within the grace period, transfers, starts and finishes —
 * by keyboard and by button — a second console shows the same truth, the
 * phone page follows its ticket live, and estimates appear once there is a
 * service history.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROUTES, type IssuedTicket } from '../../core/contract';
import { launchBrowser, openPage, signInWithForm, snap, type PageWithErrors } from '../helpers/browser';
import { createFirstAdmin, startTestLobby, TEST_PUBLIC_BASE_URL, type TestLobby } from '../helpers/lobby';
import { tempDir } from '../helpers/tmp';

const ADMIN = { username: 'lin', displayName: '林櫃台', password: 'a-long-password' };
const STAFF_SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };

/** Wait for a live update: the phone page fetches up to 1.5 s after a board change. */
const until = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 6000, interval: 50 });

let t: TestLobby;
let browser: Browser;
let siteDir: ReturnType<typeof tempDir>;
/** The lobby's clock runs with real time plus this offset: tests jump it to give services a history. */
let offsetMs = 0;
let closedHours = { from: '', to: '' };

/** Taipei's hour and ISO weekday now. */
function taipeiNow(): { hour: number; isoWeekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Taipei', hour: 'numeric', hourCycle: 'h23', weekday: 'short' }).formatToParts(new Date());
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0) % 24;
  const wd = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.find((p) => p.type === 'weekday')?.value ?? 'Mon') + 1;
  return { hour, isoWeekday: wd };
}

/** The sample site, with witness allowances open today only in an hour far from now: closed for this test. */
function writeSite(dir: string): string {
  const site = JSON.parse(readFileSync(join(process.cwd(), 'assets/sites/taitung-prosecutors/site.json'), 'utf8')) as {
    services: { id: string; hours?: unknown }[];
  };
  const { hour, isoWeekday } = taipeiNow();
  const from = (hour + 12) % 24;
  const pad = (n: number) => String(n).padStart(2, '0');
  closedHours = from === 23 ? { from: '23:00', to: '23:59' } : { from: `${pad(from)}:00`, to: `${pad(from + 1)}:00` };
  const witness = site.services.find((s) => s.id === 'witness-fees')!;
  witness.hours = [{ days: [isoWeekday], ...closedHours }];
  const path = join(dir, 'site.json');
  // Phones follow the ticket's QR code: the lobby must have an address they reach.
  writeFileSync(path, JSON.stringify({ ...site, publicBaseUrl: TEST_PUBLIC_BASE_URL }, null, 2));
  return path;
}

async function open(path: string, size: { width: number; height: number }, from?: BrowserContext): Promise<PageWithErrors> {
  const context = from ?? (await browser.newContext({ viewport: size, locale: 'zh-TW' }));
  // This browser was provisioned as a kiosk (the cookie the one-time set-up link leaves).
  if (!from) await context.addCookies([t.kioskCookie]);
  // a refused action's HTTP status is logged by the browser; the console shows the server's message itself
  return openPage(context, t.url + path, { size, ignoreConsole: /status of 409/ });
}

/** Screenshots wait for the entry animations. */
const ENTRY_MS = 450;

/** Nothing wider than the viewport; for fixed-height screens nothing taller either. */
async function expectNoOverflow(page: Page, opts: { vertical?: string } = {}): Promise<void> {
  const r = await page.evaluate((sel) => {
    const d = document.documentElement;
    const el = sel ? document.querySelector(sel) : null;
    return {
      x: d.scrollWidth - d.clientWidth,
      y: el ? el.scrollHeight - el.clientHeight : 0,
    };
  }, opts.vertical ?? null);
  expect(r.x, 'horizontal overflow').toBeLessThanOrEqual(0);
  expect(r.y, `vertical overflow of ${opts.vertical}`).toBeLessThanOrEqual(0);
}

/** The kiosk rule: no text below 24 px, no touch target below 64 px. */
async function expectKioskSizes(page: Page): Promise<void> {
  const bad = await page.evaluate(() => {
    const small: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('[data-testid="kiosk"]')!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.closest('[aria-hidden="true"]')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 24) small.push(`${n.textContent.trim().slice(0, 30)} (${size}px)`);
    }
    const targets = [...document.querySelectorAll('[data-testid="kiosk"] button')]
      .map((b) => b.getBoundingClientRect())
      .filter((r) => r.width > 0 && (r.height < 64 || r.width < 64))
      .map((r) => `${Math.round(r.width)}×${Math.round(r.height)}`);
    return { small, targets };
  });
  expect(bad.small, 'kiosk text below 24 px').toEqual([]);
  expect(bad.targets, 'kiosk touch targets below 64 px').toEqual([]);
}

/** Tap a service; returns what the server answered. */
async function take(kiosk: Page, serviceId: string): Promise<IssuedTicket> {
  const [res] = await Promise.all([
    kiosk.waitForResponse((r) => r.url().endsWith(ROUTES.issueTicket.path) && r.request().method() === 'POST'),
    kiosk.getByTestId(`service-${serviceId}`).click(),
  ]);
  expect(res.status()).toBe(201);
  await kiosk.getByTestId('ticket-result').waitFor();
  return (await res.json()) as IssuedTicket;
}

/** Tap the result away (after the double-tap guard). */
async function backHome(kiosk: Page): Promise<void> {
  await kiosk.waitForTimeout(700);
  await kiosk.getByTestId('ticket-result').click();
  await kiosk.getByTestId('ticket-result').waitFor({ state: 'detached' });
}

const current = (page: Page) => page.getByTestId('current-ticket');
const currentNumber = (page: Page) => current(page).getAttribute('data-number');

/** The console has no action on its way (a key pressed meanwhile is ignored, never queued). */
async function settled(page: Page): Promise<void> {
  await page.locator('[data-testid="console"][data-acting=""]').waitFor();
}

/** Press a shortcut with the focus on the page, not in a field. */
async function press(page: Page, key: string): Promise<void> {
  await settled(page);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
}

/** Click a console button once the last action has come back. */
async function click(page: Page, testId: string): Promise<void> {
  await settled(page);
  await page.getByTestId(testId).click();
}

beforeAll(async () => {
  siteDir = tempDir();
  const sitePath = writeSite(siteDir.dir);
  t = await startTestLobby({ sitePath, clock: { now: () => Date.now() + offsetMs } });
  await createFirstAdmin(t, ADMIN);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  siteDir?.cleanup();
});

describe('queue and calling, complete', () => {
  it('issues, calls, recalls, skips, calls back, transfers, serves and estimates', async () => {
    // ---- the kiosk: a closed service, normal and 博愛 tickets -------------------------
    const kiosk = await open('/kiosk', PORTRAIT);
    const witness = kiosk.getByTestId('service-witness-fees');
    await until(() => witness.getAttribute('data-open')).toBe('false');
    expect(await witness.isDisabled()).toBe(true);
    expect(await witness.textContent()).toContain('非服務時間');
    expect(await witness.textContent()).toContain('Closed');
    expect(await kiosk.getByTestId('kiosk-hours-witness-fees').textContent()).toContain(`今日 ${closedHours.from}–${closedHours.to}`);
    expect(await kiosk.getByTestId('service-consult').getAttribute('data-open')).toBe('true');
    await snap(kiosk, 'console-kiosk-home-portrait', ENTRY_MS);
    await expectKioskSizes(kiosk);
    await expectNoOverflow(kiosk, { vertical: '.kiosk__home' });

    const a001 = await take(kiosk, 'consult');
    expect(a001).toMatchObject({ number: 'A001', priority: false, estimatedWaitMinutes: null });
    expect(await kiosk.getByTestId('ticket-priority').count()).toBe(0);
    expect(await kiosk.getByTestId('ticket-estimate').count()).toBe(0); // no history yet
    await backHome(kiosk);
    const a002 = await take(kiosk, 'consult');
    expect(a002.number).toBe('A002');
    await backHome(kiosk);

    const toggle = kiosk.getByTestId('priority-toggle');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await snap(kiosk, 'console-kiosk-priority-on-portrait', ENTRY_MS);
    await expectKioskSizes(kiosk);
    const a003 = await take(kiosk, 'consult');
    expect(a003).toMatchObject({ number: 'A003', priority: true });
    expect(await kiosk.getByTestId('ticket-result').getAttribute('data-priority')).toBe('true');
    expect(await kiosk.getByTestId('ticket-priority').textContent()).toContain('博愛');
    await snap(kiosk, 'console-kiosk-ticket-priority-portrait', ENTRY_MS);
    await expectKioskSizes(kiosk);
    await backHome(kiosk);
    // the choice does not outlive the ticket
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');

    const a004 = await take(kiosk, 'consult');
    expect(a004).toMatchObject({ number: 'A004', priority: false });
    await backHome(kiosk);
    const b001 = await take(kiosk, 'documents');
    expect(b001.number).toBe('B001');
    await backHome(kiosk);

    // ---- the phone page of A002 ----------------------------------------------------------
    const phone = await open(new URL(a002.phoneUrl!).pathname, PHONE);
    await until(() => phone.getByTestId('phone-ticket').getAttribute('data-status')).toBe('waiting');
    expect(await phone.getByTestId('phone-ahead').getAttribute('data-ahead')).toBe('1');
    expect(await phone.getByTestId('phone-number').textContent()).toBe('A002');
    await snap(phone, 'console-phone-waiting', ENTRY_MS);
    await expectNoOverflow(phone);

    // ---- the console ----------------------------------------------------------------------
    const staff = await open('/staff', STAFF_SIZES[1]!);
    await signInWithForm(staff, ADMIN);
    // An administrator lands on the overview; the counter console is a tab away.
    await staff.getByTestId('tab-counter').click();
    await staff.getByTestId('counter-select').waitFor();
    await staff.getByTestId('counter-select').selectOption('c1');
    const consult = staff.getByTestId('line-consult');
    await until(() => consult.getAttribute('data-total')).toBe('4');
    // counter 1's own services first, in its order of preference
    const lineIds = await staff.locator('[data-testid^="line-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(lineIds.slice(0, 2)).toEqual(['line-consult', 'line-community-service']);
    expect(await staff.getByTestId('queued-A003').getAttribute('data-priority')).toBe('true');
    expect(await staff.getByTestId('queued-A003').textContent()).toContain('博愛');
    expect(await staff.getByTestId('queued-A001').textContent()).toMatch(/\d+ 分/);
    for (const id of ['recall', 'skip', 'start-service', 'finish-service', 'transfer']) {
      expect(await staff.getByTestId(id).isDisabled(), `${id} without a ticket`).toBe(true);
    }
    expect(await staff.getByTestId('call-next').isDisabled()).toBe(false);

    // a letter typed into the number field is text, not a shortcut
    await staff.getByTestId('call-number-input').click();
    await staff.keyboard.type('n');
    await staff.waitForTimeout(400);
    expect(await currentNumber(staff)).toBe('');
    await staff.getByTestId('call-number-input').fill('');

    // N: call next → A001
    await press(staff, 'n');
    await until(() => currentNumber(staff)).toBe('A001');
    expect(await current(staff).getAttribute('data-status')).toBe('called');
    await until(() => phone.getByTestId('phone-ahead').getAttribute('data-ahead')).toBe('0');

    // R: recall
    await press(staff, 'r');
    await until(() => current(staff).getAttribute('data-recalls')).toBe('1');
    // B: start serving
    await press(staff, 'b');
    await until(() => current(staff).getAttribute('data-status')).toBe('serving');
    expect(await staff.getByTestId('current-serving-at').textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
    for (const id of ['recall', 'skip', 'start-service']) expect(await staff.getByTestId(id).isDisabled(), `${id} while serving`).toBe(true);
    await snap(staff, 'console-staff-serving-1920', ENTRY_MS);
    // F: finish
    await press(staff, 'f');
    await until(() => currentNumber(staff)).toBe('');

    // the button: call next → A002 (a normal ticket: priority comes after two normal calls)
    await click(staff, 'call-next');
    await until(() => currentNumber(staff)).toBe('A002');
    await until(() => phone.getByTestId('phone-ticket').getAttribute('data-status')).toBe('called');
    expect(await phone.getByTestId('phone-counter').textContent()).toContain('請至 1 號櫃台');
    expect(await phone.getByTestId('phone-counter').textContent()).toContain('Please go to Counter 1');
    await snap(phone, 'console-phone-called', ENTRY_MS);
    await expectNoOverflow(phone);

    // skip (button), then call back within the grace period
    await click(staff, 'skip');
    await until(() => currentNumber(staff)).toBe('');
    const skipped = staff.getByTestId('skipped-A002');
    await skipped.waitFor();
    expect(await staff.getByTestId('skipped-left-A002').textContent()).toMatch(/^(10:00|9:[0-5]\d)$/);
    const left1 = Number(await skipped.getAttribute('data-left-ms'));
    await staff.waitForTimeout(1300);
    expect(Number(await skipped.getAttribute('data-left-ms'))).toBeLessThan(left1); // it counts down live
    await until(() => phone.getByTestId('phone-ticket').getAttribute('data-status')).toBe('skipped');
    expect(await phone.getByTestId('phone-skipped').textContent()).toContain('請至 1 號櫃台');
    await snap(phone, 'console-phone-skipped', ENTRY_MS);
    await expectNoOverflow(phone);
    await snap(staff, 'console-staff-skipped-1920', ENTRY_MS);
    await click(staff, 'call-back-A002');
    await until(() => currentNumber(staff)).toBe('A002');
    await skipped.waitFor({ state: 'detached' });

    // a server refusal shows inline: A001 is done
    await staff.getByTestId('call-number-input').fill('a1');
    await click(staff, 'call-number-submit');
    await until(() => staff.getByTestId('console-error').textContent()).toContain('A001');
    expect(await currentNumber(staff)).toBe('A002');

    // T: transfer A002 to documents, front of the line
    await press(staff, 't');
    const dialog = staff.getByTestId('transfer-dialog');
    await dialog.waitFor();
    expect(await staff.getByTestId('transfer-submit').isDisabled()).toBe(true); // nothing chosen yet
    // the console's shortcuts are off while the dialog is open
    await press(staff, 'f');
    expect(await currentNumber(staff)).toBe('A002');
    await staff.getByTestId('transfer-service').selectOption('documents');
    expect(await staff.getByTestId('transfer-front').isChecked()).toBe(true);
    await snap(staff, 'console-staff-transfer-1920', ENTRY_MS);
    await click(staff, 'transfer-submit');
    await dialog.waitFor({ state: 'detached' });
    await until(() => currentNumber(staff)).toBe('');
    expect(await staff.getByTestId('console-error').count()).toBe(0);
    const documents = staff.getByTestId('line-documents');
    await until(() => documents.getAttribute('data-total')).toBe('2');
    const docOrder = await documents.locator('[data-testid^="queued-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(docOrder).toEqual(['queued-A002', 'queued-B001']);

    // N: the 博愛 ticket's turn (after two normal calls)
    await press(staff, 'n');
    await until(() => currentNumber(staff)).toBe('A003');
    expect(await current(staff).getAttribute('data-priority')).toBe('true');
    expect(await staff.getByTestId('current-priority').textContent()).toContain('博愛');

    // a second console (reloaded, same counter) shows the same truth
    const second = await open('/staff', STAFF_SIZES[0]!, staff.context());
    await second.getByTestId('tab-counter').click();
    await until(() => currentNumber(second)).toBe('A003');
    expect(await second.getByTestId('counter-select').inputValue()).toBe('c1');
    await snap(second, 'console-staff-second-1280', ENTRY_MS);
    await expectNoOverflow(second);

    // ---- a service history: two services of six minutes each --------------------------------
    await click(second, 'start-service');
    await until(() => current(staff).getAttribute('data-status')).toBe('serving');
    offsetMs += 6 * 60_000;
    await press(staff, 'f');
    await until(() => currentNumber(second)).toBe('');
    await press(staff, 'n');
    await until(() => currentNumber(staff)).toBe('A004');
    await press(staff, 'b');
    await until(() => current(staff).getAttribute('data-status')).toBe('serving');
    offsetMs += 6 * 60_000;
    await press(staff, 'f');
    await until(() => currentNumber(staff)).toBe('');

    // ---- estimates: three finished consult tickets (A001 ~0, A003 6, A004 6 min; 2 counters) ------
    const a005 = await take(kiosk, 'consult');
    expect(a005).toMatchObject({ number: 'A005', waitingAhead: 0 });
    await backHome(kiosk);
    const a006 = await take(kiosk, 'consult');
    expect(a006).toMatchObject({ number: 'A006', waitingAhead: 1, estimatedWaitMinutes: 3 });
    expect(await kiosk.getByTestId('ticket-estimate').textContent()).toContain('約 3 分鐘');
    await snap(kiosk, 'console-kiosk-ticket-estimate-portrait', ENTRY_MS);
    await backHome(kiosk);
    await until(() => kiosk.getByTestId('kiosk-estimate-consult').textContent()).toContain('約 6 分鐘');
    expect(await kiosk.getByTestId('kiosk-waiting-consult').textContent()).toContain('about 6 min');
    await snap(kiosk, 'console-kiosk-estimates-portrait', ENTRY_MS);
    await expectKioskSizes(kiosk);
    await expectNoOverflow(kiosk, { vertical: '.kiosk__home' });

    const phone6 = await open(new URL(a006.phoneUrl!).pathname, PHONE);
    await until(() => phone6.getByTestId('phone-estimate').textContent()).toContain('3 分鐘');
    await snap(phone6, 'console-phone-estimate', ENTRY_MS);

    // the staff console with a fuller queue, at both sizes
    await press(staff, 'n');
    await until(() => currentNumber(staff)).toBe('A005');
    await click(staff, 'skip');
    await staff.getByTestId('skipped-A005').waitFor();
    await press(staff, 'n');
    await until(() => currentNumber(staff)).toBe('A006');
    for (const size of STAFF_SIZES) {
      await staff.setViewportSize(size);
      await snap(staff, `console-staff-${size.width}`, ENTRY_MS);
      await expectNoOverflow(staff);
    }

    // ---- the kiosk in landscape, and a ticket still printing ---------------------------------
    await kiosk.setViewportSize(LANDSCAPE);
    await kiosk.getByTestId('priority-toggle').click();
    await snap(kiosk, 'console-kiosk-priority-on-landscape', ENTRY_MS);
    await expectKioskSizes(kiosk);
    await expectNoOverflow(kiosk, { vertical: '.kiosk__home' });
    await kiosk.getByTestId('priority-toggle').click();

    const queued: IssuedTicket = { ...a006, number: 'A099', priority: true, waitingAhead: 7, estimatedWaitMinutes: 12, print: 'queued' };
    await kiosk.route(`**${ROUTES.issueTicket.path}`, (route) =>
      route.fulfill({ status: 201, contentType: 'application/json', body: JSON.stringify(queued) }),
    );
    for (const [size, name] of [
      [LANDSCAPE, 'landscape'],
      [PORTRAIT, 'portrait'],
    ] as const) {
      await kiosk.setViewportSize(size);
      await kiosk.getByTestId('service-consult').click();
      await kiosk.getByTestId('ticket-result').waitFor();
      expect(await kiosk.getByTestId('ticket-result').getAttribute('data-print')).toBe('queued');
      expect(await kiosk.getByTestId('printing').textContent()).toContain('正在列印');
      expect(await kiosk.getByTestId('printing-hint').textContent()).toContain('若未取得號碼單，請記下號碼並洽服務台');
      expect(await kiosk.getByTestId('printing-hint').textContent()).toContain('If no ticket comes out');
      expect(await kiosk.getByTestId('ticket-estimate').textContent()).toContain('約 12 分鐘');
      expect(await kiosk.getByTestId('ticket-estimate').textContent()).toContain('about 12 min');
      await snap(kiosk, `console-kiosk-printing-${name}`, ENTRY_MS);
      await expectKioskSizes(kiosk);
      await expectNoOverflow(kiosk);
      await backHome(kiosk);
    }
    await kiosk.unroute(`**${ROUTES.issueTicket.path}`);

    // English first on the kiosk, landscape, with a closed service
    await kiosk.setViewportSize(LANDSCAPE);
    await kiosk.getByTestId('lang-en').click();
    await snap(kiosk, 'console-kiosk-home-en-landscape', ENTRY_MS);
    await expectKioskSizes(kiosk);
    await expectNoOverflow(kiosk, { vertical: '.kiosk__home' });
    await kiosk.getByTestId('lang-zh').click();

    for (const page of [kiosk, phone, phone6, staff, second]) expect(page.errors).toEqual([]);
  });
});
