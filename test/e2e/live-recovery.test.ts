/**
 * A board and a server that hangs: the lobby runs in its own process and is frozen with
 * SIGSTOP (its sockets stay open, nothing answers, no close arrives). The /calls board
 * must show its reconnecting mark within 5 s, keep the last calls on screen meanwhile,
 * and be live again within 2 s of SIGCONT, showing the next call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { copyBuiltRenderer, launchBrowser, openPage, removeRendererCopy, shot, type PageWithErrors } from '../helpers/browser';
import { startChildLobby, type ChildLobby } from '../helpers/child-lobby';
import { counterAction, createFirstAdmin, issueTicket, type HttpClient } from '../helpers/lobby';

let lobby: ChildLobby;
let rendererCopy = '';
let browser: Browser;
let admin: HttpClient;
let board: PageWithErrors;

/** Records in the page the time the reconnecting mark appears and goes (MutationObserver: no polling delay). */
function watchMark() {
  const w = window as unknown as { __mark: { shown: number[]; hidden: number[] } };
  w.__mark = { shown: [], hidden: [] };
  let visible = false;
  new MutationObserver(() => {
    const now = !!document.querySelector('[data-testid="connection-mark"]');
    if (now === visible) return;
    visible = now;
    (now ? w.__mark.shown : w.__mark.hidden).push(Date.now());
  }).observe(document, { subtree: true, childList: true });
}

const marks = () => board.evaluate(() => (window as unknown as { __mark: { shown: number[]; hidden: number[] } }).__mark);

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() - start > ms) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  rendererCopy = await copyBuiltRenderer();
  lobby = await startChildLobby({ rendererDir: rendererCopy });
  admin = await createFirstAdmin(lobby);
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'zh-TW' });
  await context.addInitScript(watchMark);
  board = await openPage(context, `${lobby.url}/calls`, { size: { width: 1920, height: 1080 }, consoleErrors: false });
  await board.getByTestId('calls-board').waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await lobby?.stop();
  removeRendererCopy(rendererCopy);
});

describe('a board and a frozen server', () => {
  it('shows the reconnecting mark within 5 s of a silent server, keeps the last call, and is live again within 2 s of its return', async () => {
    await issueTicket(lobby, 'consult');
    const first = await counterAction(admin, { action: 'next', counterId: 'c1' });
    await board.getByTestId('latest-number').filter({ hasText: first.call!.number }).waitFor();
    // Let the board settle into its heartbeat.
    await board.waitForTimeout(2500);

    const frozeAt = Date.now();
    lobby.freeze();
    // (The mark also showed while the page first connected: only its showing after the freeze counts.)
    const shown = await waitFor(marks, (m) => m.shown.some((t) => t >= frozeAt), 15_000);
    const shownAt = shown.shown.find((t) => t >= frozeAt);
    expect(shownAt, 'the reconnecting mark never appeared').toBeDefined();
    const toMark = shownAt! - frozeAt;
    await board.screenshot({ path: shot('calls-frozen-server-reconnecting') });
    // The last call stays on the board while it waits.
    expect(await board.getByTestId('latest-number').textContent()).toContain(first.call!.number);

    // Frozen a while longer: it keeps trying (each try hangs on the frozen server and is given up).
    await board.waitForTimeout(4000);
    const thawedAt = Date.now();
    lobby.thaw();
    const back = await waitFor(marks, (m) => m.hidden.some((t) => t >= thawedAt), 15_000);
    const hiddenAt = back.hidden.find((t) => t >= thawedAt);
    expect(hiddenAt, 'the board did not reconnect').toBeDefined();
    const toLive = hiddenAt! - thawedAt;
    console.log(`frozen server: reconnecting mark after ${toMark} ms (limit 5000); live again ${toLive} ms after SIGCONT (limit 2000)`);
    expect(toMark).toBeLessThanOrEqual(5000);
    expect(toLive).toBeLessThanOrEqual(2000);

    // And the next call reaches it.
    await issueTicket(lobby, 'consult');
    const next = await counterAction(admin, { action: 'next', counterId: 'c1' });
    await board.getByTestId('latest-number').filter({ hasText: next.call!.number }).waitFor({ timeout: 5000 });
  }, 120_000);
});
