/**
 * Calling numbers, end to end in the browser: a keypad on /devices and the
 * staff API call numbers; the /calls board shows them (newest highlighted,
 * recalls and 博愛 marked), the simulated counter displays show the same
 * number, and the board announces every call — chime, Mandarin, English — one
 * after another in call order (headless Chromium has no zh-TW voice: the clips
 * play). Also: the tap-to-enable overlay when autoplay is blocked, the
 * waiting estimates and closed services, and text sizes readable across a hall.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Call, QueueBoard } from '../../core/contract';
import { announcementFor } from '../../core/domain/queue/announce';
import { manualClock } from '../../core/store/clock';
import { copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, shot, signedInContext, snap, type PageWithErrors } from '../helpers/browser';
import { counterAction, createFirstAdmin, issueTicket, startTestLobby, TEST_ADMIN, type HttpClient, type TestLobby } from '../helpers/lobby';

let t: TestLobby;
let rendererCopy = '';
let browser: Browser;
let admin: HttpClient;
let staffContext: BrowserContext;
let board: PageWithErrors;
let devices: PageWithErrors;
/** Every call made in this file, in order. */
const made: Call[] = [];
const sizes: Record<string, number> = {};

interface Logged {
  id: number;
  n: string;
  c: number;
  r: boolean;
  via: string;
  steps: string[];
}

/** Counts any sound that starts while another is still playing: two calls talking over each other. */
function watchSound() {
  const w = window as unknown as { __sound: { overlaps: number; plays: number } };
  w.__sound = { overlaps: 0, plays: 0 };
  const started = new Set<HTMLMediaElement>();
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    for (const a of started) if (a !== this && !a.paused && !a.ended) w.__sound.overlaps++;
    started.add(this);
    w.__sound.plays++;
    return play.call(this);
  };
}

/** Like a browser with the default autoplay policy: sound is refused until someone taps the page. */
function blockAutoplayUntilTapped() {
  let tapped = false;
  window.addEventListener('pointerdown', (e) => (tapped ||= e.isTrusted), true);
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    if (!tapped) {
      return Promise.reject(new DOMException("play() failed because the user didn't interact with the document first.", 'NotAllowedError'));
    }
    return play.call(this);
  };
}

const open = (context: BrowserContext, path: string, size = { width: 1920, height: 1080 }) => openPage(context, t.url + path, { size });

/** What a board screenshot waits for: the highlight animation (2.4 s) settles. */
const HIGHLIGHT_MS = 2600;

async function logOf(page: Page): Promise<{ log: Logged[]; current: string }> {
  const el = page.getByTestId('announce-log');
  const [raw, current] = await Promise.all([el.getAttribute('data-announced'), el.getAttribute('data-current')]);
  return { log: JSON.parse(raw ?? '[]') as Logged[], current: current ?? '' };
}

/** Waits until `call` has been announced to the end; returns its log entry. */
async function announced(page: Page, call: Call, timeout = 40_000): Promise<Logged> {
  let entry: Logged | undefined;
  await expect
    .poll(
      async () => {
        const { log, current } = await logOf(page);
        entry = log.filter((e) => e.id === call.id && e.via !== 'blocked').at(-1);
        return Boolean(entry && current !== String(call.id) && entry.steps.length >= call.announcement.clips.length);
      },
      { timeout, interval: 250 },
    )
    .toBe(true);
  return entry!;
}

const issue = (serviceId: string, priority = false) => issueTicket(t, serviceId, priority);

/** A counter action that calls a number: the call, kept in `made`. */
async function act(body: Record<string, unknown>): Promise<Call> {
  const { call } = await counterAction(admin, body);
  expect(call).not.toBeNull();
  made.push(call!);
  return call!;
}

async function latestCall(page: Page): Promise<{ id: string | null; number: string | null }> {
  const el = page.getByTestId('latest-call');
  if ((await el.count()) === 0) return { id: null, number: null };
  return { id: await el.getAttribute('data-call-id'), number: await page.getByTestId('latest-number').textContent() };
}

beforeAll(async () => {
  rendererCopy = await copyBuiltRenderer();
  t = await startTestLobby({ rendererDir: rendererCopy });
  admin = await createFirstAdmin(t);
  browser = await launchBrowser();

  // The installer's browser: signed in as the admin (the session cookie /devices uses).
  staffContext = await signedInContext(browser, t.url, TEST_ADMIN);

  // The hall's TV: public, its own browser context.
  const tv = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1920, height: 1080 } });
  await tv.addInitScript(watchSound);
  board = await open(tv, '/calls');
  await board.waitForFunction(() => document.querySelector('[data-testid="waiting-consult"]')?.textContent === '0');
  devices = await open(staffContext, '/devices', { width: 1400, height: 1300 });
  await devices.getByTestId('keypad-1-next').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  removeRendererCopy(rendererCopy);
  if (Object.keys(sizes).length) console.log('call board text sizes at 1920×1080 (px):', JSON.stringify(sizes));
});

describe('calling from a keypad and from the staff console', () => {
  it('NEXT on the simulated keypad of counter 1 calls A001: board, keypad, counter display and the announcement agree', async () => {
    await issue('consult');
    await issue('consult');
    await issue('consult');
    await issue('documents');
    await issue('bail', true);
    await expect.poll(() => board.getByTestId('waiting-consult').textContent()).toBe('3');

    await devices.getByTestId('keypad-1-next').click();
    await expect.poll(() => devices.getByTestId('keypad-1-display').getAttribute('data-text')).toBe('A001');
    await expect.poll(() => devices.getByTestId('counter-display-1').getAttribute('data-text')).toBe('A001');
    // the LED draws the digits: "A001" lights A, 0, 0, 1
    const lit = await devices
      .getByTestId('counter-display-1')
      .locator('.seg__digit')
      .evaluateAll((digits) => digits.map((d) => d.querySelectorAll('.seg__s--on').length));
    expect(lit).toEqual([6, 6, 6, 2]);
    expect(await devices.getByTestId('keypad-1-error').count()).toBe(0);

    await expect.poll(() => latestCall(board).then((c) => c.number)).toBe('A001');
    expect(await board.getByTestId('latest-counter').getAttribute('data-counter-number')).toBe('1');
    const id = Number((await latestCall(board)).id);
    const call: Call = { ...placeholderCall(id, 'A001', 1) };
    made.push(call);

    const entry = await announced(board, call);
    expect(entry).toMatchObject({ id, n: 'A001', c: 1, r: false, via: 'clips' });
    expect(entry.steps).toEqual(call.announcement.clips);
    await snap(board, 'calls-board-keypad-A001', HIGHLIGHT_MS);
  }, 90_000);

  it('a burst of 3 calls from the staff API is announced in call order, chime → zh → en, never overlapping', async () => {
    const burst = [await act({ action: 'next', counterId: 'c1' }), await act({ action: 'next', counterId: 'c2' }), await act({ action: 'next', counterId: 'c3' })];
    expect(burst.map((c) => c.id)).toEqual([...burst.map((c) => c.id)].sort((a, b) => a - b));

    // the board: newest highlighted, the others in the recent list
    const last = burst[2]!;
    await expect.poll(() => latestCall(board).then((c) => c.id)).toBe(String(last.id));
    expect(await board.getByTestId('latest-call').getAttribute('data-priority')).toBe(String(last.priority));
    if (last.priority) expect(await board.getByTestId('latest-priority').textContent()).toContain('博愛');
    const recentIds = await board.locator('[data-testid="recent-calls"] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-call-id')));
    expect(recentIds.slice(0, 3)).toEqual([burst[1]!.id, burst[0]!.id, made[0]!.id].map(String));

    // every counter display shows its own number
    for (const c of burst) {
      await expect.poll(() => devices.getByTestId(`counter-display-${c.counterNumber}`).getAttribute('data-text')).toBe(c.number);
    }
    await snap(devices, 'calls-devices-after-burst', HIGHLIGHT_MS);

    const entries: Logged[] = [];
    for (const c of burst) entries.push(await announced(board, c));
    const { log } = await logOf(board);
    const order = log.filter((e) => burst.some((c) => c.id === e.id)).map((e) => e.id);
    expect(order).toEqual(burst.map((c) => c.id));
    burst.forEach((c, i) => {
      const steps = entries[i]!.steps;
      expect(steps, `call ${c.number}`).toEqual(c.announcement.clips);
      // chime, then the Mandarin sentence, then the English one
      expect(steps[0]).toBe('chime');
      expect(steps[1]).toBe('voice/zh/qing');
      const en = steps.indexOf('voice/en/number');
      expect(steps.slice(1, en).every((s) => s.startsWith('voice/zh/') || s.startsWith('voice/en/letter-'))).toBe(true);
      expect(steps.slice(en).every((s) => s.startsWith('voice/en/'))).toBe(true);
    });
    const sound = await board.evaluate(() => (window as unknown as { __sound: { overlaps: number; plays: number } }).__sound);
    expect(sound.overlaps).toBe(0);
    expect(sound.plays).toBeGreaterThanOrEqual(4 * 15);
    await snap(board, 'calls-board-burst', HIGHLIGHT_MS);
  }, 120_000);

  it('a recall is a new call: highlighted again, marked 再次叫號 Recall, and announced again', async () => {
    const first = made[1]!; // counter 1's current ticket
    const recall = await act({ action: 'recall', counterId: 'c1' });
    expect(recall.recall).toBe(true);
    expect(recall.number).toBe(first.number);
    expect(recall.id).toBeGreaterThan(made[made.length - 2]!.id);

    await expect.poll(() => latestCall(board).then((c) => c.id)).toBe(String(recall.id));
    expect(await board.getByTestId('latest-number').textContent()).toBe(first.number);
    expect(await board.getByTestId('latest-call').getAttribute('data-recall')).toBe('true');
    const mark = (await board.getByTestId('latest-recall').textContent()) ?? '';
    expect(mark).toContain('再次叫號');
    expect(mark).toContain('Recall');
    // the highlight plays again (its animation restarts on the new id)
    const animating = await board.getByTestId('latest-call').evaluate((el) => el.getAnimations({ subtree: true }).length);
    expect(animating).toBeGreaterThan(0);
    await board.waitForTimeout(300);
    await board.screenshot({ path: shot('calls-board-recall-highlight') });

    const entry = await announced(board, recall);
    expect(entry).toMatchObject({ id: recall.id, n: first.number, r: true, via: 'clips' });
    expect(entry.steps).toEqual(recall.announcement.clips);
    const { log } = await logOf(board);
    expect(log.filter((e) => e.n === first.number && e.via === 'clips').length).toBeGreaterThanOrEqual(2);
    await snap(board, 'calls-board-recall', HIGHLIGHT_MS);
  }, 90_000);

  it('a board that reloads does not replay old calls', async () => {
    await board.reload();
    await expect.poll(() => latestCall(board).then((c) => c.id)).toBe(String(made.at(-1)!.id));
    await board.waitForTimeout(2500);
    const { log, current } = await logOf(board);
    expect(log).toEqual([]);
    expect(current).toBe('');
  });
});

describe('a browser that blocks autoplay', () => {
  it('shows "點一下以開啟叫號聲音 Tap to enable call sounds" and announces once tapped', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(blockAutoplayUntilTapped);
    const page = await open(context, '/calls');
    // the first snapshot (the baseline) is in
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid="waiting-consult"]')?.textContent ?? ''));
    expect(await page.getByTestId('sound-unlock').count()).toBe(0); // nothing to say yet: no overlay

    await issue('documents');
    const call = await act({ action: 'next', counterId: 'c2' });
    const overlay = page.getByTestId('sound-unlock');
    await overlay.waitFor({ timeout: 10_000 });
    const text = (await overlay.textContent()) ?? '';
    expect(text).toContain('點一下以開啟叫號聲音');
    expect(text).toContain('Tap to enable call sounds');
    await snap(page, 'calls-board-sound-blocked', HIGHLIGHT_MS);

    await overlay.click();
    await overlay.waitFor({ state: 'detached' });
    const entry = await announced(page, call);
    expect(entry.steps).toEqual(call.announcement.clips);
    expect(page.errors.filter((e) => !/WebSocket|Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('the simulator panel', () => {
  it('CALL with a number, errors inline, and a readout per counter', async () => {
    const ticket = await issue('witness-fees');
    await devices.getByTestId('keypad-3-call-input').fill(ticket.number.toLowerCase());
    await devices.getByTestId('keypad-3-call').click();
    await expect.poll(() => devices.getByTestId('keypad-3-display').getAttribute('data-text')).toBe(ticket.number);
    await expect.poll(() => devices.getByTestId('counter-display-3').getAttribute('data-text')).toBe(ticket.number);
    await expect.poll(() => latestCall(board).then((c) => c.number)).toBe(ticket.number);
    expect(await devices.getByTestId('keypad-3-call-input').inputValue()).toBe('');

    await devices.getByTestId('keypad-3-call-input').fill('12');
    await devices.getByTestId('keypad-3-call').click();
    const err = devices.getByTestId('keypad-3-error');
    await err.waitFor();
    expect(await err.getAttribute('data-kind')).toBe('invalid');
    expect(await err.textContent()).toContain('A012');

    // every key is there, for every counter
    const counters = t.lobby.site.counters.map((c) => c.number);
    for (const n of counters) {
      for (const key of ['next', 'recall', 'skip', 'start', 'finish', 'transfer', 'call']) {
        expect(await devices.getByTestId(`keypad-${n}-${key}`).count(), `keypad-${n}-${key}`).toBe(1);
      }
      expect(await devices.getByTestId(`keypad-${n}-call-input`).count()).toBe(1);
      expect(await devices.getByTestId(`keypad-${n}-display`).count()).toBe(1);
      expect(await devices.getByTestId(`counter-display-${n}`).count()).toBe(1);
    }
    expect(await devices.getByTestId('counter-display-protocol').getAttribute('data-protocol')).toBe('framed');
    await devices.getByTestId('keypads').screenshot({ path: shot('calls-devices-keypads') });
    await devices.getByTestId('counter-displays').screenshot({ path: shot('calls-devices-displays') });
  });

  it('a signed-out panel asks for an admin sign-in', async () => {
    const context = await browser.newContext({ locale: 'zh-TW' });
    const page = await open(context, '/devices', { width: 1400, height: 1000 });
    await page.getByTestId('keypad-2-next').click();
    const err = page.getByTestId('keypad-2-error');
    await err.waitFor();
    expect(await err.getAttribute('data-kind')).toBe('signin');
    expect(await err.textContent()).toContain('Sign in at /staff as an admin');
    await context.close();
  });
});

describe('readable across a hall', () => {
  it('measures the text at 1920×1080', async () => {
    await expect.poll(() => board.locator('.recent__row').count()).toBe(5);
    await board.waitForTimeout(2600); // let the highlight settle
    const m = await board.evaluate(() => {
      const px = (el: Element | null) => (el ? parseFloat(getComputedStyle(el).fontSize) : 0);
      const h = (el: Element | null) => (el ? el.getBoundingClientRect().height : 0);
      const all = (sel: string) => [...document.querySelectorAll(sel)];
      const min = (xs: number[]) => (xs.length ? Math.min(...xs) : 0);
      const calls = document.querySelector('.calls')!;
      // text that spills out of its box (the highlight flash is meant to overflow .latest: compare boxes there)
      const overflowing = all('.recent, .waiting__item, .calls__head')
        .filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.className);
      // the 再次叫號 / 博愛 marks never cover the counter in the recent list
      for (const row of all('.recent__row')) {
        const marks = row.querySelector('.recent__marks')?.getBoundingClientRect();
        const text = [...row.querySelectorAll('.recent__counter-zh, .recent__counter-en')].map((e) => e.getBoundingClientRect().right);
        if (marks && Math.max(...text) > marks.left) overflowing.push(`marks over counter in row ${row.getAttribute('data-call-id')}`);
      }
      const panel = document.querySelector('.latest')!.getBoundingClientRect();
      for (const el of all('.latest__title, .latest__number, .latest__marks, .latest__to')) {
        const r = el.getBoundingClientRect();
        if (r.left < panel.left || r.right > panel.right || r.top < panel.top || r.bottom > panel.bottom) overflowing.push(el.className);
      }
      return {
        latestNumber: px(document.querySelector('[data-testid="latest-number"]')),
        latestNumberBoxHeight: Math.round(h(document.querySelector('[data-testid="latest-number"]'))),
        counterZh: px(document.querySelector('.latest__counter-zh')),
        counterEn: px(document.querySelector('.latest__counter-en')),
        recentNumber: min(all('.recent__number').map(px)),
        recentRows: all('.recent__number').length,
        waitingCount: min(all('.waiting__count-n').map(px)),
        serviceNameZh: min(all('.waiting__name-zh').map(px)),
        serviceNameEn: min(all('.waiting__name-en').map(px)),
        boardWidth: calls.getBoundingClientRect().width,
        boardHeight: calls.getBoundingClientRect().height,
        overflowing,
      };
    });
    Object.assign(sizes, m);
    expect(m.boardWidth).toBe(1920);
    expect(m.boardHeight).toBe(1080);
    expect(m.latestNumber).toBeGreaterThanOrEqual(160);
    expect(m.latestNumberBoxHeight).toBeGreaterThanOrEqual(150);
    expect(m.counterZh).toBeGreaterThanOrEqual(72);
    expect(m.counterEn).toBeGreaterThanOrEqual(72);
    expect(m.recentRows).toBe(5); // a full list, recall and 博愛 marks included
    expect(m.recentNumber).toBeGreaterThanOrEqual(56);
    expect(m.waitingCount).toBeGreaterThanOrEqual(48);
    expect(m.serviceNameZh).toBeGreaterThanOrEqual(28);
    expect(m.serviceNameEn).toBeGreaterThanOrEqual(28);
    expect(m.overflowing).toEqual([]);
    // the marquee band stays, empty
    const slot = board.getByTestId('marquee-slot');
    expect(await slot.isVisible()).toBe(true);
    expect(((await slot.textContent()) ?? '').trim()).toBe('');
    expect((await slot.boundingBox())?.height).toBeGreaterThanOrEqual(80);
    await board.screenshot({ path: shot('calls-board-full') });
  });

  it('shows "約 N 分鐘 ~N min" when a wait is known and "非服務時間 Closed" outside opening hours', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1920, height: 1080 } });
    // The real server's board, with one service closed and one with a known wait.
    await context.routeWebSocket(/\/live$/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((raw) => {
        const msg = JSON.parse(String(raw)) as { type: string; topic?: string; data?: QueueBoard };
        if (msg.type === 'snapshot' && msg.topic === 'queue.board' && msg.data) {
          msg.data.services = msg.data.services.map((s) =>
            s.serviceId === 'consult' ? { ...s, estimatedWaitMinutes: 12 } : s.serviceId === 'bail' ? { ...s, open: false } : s,
          );
        }
        ws.send(JSON.stringify(msg));
      });
    });
    const page = await open(context, '/calls');
    const est = page.getByTestId('estimate-consult');
    await est.waitFor();
    expect(await est.textContent()).toBe('約 12 分鐘~12 min');
    expect(await est.getAttribute('data-minutes')).toBe('12');
    const closed = page.getByTestId('closed-bail');
    expect(await closed.textContent()).toBe('非服務時間Closed');
    expect(await page.getByTestId('service-row-bail').getAttribute('data-open')).toBe('false');
    expect(await page.getByTestId('estimate-bail').count()).toBe(0);
    // nothing spills out of the chips
    const spill = await page.locator('.waiting__item').evaluateAll((els) =>
      els.filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1).length,
    );
    expect(spill).toBe(0);
    await snap(page, 'calls-board-estimates-closed', HIGHLIGHT_MS);
    expect(page.errors).toEqual([]);
    await context.close();
  });
});

describe('a prison on a Sunday', () => {
  it('says 窗口 / Window as the site does, and shows visit registration closed', async () => {
    // 29 Nov 2026 is a Sunday: visit registration (weekdays only) is closed.
    const prison = await startTestLobby({ siteId: 'hualien-prison', rendererDir: rendererCopy, clock: manualClock('2026-11-29T10:00:00+08:00') });
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1920, height: 1080 } });
    try {
      const staff = await createFirstAdmin(prison);
      const page = await openPage(context, prison.url + '/calls', { consoleErrors: false });
      await page.getByTestId('closed-visit-registration').waitFor();
      expect(await page.getByTestId('closed-visit-registration').textContent()).toBe('非服務時間Closed');
      expect(await page.getByTestId('closed-parcels').count()).toBe(0);

      await issueTicket(prison, 'parcels');
      const call = (await counterAction(staff, { action: 'next', counterId: 'c3' })).call!;
      expect(call.announcement.clips).toContain('voice/zh/chuangkou');
      await expect.poll(() => page.getByTestId('latest-counter').textContent()).toBe('→3 號窗口Window 3');
      const entry = await announced(page, call);
      expect(entry.steps).toEqual(call.announcement.clips);
      await snap(page, 'calls-board-prison', HIGHLIGHT_MS);
      expect(page.errors).toEqual([]);
    } finally {
      await context.close();
      await prison.stop();
    }
  }, 60_000);
});

describe('no page broke', () => {
  it('logged no errors', () => {
    for (const page of [board, devices]) {
      expect(page.errors.filter((e) => !/WebSocket|Failed to load resource/.test(e))).toEqual([]);
    }
  });
});

/** The call a keypad made (its response carries no call): rebuilt with the site's counter word. */
function placeholderCall(id: number, number: string, counter: number): Call {
  return {
    id,
    number,
    serviceId: 'consult',
    counterId: `c${counter}`,
    counterNumber: counter,
    calledAt: '',
    recall: false,
    priority: false,
    announcement: announcementFor(number, counter, t.lobby.site.counterWord),
  };
}
