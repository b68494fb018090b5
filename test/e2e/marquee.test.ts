/**
 * The marquee (跑馬燈) and the emergency broadcast, end to end in the browser:
 * desk staff write a message in /staff and it scrolls on the /calls band live
 * (no reload) and shows on the simulated LED signs on /devices; markup in a
 * message is shown as characters everywhere; editing while the band scrolls
 * never throws it back to the start; an admin raises an emergency that covers
 * /calls and /kiosk (and is announced on /calls) and clears it, leaving the
 * boards exactly as they were; while it is on, /calls holds its call
 * announcements (one audio line: the call being spoken is cut off, calls made
 * meanwhile are announced after the clear, nothing sounds over anything).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROUTES, type CounterActionResponse, type MarqueeMessage } from '../../core/contract';
import { copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, shot, signedInContext, type PageWithErrors } from '../helpers/browser';
import { createFirstAdmin, httpClient, startTestLobby, TEST_ADMIN, type HttpClient, type TestLobby } from '../helpers/lobby';

const DESK = { username: 'desk1', displayName: '服務台 林小姐', password: 'desk-password-1' };

const NEWS = { zh: '本署自十二月一日起延長服務時間至晚上七點', en: 'From 1 December the office stays open until 7 p.m.' };
const HOSTILE = '<script>alert(1)</script><b>x</b>';

let t: TestLobby;
let rendererCopy = '';
let browser: Browser;
let admin: HttpClient;
let deskContext: BrowserContext;
let adminContext: BrowserContext;
let staff: PageWithErrors;
let board: PageWithErrors;
let devices: PageWithErrors;
const sizes: Record<string, number> = {};

const open = (context: BrowserContext, path: string, size = { width: 1920, height: 1080 }) => openPage(context, t.url + path, { size });

/** An entry of the call board's announcement log (`data-announced`, see announcedAttr). */
interface Logged {
  id: number;
  via: string;
  steps: string[];
}

interface SoundWatch {
  overlaps: number;
  plays: { src: string; t: number }[];
}

/** In the page: counts any clip that starts while another still sounds, and lists every play (path, time). */
function watchSound() {
  const w = window as unknown as { __sound?: SoundWatch };
  if (w.__sound) return;
  const s: SoundWatch = { overlaps: 0, plays: [] };
  w.__sound = s;
  const started = new Set<HTMLMediaElement>();
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    for (const a of started) if (a !== this && !a.paused && !a.ended) s.overlaps++;
    started.add(this);
    s.plays.push({ src: new URL(this.src).pathname, t: performance.now() });
    return play.call(this);
  };
}

/** How far the band has scrolled: minus the track's translateX, in px. */
async function bandOffset(page: Page): Promise<number> {
  return page.getByTestId('marquee-band-track').evaluate((el) => -new DOMMatrixReadOnly(getComputedStyle(el).transform).m41);
}

async function messages(): Promise<MarqueeMessage[]> {
  return (await admin.get<{ messages: MarqueeMessage[] }>(ROUTES.listMarquee.path)).body.messages;
}

/** Write a message through the staff form; returns it as the server stored it. */
async function writeInForm(page: Page, text: { zh: string; en: string }): Promise<MarqueeMessage> {
  await page.getByTestId('marquee-new').click();
  await page.getByTestId('marquee-zh').fill(text.zh);
  await page.getByTestId('marquee-en').fill(text.en);
  await page.getByTestId('marquee-save').click();
  await page.getByTestId('marquee-saved').waitFor();
  const m = (await messages()).find((x) => x.zh === text.zh && x.en === text.en);
  expect(m).toBeTruthy();
  await page.getByTestId(`marquee-row-${m!.id}`).waitFor();
  return m!;
}

beforeAll(async () => {
  rendererCopy = await copyBuiltRenderer();
  t = await startTestLobby({ rendererDir: rendererCopy });
  admin = await createFirstAdmin(t);
  expect((await admin.post(ROUTES.createUser.path, { ...DESK, roles: ['desk'] })).status).toBe(201);
  browser = await launchBrowser();

  deskContext = await signedInContext(browser, t.url, DESK);
  adminContext = await signedInContext(browser, t.url, TEST_ADMIN);
  staff = await open(deskContext, '/staff', { width: 1600, height: 1200 });
  await staff.getByTestId('tab-marquee').click();
  await staff.getByTestId('marquee-form').waitFor();

  // The hall's TV: public, its own context; a mark that survives only if the page never reloads.
  const tv = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1920, height: 1080 } });
  board = await open(tv, '/calls');
  await board.getByTestId('marquee-slot').waitFor();
  await board.evaluate(() => ((window as unknown as { __sameLoad: boolean }).__sameLoad = true));
  devices = await open(adminContext, '/devices', { width: 1400, height: 1400 });
  await devices.getByTestId('sign-lobby-led').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  removeRendererCopy(rendererCopy);
  if (Object.keys(sizes).length) console.log('marquee text sizes (px):', JSON.stringify(sizes));
});

describe('a message written at the desk', () => {
  it('the band is empty while there is nothing to show', async () => {
    expect(await board.getByTestId('marquee-band').getAttribute('data-count')).toBe('0');
    expect(((await board.getByTestId('marquee-slot').textContent()) ?? '').trim()).toBe('');
  });

  it('previews each target, then shows on /calls live and on both simulated signs', async () => {
    await staff.getByTestId('marquee-zh').fill(NEWS.zh);
    await staff.getByTestId('marquee-en').fill('Café “open” till 7 p.m.');
    // Onbon: Chinese then English; Alpha: the English alone, what its Latin font lacks replaced.
    // The server works each sign's text out with its encoder, once typing pauses: wait for the answer.
    const signText = (id: string) => staff.getByTestId(`marquee-preview-sign-${id}`).getAttribute('data-text');
    await expect.poll(() => signText('lobby-led'), { timeout: 10_000 }).toBe(`${NEWS.zh} Café “open” till 7 p.m.`);
    await expect.poll(() => signText('entrance-led'), { timeout: 10_000 }).toBe('Cafe "open" till 7 p.m.');
    expect(await staff.getByTestId('marquee-preview-sign-entrance-led-replaced').textContent()).toContain('「é」→ e');
    expect(await staff.getByTestId('marquee-preview-screen').getAttribute('data-boards')).toBe('calls,hearings,detainees');
    expect(await staff.getByTestId('marquee-preview-band').textContent()).toContain(NEWS.zh);
    await staff.getByTestId('marquee-preview-sign-entrance-led').scrollIntoViewIfNeeded();
    await staff.screenshot({ path: shot('marquee-staff-preview'), fullPage: true });

    await staff.getByTestId('marquee-en').fill(NEWS.en);
    await staff.getByTestId('marquee-save').click();
    await staff.getByTestId('marquee-saved').waitFor();
    const m = (await messages()).find((x) => x.zh === NEWS.zh)!;
    const row = staff.getByTestId(`marquee-row-${m.id}`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('showing');
    expect(await row.textContent()).toContain('播放中 Showing');
    // the form is blank and new again: the next message typed is another one (test/e2e/marquee-editor.test.ts)
    expect(await staff.getByTestId('marquee-form').getAttribute('data-editing')).toBe('');

    // /calls: live, without a reload
    const band = board.getByTestId('marquee-band');
    await expect.poll(() => band.getAttribute('data-count')).toBe('1');
    const text = (await band.textContent()) ?? '';
    expect(text).toContain(NEWS.zh);
    expect(text).toContain(NEWS.en);
    expect(text).toContain('最新消息');
    expect(await board.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad)).toBe(true);

    // /devices: what each sign decoded from its frames
    await expect.poll(() => devices.getByTestId('sign-lobby-led-led').getAttribute('data-text')).toBe(`${NEWS.zh} ${NEWS.en}`);
    await expect.poll(() => devices.getByTestId('sign-entrance-led-led').getAttribute('data-text')).toBe(NEWS.en);
    expect(await devices.getByTestId('sign-lobby-led-protocol').textContent()).toContain('Onbon');
    expect(Number(await devices.getByTestId('sign-lobby-led').getAttribute('data-frames'))).toBeGreaterThan(0);

    await board.waitForTimeout(1500);
    await board.screenshot({ path: shot('marquee-calls-band') });
    await devices.getByTestId('signs').screenshot({ path: shot('marquee-devices-signs') });

    // readable across a hall
    const m2 = await board.evaluate(() => {
      const px = (sel: string) => Math.min(...[...document.querySelectorAll(sel)].map((e) => parseFloat(getComputedStyle(e).fontSize)));
      const band = document.querySelector('[data-testid="marquee-band"]')!.getBoundingClientRect();
      return { bandZh: px('.mq__zh'), bandEn: px('.mq__en'), bandChip: px('.mq__chip'), bandHeight: band.height, bandWidth: band.width };
    });
    Object.assign(sizes, m2);
    expect(m2.bandZh).toBeGreaterThanOrEqual(40);
    expect(m2.bandEn).toBeGreaterThanOrEqual(40);
    expect(m2.bandChip).toBeGreaterThanOrEqual(40);
    expect(m2.bandWidth).toBe(1920);
  }, 60_000);

  it('scrolls right to left by transform only, at the site speed', async () => {
    const a = await bandOffset(board);
    await board.waitForTimeout(1000);
    const b = await bandOffset(board);
    const moved = b > a ? b - a : b + Number(await board.getByTestId('marquee-band-track').getAttribute('data-width')) - a;
    expect(moved).toBeGreaterThan(60); // 90 px/s
    expect(moved).toBeLessThan(130);
    const animations = await board.getByTestId('marquee-band-track').evaluate((el) =>
      el.getAnimations().map((an) => ((an.effect as KeyframeEffect).getKeyframes() as { transform?: string }[]).map((k) => k.transform)),
    );
    expect(animations).toEqual([['translateX(0px)', 'translateX(-50%)']]);
  });
});

describe('markup is text', () => {
  it(`"${HOSTILE}" shows as those characters on /calls, /devices and /staff; no element, no dialog`, async () => {
    const m = await writeInForm(staff, { zh: HOSTILE, en: HOSTILE });
    const band = board.getByTestId('marquee-band');
    await expect.poll(() => band.getAttribute('data-count')).toBe('2');
    expect(await band.textContent()).toContain(HOSTILE);
    await expect.poll(() => devices.getByTestId('sign-lobby-led-led').getAttribute('data-text')).toContain(`${HOSTILE} ${HOSTILE}`);
    expect(await devices.getByTestId('sign-entrance-led-led').getAttribute('data-text')).toContain(HOSTILE);
    expect(await devices.getByTestId('sign-lobby-led').textContent()).toContain(HOSTILE);
    expect(await staff.getByTestId(`marquee-row-${m.id}`).textContent()).toContain(HOSTILE);
    for (const page of [board, devices, staff]) {
      expect(await page.locator('b, script:not([src])').count(), page.url()).toBe(0);
      expect(page.dialogs).toEqual([]);
    }
    // bring it to the left edge for the picture (the band carries on from there)
    const shown = await board.evaluate((id) => {
      const track = document.querySelector('[data-testid="marquee-band-track"]') as HTMLElement;
      const item = track.querySelector(`[data-mid="${id}"]`) as HTMLElement;
      const anim = track.getAnimations()[0]!;
      const width = Number(track.dataset.width);
      anim.currentTime = (Math.max(0, item.offsetLeft - 40) / width) * Number(anim.effect!.getTiming().duration);
      const r = item.getBoundingClientRect();
      return { left: r.left, text: item.textContent };
    }, m.id);
    expect(shown.left).toBeLessThan(1920);
    expect(shown.text).toContain(HOSTILE);
    await board.screenshot({ path: shot('marquee-calls-markup') });
  });
});

describe('editing while the band scrolls', () => {
  it('does not jump back to the start: the offset carries on', async () => {
    const news = (await messages()).find((x) => x.zh === NEWS.zh)!;
    // let it scroll well away from the start
    await expect.poll(() => bandOffset(board), { timeout: 15_000 }).toBeGreaterThan(300);
    // every frame: the offset and the band's text, in the page
    await board.evaluate(() => {
      const w = window as unknown as { __frames: { t: number; x: number; n: number }[]; __stop: boolean };
      w.__frames = [];
      w.__stop = false;
      const track = document.querySelector('[data-testid="marquee-band-track"]') as HTMLElement;
      const tick = (t: number) => {
        const x = -new DOMMatrixReadOnly(getComputedStyle(track).transform).m41;
        w.__frames.push({ t, x, n: (track.textContent ?? '').length });
        if (!w.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const before = await bandOffset(board);
    await staff.getByTestId(`marquee-edit-${news.id}`).click();
    const longer = `${NEWS.en} Saturdays 9 a.m. to noon as well.`;
    await staff.getByTestId('marquee-en').fill(longer);
    await staff.getByTestId('marquee-save').click();
    await expect.poll(async () => (await board.getByTestId('marquee-band').textContent())?.includes('Saturdays')).toBe(true);
    await board.waitForTimeout(500);
    const frames = await board.evaluate(() => {
      const w = window as unknown as { __frames: { t: number; x: number; n: number }[]; __stop: boolean };
      w.__stop = true;
      return w.__frames;
    });
    const after = await bandOffset(board);
    const width = Number(await board.getByTestId('marquee-band-track').getAttribute('data-width'));
    // the content changed during the recording
    const change = frames.findIndex((f, i) => i > 0 && f.n !== frames[i - 1]!.n);
    expect(change).toBeGreaterThan(0);
    // every step, the change included, is what 90 px/s makes of the time between frames (a wrap of the loop aside)
    const jumps = frames
      .slice(1)
      .map((f, i) => {
        const prev = frames[i]!;
        const step = f.x - prev.x;
        return { step, expected: ((f.t - prev.t) / 1000) * 90, wrapped: step < -width / 2 };
      })
      .filter((s) => !s.wrapped && Math.abs(s.step - s.expected) > 12);
    expect(jumps).toEqual([]);
    expect(after).toBeGreaterThan(Math.min(before, 200)); // not restarted from zero
    sizes.editOffsetBefore = Math.round(before);
    sizes.editOffsetAfter = Math.round(after);
    sizes.editFrames = frames.length;
  }, 40_000);

  it('a deleted message leaves the band (after a confirm)', async () => {
    const hostile = (await messages()).find((x) => x.zh === HOSTILE)!;
    await staff.getByTestId(`marquee-delete-${hostile.id}`).click();
    await staff.getByTestId(`marquee-delete-confirm-${hostile.id}`).click();
    await staff.getByTestId(`marquee-row-${hostile.id}`).waitFor({ state: 'detached' });
    await expect.poll(() => board.getByTestId('marquee-band').getAttribute('data-count')).toBe('1');
    expect(await board.getByTestId('marquee-band').textContent()).not.toContain(HOSTILE);
    await staff.screenshot({ path: shot('marquee-staff-list'), fullPage: true });
  });

  it('names the field when a message is refused', async () => {
    await staff.getByTestId('marquee-new').click();
    await staff.getByTestId('marquee-zh').fill('測試');
    await staff.getByTestId('marquee-en').fill('Test');
    await staff.getByTestId('marquee-starts').fill('2026-12-02T09:00');
    await staff.getByTestId('marquee-ends').fill('2026-12-01T09:00');
    await staff.getByTestId('marquee-save').click();
    const err = staff.getByTestId('marquee-error');
    await err.waitFor();
    expect(await err.textContent()).toContain('endsAt: the end is before the start');
    expect(await err.getAttribute('data-field')).toBe('endsAt');
    expect(await staff.getByTestId('marquee-ends').getAttribute('aria-invalid')).toBe('true');
    await staff.getByTestId('marquee-new').click();
    // a new form starts clean
    expect(await staff.getByTestId('marquee-ends').getAttribute('aria-invalid')).toBeNull();
    expect(await staff.getByTestId('marquee-error').count()).toBe(0);
  });
});

describe('an emergency', () => {
  it('covers /calls and /kiosk, is announced on /calls, and clearing leaves the boards as they were', async () => {
    // a call on the board first
    expect((await httpClient(t.url, { kiosk: t.kioskToken }).post(ROUTES.issueTicket.path, { serviceId: 'consult' })).status).toBe(201);
    const called = await admin.post<CounterActionResponse>(ROUTES.counterAction.path, { action: 'next', counterId: 'c1' });
    const number = called.body.call!.number;
    await expect.poll(() => board.getByTestId('latest-number').textContent()).toBe(number);
    await board.getByTestId('calls-board').evaluate((el) => ((el as unknown as { __mark: number }).__mark = 42));

    const kioskContext = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1080, height: 1920 } });
    await kioskContext.addCookies([t.kioskCookie]);
    const kiosk = await open(kioskContext, '/kiosk', { width: 1080, height: 1920 });
    await kiosk.waitForTimeout(1000);

    const console_ = await open(adminContext, '/staff', { width: 1600, height: 1200 });
    await console_.getByTestId('tab-emergency').click();
    await console_.locator('label', { has: console_.getByTestId('emergency-kind-fire') }).click();
    expect(await console_.getByTestId('emergency-kind-fire').isChecked()).toBe(true);
    await console_.getByTestId('emergency-zh').fill('三樓發生火警，請依指示由樓梯疏散，勿搭電梯');
    await console_.getByTestId('emergency-en').fill('Fire on the 3rd floor: leave by the stairs, do not use the lifts');
    await console_.getByTestId('emergency-raise').click();
    await console_.getByTestId('emergency-confirm-box').waitFor();
    expect(await board.getByTestId('emergency-overlay').count()).toBe(0); // nothing until confirmed
    await console_.screenshot({ path: shot('marquee-staff-emergency-confirm'), fullPage: true });
    await console_.getByTestId('emergency-confirm').click();

    const overlay = board.getByTestId('emergency-overlay');
    await overlay.waitFor();
    expect(await overlay.getAttribute('data-kind')).toBe('fire');
    expect(await overlay.textContent()).toContain('三樓發生火警');
    expect(await overlay.textContent()).toContain('Fire on the 3rd floor');
    const kioskOverlay = kiosk.getByTestId('emergency-overlay');
    await kioskOverlay.waitFor();
    expect(await kioskOverlay.textContent()).toContain('Fire on the 3rd floor');
    // the board speaks: the chime three times (headless Chromium has no voice)
    await expect.poll(() => overlay.getAttribute('data-announced'), { timeout: 20_000 }).toMatch(/^chime,chime,chime/);
    // staff see a banner; the signs flash the emergency
    await expect.poll(() => staff.getByTestId('emergency-banner').count()).toBe(1);
    expect(await staff.getByTestId('emergency-banner-clear').count()).toBe(0); // desk staff cannot clear
    await expect.poll(() => devices.getByTestId('sign-lobby-led-led').getAttribute('data-text')).toContain('三樓發生火警');

    const m = await kiosk.evaluate(() => {
      const px = (sel: string) => parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize);
      const r = document.querySelector('[data-testid="emergency-overlay"]')!.getBoundingClientRect();
      return { zh: px('.emergency__zh'), en: px('.emergency__en'), time: px('.emergency__time'), w: r.width, h: r.height };
    });
    sizes.kioskEmergencyZh = m.zh;
    sizes.kioskEmergencyEn = m.en;
    expect(m.time).toBeGreaterThanOrEqual(24);
    expect(m.en).toBeGreaterThanOrEqual(32);
    expect([m.w, m.h]).toEqual([1080, 1920]);
    const covered = await kiosk.evaluate(() => document.elementFromPoint(540, 1800)?.closest('[data-testid="emergency-overlay"]') !== null);
    expect(covered).toBe(true); // taps land on the overlay, not on a service button
    await board.waitForTimeout(600);
    await board.screenshot({ path: shot('marquee-calls-emergency') });
    await kiosk.screenshot({ path: shot('marquee-kiosk-emergency') });
    await staff.screenshot({ path: shot('marquee-staff-emergency-banner') });

    await console_.getByTestId('emergency-clear').click();
    await overlay.waitFor({ state: 'detached' });
    await kioskOverlay.waitFor({ state: 'detached' });
    // exactly as before: the same board element (never unmounted), the same call, the band still there
    expect(await board.getByTestId('calls-board').evaluate((el) => (el as unknown as { __mark?: number }).__mark)).toBe(42);
    expect(await board.getByTestId('latest-number').textContent()).toBe(number);
    expect(await board.getByTestId('marquee-band').getAttribute('data-count')).toBe('1');
    expect(await board.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad)).toBe(true);
    await expect.poll(() => staff.getByTestId('emergency-banner').count()).toBe(0);
    await expect.poll(() => devices.getByTestId('sign-lobby-led-led').getAttribute('data-text')).not.toContain('三樓發生火警');
    await board.screenshot({ path: shot('marquee-calls-after-emergency') });
    expect(kiosk.errors.filter((e) => !/WebSocket|Failed to load resource/.test(e))).toEqual([]);
    await console_.close();
    await kioskContext.close();
  }, 60_000);

  it('holds call announcements on /calls while it is on: the call being spoken is cut off, a call made meanwhile waits, both are announced after the clear, never over the emergency', async () => {
    const logOf = async () => {
      const el = board.getByTestId('announce-log');
      const [raw, current, held] = await Promise.all([el.getAttribute('data-announced'), el.getAttribute('data-current'), el.getAttribute('data-held')]);
      return { log: JSON.parse(raw ?? '[]') as Logged[], current: current ?? '', held };
    };
    const vias = async (id: number) => (await logOf()).log.filter((e) => e.id === id).map((e) => e.via);
    const now = () => board.evaluate(() => performance.now());
    const sounds = () => board.evaluate(() => (window as unknown as { __sound: SoundWatch }).__sound);
    const urls = (c: { announcement: { clips: string[] } }) => c.announcement.clips.map((clip) => `/sounds/${clip}.wav`);
    await board.evaluate(watchSound);

    const kioskApi = httpClient(t.url, { kiosk: t.kioskToken });
    for (let i = 0; i < 2; i++) expect((await kioskApi.post(ROUTES.issueTicket.path, { serviceId: 'consult' })).status).toBe(201);
    const before = (await admin.post<CounterActionResponse>(ROUTES.counterAction.path, { action: 'next', counterId: 'c1' })).body.call!;
    // the board is speaking it (a few clips in, seconds from its end)
    await expect
      .poll(
        async () => {
          const { log, current } = await logOf();
          return current === String(before.id) && (log.find((e) => e.id === before.id)?.steps.length ?? 0) >= 2;
        },
        { timeout: 20_000, interval: 100 },
      )
      .toBe(true);

    const raisedAt = await now();
    expect((await admin.post(ROUTES.raiseEmergency.path, { kind: 'earthquake', zh: '地震，請就地掩護', en: 'Earthquake: drop, cover, hold on', endsAt: null })).status).toBe(201);
    const overlay = board.getByTestId('emergency-overlay');
    await overlay.waitFor();
    // cut off at once, and the board holds its calls
    await expect.poll(() => vias(before.id)).toEqual(['interrupted']);
    expect((await logOf()).held).toBe('true');

    // a call made during the emergency: on the board (under the overlay), not announced
    const during = (await admin.post<CounterActionResponse>(ROUTES.counterAction.path, { action: 'next', counterId: 'c2' })).body.call!;
    await expect.poll(() => board.getByTestId('latest-number').textContent()).toBe(during.number);
    await expect.poll(() => overlay.getAttribute('data-announced'), { timeout: 20_000 }).toMatch(/^chime,chime,chime/);
    await board.waitForTimeout(2000); // well past the emergency's sound: still nothing
    const held = await logOf();
    expect(held.log.filter((e) => e.id === during.id)).toEqual([]);
    expect(held.current).toBe('');
    expect(held.held).toBe('true');
    await board.screenshot({ path: shot('marquee-calls-emergency-call-held') });

    const clearedAt = await now();
    expect((await admin.post(ROUTES.clearEmergency.path, {})).status).toBe(200);
    await overlay.waitFor({ state: 'detached' });
    expect(await board.getByTestId('latest-number').textContent()).toBe(during.number);
    // after the clear: the cut-off call again from its chime, then the one made meanwhile (both well within the backlog rules)
    await expect
      .poll(async () => [await vias(before.id), await vias(during.id), (await logOf()).current], { timeout: 60_000, interval: 250 })
      .toEqual([['interrupted', 'clips'], ['clips'], '']);
    const { log } = await logOf();
    expect(log.filter((e) => e.id === before.id || e.id === during.id).map((e) => [e.id, e.via])).toEqual([
      [before.id, 'interrupted'],
      [before.id, 'clips'],
      [during.id, 'clips'],
    ]);
    expect((await logOf()).held).toBe('false');

    // what the loudspeaker did: no two sounds at once; while the emergency was on, its three chimes alone
    const sound = await sounds();
    expect(sound.overlaps).toBe(0);
    const whileOn = sound.plays.filter((p) => p.t >= raisedAt && p.t < clearedAt).map((p) => p.src);
    const first = whileOn.indexOf('/sounds/chime.wav');
    expect(whileOn.slice(first)).toEqual(['/sounds/chime.wav', '/sounds/chime.wav', '/sounds/chime.wav']);
    expect(whileOn.slice(0, first).every((src) => src.startsWith('/sounds/voice/'))).toBe(true); // the call's clips until the board heard of it
    expect(sound.plays.filter((p) => p.t >= clearedAt).map((p) => p.src)).toEqual([...urls(before), ...urls(during)]);
    await board.waitForTimeout(600);
    await board.screenshot({ path: shot('marquee-calls-after-emergency-call-announced') });
  }, 120_000);

  it('an end already past is refused by the server, the field named', async () => {
    const console_ = await open(adminContext, '/staff', { width: 1600, height: 1200 });
    await console_.getByTestId('tab-emergency').click();
    await console_.getByTestId('emergency-zh').fill('測試');
    await console_.getByTestId('emergency-en').fill('Test');
    await console_.getByTestId('emergency-ends').fill('2020-01-01T09:00');
    await console_.getByTestId('emergency-raise').click();
    await console_.getByTestId('emergency-confirm').click();
    const err = console_.getByTestId('emergency-error');
    await err.waitFor();
    expect(await err.textContent()).toContain('endsAt');
    expect(await board.getByTestId('emergency-overlay').count()).toBe(0);
    await console_.close();
  });
});

describe('an emergency with long texts and an end', () => {
  it('300 characters still fit on /calls and the portrait kiosk, and it goes away by itself at its end', async () => {
    const zh = '緊急公告：'.padEnd(300, '請保持冷靜依照現場人員指示行動');
    const en = 'Notice: '.padEnd(300, 'Please stay calm and follow the instructions of the staff on site. ');
    const endsAt = new Date(Date.now() + 6000).toISOString();
    expect((await admin.post(ROUTES.raiseEmergency.path, { kind: 'notice', zh, en, endsAt })).status).toBe(201);
    const kioskContext = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1080, height: 1920 } });
    await kioskContext.addCookies([t.kioskCookie]);
    const kiosk = await open(kioskContext, '/kiosk', { width: 1080, height: 1920 });
    for (const [page, name] of [
      [board, 'marquee-calls-emergency-long'],
      [kiosk, 'marquee-kiosk-emergency-long'],
    ] as const) {
      const overlay = page.getByTestId('emergency-overlay');
      await overlay.waitFor();
      const fit = await overlay.evaluate((el) => {
        const frame = el.querySelector('.emergency__frame')!.getBoundingClientRect();
        const px = (sel: string) => parseFloat(getComputedStyle(el.querySelector(sel)!).fontSize);
        return { top: frame.top, bottom: frame.bottom, height: innerHeight, zh: px('.emergency__zh'), en: px('.emergency__en'), scroll: el.scrollHeight <= el.clientHeight };
      });
      expect(fit.top, name).toBeGreaterThanOrEqual(0);
      expect(fit.bottom, name).toBeLessThanOrEqual(fit.height);
      expect(fit.en, name).toBeGreaterThanOrEqual(24);
      expect(fit.zh, name).toBeGreaterThanOrEqual(28);
      expect(fit.scroll, name).toBe(true);
      await page.screenshot({ path: shot(name) });
    }
    await board.getByTestId('emergency-overlay').waitFor({ state: 'detached', timeout: 15_000 });
    await kiosk.getByTestId('emergency-overlay').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await board.getByTestId('latest-call').count()).toBe(1);
    await kioskContext.close();
  }, 40_000);
});

describe('the simulated signs and the screens', () => {
  it('a sign taken offline and back (admin)', async () => {
    await devices.getByTestId('sign-lobby-led-offline').click();
    await expect.poll(() => devices.getByTestId('sign-lobby-led').getAttribute('data-offline')).toBe('true');
    await devices.getByTestId('sign-lobby-led').screenshot({ path: shot('marquee-devices-sign-offline') });
    await devices.waitForTimeout(2500); // the lobby polls the sign every second: it notices the silence
    await devices.getByTestId('sign-lobby-led-offline').click();
    await expect.poll(() => devices.getByTestId('sign-lobby-led').getAttribute('data-offline')).toBe('false');
    // back online (an Onbon card comes back blank), the lobby sends it the messages again
    await expect.poll(() => devices.getByTestId('sign-lobby-led-led').getAttribute('data-text'), { timeout: 15_000 }).toContain(NEWS.zh);
    expect(await devices.getByTestId('sign-lobby-led-error').count()).toBe(0);
  });

  it('every screen said hello: the staff health view lists /calls and /devices', async () => {
    const console_ = await open(adminContext, '/staff', { width: 1600, height: 1200 });
    await console_.getByTestId('tab-devices').click();
    const table = console_.getByTestId('devices-table');
    await table.waitFor();
    await expect.poll(async () => (await table.textContent()) ?? '').toContain('/calls');
    expect(await table.textContent()).toContain('/devices');
    await console_.close();
  });

  it('logged no errors', () => {
    for (const page of [board, devices, staff]) {
      expect(page.errors.filter((e) => !/WebSocket|Failed to load resource/.test(e)), page.url()).toEqual([]);
      expect(page.dialogs).toEqual([]);
    }
  });
});
