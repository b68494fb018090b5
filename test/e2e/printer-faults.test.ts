/**
 * What the kiosk does with printer faults (browser): a fault pauses issuing
 * within 1 s with a bilingual notice, clearing it resumes by itself, paper
 * near end only warns staff, a ticket that did not print shows on the kiosk
 * and on the staff devices tab, and staff reprint it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ROUTES, type IssuedTicket, type SimFault } from '../../core/contract';
import { launchBrowser, openPage, signInWithForm, snap, type PageWithErrors } from '../helpers/browser';
import { createFirstAdmin, httpClient, issueTicket, startTestLobby, TEST_ADMIN, type HttpClient, type TestLobby } from '../helpers/lobby';

/** Faults that stop the printer: the kiosk must stop offering tickets. */
const BLOCKING: SimFault[] = ['paper-end', 'cover-open', 'offline', 'cutter-error', 'unplugged'];
const SERVICE = 'consult';

let t: TestLobby;
let browser: Browser;
let admin: HttpClient;
let kiosk: Page;
let staff: Page;
/** fault → ms from the injection's HTTP response to the kiosk notice in the DOM. */
const noticeMs: Record<string, number> = {};

/** A page in its own browser context, or in `from`'s (sharing its staff session cookie). */
async function open(path: string, size = { width: 1920, height: 1080 }, from?: BrowserContext): Promise<PageWithErrors> {
  const context = from ?? (await browser.newContext({ viewport: size, locale: 'zh-TW' }));
  // This browser was provisioned as a kiosk (the cookie the one-time set-up link leaves).
  if (!from) await context.addCookies([t.kioskCookie]);
  return openPage(context, t.url + path, { size: from ? size : undefined });
}

/** Screenshots wait for the entry animations. */
const ENTRY_MS = 500;

/** An attribute now, or null when the element is not there (never waits for it). */
async function attrNow(locator: Locator, name: string): Promise<string | null> {
  return (await locator.count()) > 0 ? locator.first().getAttribute(name, { timeout: 1000 }) : null;
}

async function inject(fault: SimFault | null): Promise<number> {
  const res = await admin.post(ROUTES.simPrinterFault.path, { fault });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Date.now();
}

/** The kiosk offers its services: the buttons are there and usable, no pause notice. */
async function expectOffered(page: Page, timeout = 10_000): Promise<void> {
  await page.getByTestId(`service-${SERVICE}`).waitFor({ state: 'visible', timeout });
  await expect.poll(() => page.getByTestId(`service-${SERVICE}`).isEnabled(), { timeout }).toBe(true);
  expect(await page.getByTestId('kiosk-paused').count()).toBe(0);
}

/** Start watching for the pause notice in the page; returns once the watcher is installed. */
async function watchForPause(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __pausedAt: number | null; __pauseObserver?: MutationObserver };
    w.__pauseObserver?.disconnect();
    w.__pausedAt = null;
    const seen = () => {
      const el = document.querySelector('[data-testid="kiosk-paused"]');
      if (!el || el.getBoundingClientRect().height === 0) return false;
      w.__pausedAt = Date.now();
      return true;
    };
    if (seen()) return;
    const mo = new MutationObserver(() => {
      if (seen()) mo.disconnect();
    });
    mo.observe(document.body, { childList: true, subtree: true, attributes: true });
    w.__pauseObserver = mo;
  });
}

async function pausedAt(page: Page, timeout = 3000): Promise<number> {
  const handle = await page.waitForFunction(() => (window as unknown as { __pausedAt: number | null }).__pausedAt, null, {
    timeout,
    polling: 10,
  });
  return (await handle.jsonValue()) as number;
}

/** No service button can be used: none is rendered, or every one is disabled. */
async function servicesUsable(page: Page): Promise<number> {
  return page.locator('button[data-testid^="service-"]').evaluateAll(
    (els) => els.filter((el) => !(el as HTMLButtonElement).disabled && (el as HTMLElement).offsetParent !== null).length,
  );
}

beforeAll(async () => {
  t = await startTestLobby();
  admin = await createFirstAdmin(t);
  browser = await launchBrowser();
  kiosk = await open('/kiosk', { width: 1080, height: 1920 });
  staff = await open('/staff');
  await signInWithForm(staff, TEST_ADMIN);
  await staff.getByTestId('tab-devices').waitFor();
});

afterAll(async () => {
  if (admin) await admin.post(ROUTES.simPrinterFault.path, { fault: null }).catch(() => undefined);
  await browser?.close();
  await t?.stop();
  if (Object.keys(noticeMs).length) console.log('fault → kiosk notice (ms):', JSON.stringify(noticeMs));
});

describe('a printer fault pauses the kiosk within 1 s and clearing it resumes', () => {
  it('the kiosk offers its services while the printer is ready', async () => {
    await expectOffered(kiosk);
    await snap(kiosk, 'faults-kiosk-ready', ENTRY_MS);
  });

  for (const fault of BLOCKING) {
    it(`${fault}: the notice shows and no service can be used, then it resumes`, async () => {
      await expectOffered(kiosk);
      await watchForPause(kiosk);
      const injectedAt = await inject(fault);
      const seenAt = await pausedAt(kiosk);
      const ms = seenAt - injectedAt;
      noticeMs[fault] = ms;
      expect(ms, `${fault}: notice after ${ms} ms`).toBeLessThan(1000);

      const notice = kiosk.getByTestId('kiosk-paused');
      expect(await notice.isVisible()).toBe(true);
      expect(await servicesUsable(kiosk)).toBe(0);
      const text = (await notice.textContent()) ?? '';
      for (const words of ['暫停取號', 'Ticket issuing paused', '請洽服務台', 'Please ask at the information desk']) {
        expect(text).toContain(words);
      }
      await snap(kiosk, `faults-kiosk-paused-${fault}`, ENTRY_MS);

      // staff see the error on whatever tab they are on
      const alert = staff.getByTestId('device-alert');
      await expect.poll(() => attrNow(alert, 'data-level')).toBe('error');
      if (fault === 'paper-end') expect(await alert.textContent()).toContain('印表機缺紙 Printer out of paper');
      if (fault === 'unplugged') expect(await alert.textContent()).toContain('Printer disconnected');
      await snap(staff, `faults-staff-alert-${fault}`, ENTRY_MS);

      await inject(null);
      await expectOffered(kiosk);
      await expect.poll(() => staff.getByTestId('device-alert').count(), { timeout: 10_000 }).toBe(0);
    });
  }

  it('the English kiosk says the same, large', async () => {
    await kiosk.getByTestId('lang-en').click();
    await watchForPause(kiosk);
    await inject('paper-end');
    await pausedAt(kiosk);
    const primary = kiosk.locator('.kiosk-paused__title .dual__primary');
    expect(await primary.textContent()).toBe('Ticket issuing paused');
    // no text on the kiosk is smaller than 24 px
    const smallest = await kiosk.locator('[data-testid="kiosk"] *').evaluateAll((els) =>
      Math.min(
        ...els
          .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== ''))
          .map((el) => parseFloat(getComputedStyle(el).fontSize)),
      ),
    );
    expect(smallest).toBeGreaterThanOrEqual(24);
    await snap(kiosk, 'faults-kiosk-paused-en', ENTRY_MS);
    await kiosk.setViewportSize({ width: 1920, height: 1080 }); // a landscape kiosk
    await snap(kiosk, 'faults-kiosk-paused-en-landscape', ENTRY_MS);
    await kiosk.setViewportSize({ width: 1080, height: 1920 });
    await inject(null);
    await expectOffered(kiosk);
    await kiosk.getByTestId('lang-zh').click();
  });
});

describe('paper near end', () => {
  it('keeps the kiosk issuing and warns staff', async () => {
    await inject('paper-near-end');
    const alert = staff.getByTestId('device-alert');
    await expect.poll(() => attrNow(alert, 'data-level'), { timeout: 5000 }).toBe('warning');
    expect(await alert.textContent()).toContain('印表機紙張將用完 Printer paper low');
    await snap(staff, 'faults-staff-near-end', ENTRY_MS);

    // the server knows; the kiosk must still offer every service
    await expectOffered(kiosk);
    await kiosk.getByTestId(`service-${SERVICE}`).click();
    await kiosk.getByTestId('ticket-number').waitFor({ timeout: 5000 });
    expect(await kiosk.getByTestId('ticket-number').textContent()).toMatch(/^[A-Z]\d{3}$/);
    expect(await kiosk.getByTestId('ticket-result').getAttribute('data-print')).toBe('printed');
    await snap(kiosk, 'faults-kiosk-near-end-ticket', ENTRY_MS);
    await kiosk.waitForTimeout(700); // the result ignores the tail of the issuing tap
    await kiosk.getByTestId('ticket-result').click();
    await kiosk.getByTestId('ticket-result').waitFor({ state: 'detached' });

    await inject(null);
    await expect.poll(() => staff.getByTestId('device-alert').count(), { timeout: 5000 }).toBe(0);
  });
});

describe('the simulator panel', () => {
  it('asks for an admin sign-in rather than failing silently', async () => {
    const anon = await open('/devices', { width: 1280, height: 1000 });
    await anon.getByTestId('sim-fault-paper-end').click();
    const err = anon.getByTestId('sim-fault-error');
    await err.waitFor();
    expect(await err.getAttribute('data-kind')).toBe('signin');
    expect(await err.textContent()).toContain('請先以管理員登入');
    expect(await err.textContent()).toContain('Sign in at /staff as an admin');
    expect(await anon.getByTestId('printer-state').getAttribute('data-fault')).toBe('');
    await snap(anon, 'faults-devices-signin', ENTRY_MS);
    await anon.close();
  });

  it('injects and clears faults with the staff session', async () => {
    const panel = await open('/devices', { width: 1280, height: 1000 }, staff.context());
    await panel.getByTestId('sim-fault-cover-open').click();
    await expect.poll(() => panel.getByTestId('printer-state').getAttribute('data-fault')).toBe('cover-open');
    expect(await panel.getByTestId('sim-fault-cover-open').getAttribute('aria-pressed')).toBe('true');
    await kiosk.getByTestId('kiosk-paused').waitFor({ timeout: 2000 });
    await snap(panel, 'faults-devices-cover-open', ENTRY_MS);
    await panel.getByTestId('sim-fault-clear').click();
    await expect.poll(() => panel.getByTestId('printer-state').getAttribute('data-fault')).toBe('');
    await expectOffered(kiosk);
    expect(await panel.getByTestId('sim-fault-error').count()).toBe(0);
    await panel.close();
  });
});

describe('a ticket that did not print', () => {
  let failedNumber: string | null = null;

  it('the kiosk shows the number and sends the citizen to the desk', async () => {
    const won = await failOnePrint();
    let page: Page = kiosk;
    if (won) {
      failedNumber = won;
    } else {
      // The real race is lost almost every time (the print leaves in the same tick as the issue):
      // still check the screen, with the server's own answer marked as failed.
      console.log('failed-print screen: checked with the server answer rewritten to print:"failed" (the real race was lost)');
      await expectOffered(kiosk);
      await kiosk.route(`**${ROUTES.issueTicket.path}`, async (route) => {
        const res = await route.fetch();
        const body = (await res.json()) as IssuedTicket;
        await route.fulfill({ response: res, json: { ...body, print: 'failed' } });
      });
      try {
        await kiosk.getByTestId(`service-${SERVICE}`).click();
        await kiosk.getByTestId('ticket-result').waitFor({ timeout: 8000 });
      } finally {
        await kiosk.unroute(`**${ROUTES.issueTicket.path}`);
      }
      page = kiosk;
    }
    expect(await page.getByTestId('ticket-result').getAttribute('data-print')).toBe('failed');
    const number = (await page.getByTestId('ticket-number').textContent()) ?? '';
    expect(number).toMatch(/^[A-Z]\d{3}$/);
    const notice = page.getByTestId('print-failed');
    expect(await notice.isVisible()).toBe(true);
    const text = (await notice.textContent()) ?? '';
    for (const words of ['號碼單未能印出', 'could not be printed', '請洽服務台', 'Please ask at the information desk']) expect(text).toContain(words);
    await snap(page, 'faults-kiosk-print-failed', ENTRY_MS);
    await page.waitForTimeout(200);
    await page.getByTestId('ticket-result').click();
    await page.getByTestId('ticket-result').waitFor({ state: 'detached' });
  });

  it('staff see the failed job on the devices tab and reprint it: the same number comes out again', async () => {
    let number = failedNumber;
    if (!number) {
      // A print that really fails: staff reprint a ticket while the cable is out; the job
      // waits for the link, gives up after its retries and is listed as failed.
      number = (await issueTicket(t, SERVICE)).number;
      await inject('unplugged');
      const res = await admin.post<{ job: { status: string } }>(ROUTES.reprint.path, { number });
      expect(res.status).toBe(200);
    }
    await staff.getByTestId('tab-devices').click();
    const row = staff.getByTestId(`failed-job-${number}`);
    await row.waitFor({ timeout: 20_000 });
    await snap(staff, 'faults-staff-failed-job', ENTRY_MS);

    // the printer is back; the reprint comes out
    await inject(null);
    await expectOffered(kiosk);
    await expect.poll(() => staff.getByTestId('device-alert').count(), { timeout: 10_000 }).toBe(0);
    const before = t.lobby.simulator?.receipts.length ?? 0;
    await staff.getByTestId(`reprint-${number}`).click();
    const ok = staff.getByTestId('reprint-ok');
    await ok.waitFor({ timeout: 8000 });
    expect(await ok.getAttribute('data-number')).toBe(number);
    expect(await ok.getAttribute('data-status')).toBe('printed');
    // once reprinted, the ticket is no longer listed as failed
    await row.waitFor({ state: 'detached', timeout: 5000 });
    await snap(staff, 'faults-staff-reprinted', ENTRY_MS);

    // a new receipt with the same number on the simulator panel
    expect(t.lobby.simulator?.receipts.length ?? 0).toBeGreaterThan(before);
    const devices = await open('/devices', { width: 1280, height: 1400 });
    const receipt = devices.getByTestId('receipt').first();
    await expect.poll(() => receipt.textContent(), { timeout: 5000 }).toContain(number);
    await snap(devices, 'faults-devices-reprint', ENTRY_MS);
    await devices.close();
  });

  it('any of today\'s tickets can be reprinted by number; errors show inline', async () => {
    const issued = await httpClient(t.url, { kiosk: t.kioskToken }).post<IssuedTicket>(ROUTES.issueTicket.path, { serviceId: SERVICE });
    const number = issued.body.number;
    const input = staff.locator('input[name="reprintNumber"]');
    await input.fill(number.toLowerCase());
    await staff.getByTestId('reprint-submit').click();
    const form = staff.getByTestId('reprint-form');
    await expect.poll(() => attrNow(form.getByTestId('reprint-ok'), 'data-number'), { timeout: 8000 }).toBe(number);
    expect(await input.inputValue()).toBe('');
    await input.fill('Z999');
    await staff.getByTestId('reprint-submit').click();
    await form.getByTestId('reprint-error').waitFor();
    expect(await form.getByTestId('reprint-error').textContent()).toContain('Z999');
    await input.fill('hello');
    await staff.getByTestId('reprint-submit').click();
    expect(await form.getByTestId('reprint-error').textContent()).toContain('A012');
    await snap(staff, 'faults-staff-reprint-form', ENTRY_MS);
  });
});

describe('raster images on the simulated paper', () => {
  it('draws a GS v 0 image dot for dot, aligned on the 576-dot paper', async () => {
    // A 200×48 raster: a 4-dot frame and a diagonal, rows padded to 25 bytes.
    const w = 200;
    const h = 48;
    const rowBytes = Math.ceil(w / 8);
    const bits = new Uint8Array(rowBytes * h);
    const set = (x: number, y: number) => (bits[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7));
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (x < 4 || y < 4 || x >= w - 4 || y >= h - 4 || Math.abs(x - y * 4) < 3) set(x, y);
      }
    }
    const image = { kind: 'image', widthDots: w, heightDots: h, bitsBase64: Buffer.from(bits).toString('base64'), align: 'center' };
    const text = (s: string) => ({ kind: 'text', text: s, align: 'center', width: 1, height: 1, bold: false });
    const receipt = { id: 'img-1', receivedAt: '2026-11-26T10:00:00+08:00', bytes: 1234, statusBytes: 0, cut: 'full', items: [image, text('logo above')] };
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-TW' });
    // The page's live socket talks to the real server; its devices.sim snapshots gain one receipt with an image.
    await context.routeWebSocket(/\/live$/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((raw) => {
        const msg = JSON.parse(String(raw)) as { type: string; topic?: string; data?: { printer: { receipts: unknown[] } } };
        if (msg.type === 'snapshot' && msg.topic === 'devices.sim' && msg.data) msg.data.printer.receipts = [receipt];
        ws.send(JSON.stringify(msg));
      });
    });
    const page = await context.newPage();
    await page.goto(t.url + '/devices');
    const img = page.getByTestId('receipt-image');
    await img.waitFor({ timeout: 5000 });
    const drawn = await img.evaluate(async (el: HTMLImageElement) => {
      await el.decode();
      const c = document.createElement('canvas');
      c.width = el.naturalWidth;
      c.height = el.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(el, 0, 0);
      const alpha = (x: number, y: number) => ctx.getImageData(x, y, 1, 1).data[3];
      const box = el.getBoundingClientRect();
      const paper = el.closest('[data-testid="receipt"]')!.getBoundingClientRect();
      return {
        natural: [el.naturalWidth, el.naturalHeight],
        css: [box.width, box.height],
        centred: Math.abs(box.left - paper.left - (paper.right - box.right)) <= 1,
        paperWidth: paper.width,
        corner: alpha(0, 0),
        inside: alpha(20, 20),
        diagonal: alpha(40, 10),
      };
    });
    expect(drawn.natural).toEqual([w, h]);
    expect(drawn.css).toEqual([w, h]); // 1 dot = 1 CSS px
    expect(drawn.paperWidth).toBe(576);
    expect(drawn.centred).toBe(true);
    expect(drawn.corner).toBe(255); // black dot
    expect(drawn.inside).toBe(0); // white dot: the paper shows through
    expect(drawn.diagonal).toBe(255);
    await snap(page, 'faults-devices-raster', ENTRY_MS);
    await context.close();
  });
});

describe('no page broke', () => {
  it('logged no errors', () => {
    for (const page of [kiosk, staff] as PageWithErrors[]) {
      expect(page.errors.filter((e) => !/WebSocket|Failed to load resource/.test(e))).toEqual([]);
    }
  });
});

/**
 * Make the printer fail after a number was issued, from the kiosk in the browser:
 * the kiosk's request goes out and the cable is pulled right behind it. Returns the
 * ticket number, or null (saying why) when the race was lost every time.
 */
async function failOnePrint(attempts = 1): Promise<string | null> {
  const outcomes: string[] = [];
  for (let i = 0; i < attempts; i++) {
    await inject(null);
    await expectOffered(kiosk);
    let issued: IssuedTicket | null = null;
    let status = 0;
    await kiosk.route(`**${ROUTES.issueTicket.path}`, async (route) => {
      const pending = route.fetch();
      const pulled = admin.post(ROUTES.simPrinterFault.path, { fault: 'unplugged' });
      const res = await pending;
      await pulled;
      status = res.status();
      if (status === 201) issued = (await res.json()) as IssuedTicket;
      await route.fulfill({ response: res });
    });
    try {
      await kiosk.getByTestId(`service-${SERVICE}`).click();
      await kiosk.locator('[data-testid="ticket-result"], [data-testid="issue-error"]').first().waitFor({ timeout: 8000 });
    } finally {
      await kiosk.unroute(`**${ROUTES.issueTicket.path}`);
    }
    const got = issued as IssuedTicket | null;
    if (got?.print === 'failed') return got.number;
    outcomes.push(got ? `${got.number} ${got.print}` : `refused (${status})`);
    // back to the home screen for the next try
    await kiosk.waitForTimeout(700);
    await kiosk.locator('[data-testid="ticket-result"], [data-testid="issue-error"]').first().click();
    await kiosk.locator('[data-testid="ticket-result"], [data-testid="issue-error"]').first().waitFor({ state: 'detached' });
  }
  await inject(null);
  await expectOffered(kiosk);
  console.log(`failed print after issue: race lost ${attempts}× (${outcomes.join('; ')}); the kiosk screen is checked with a rewritten answer instead`);
  return null;
}
