import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROUTES } from '../../core/contract';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(process.cwd(), 'test-results', 'screens');

/** Debian's Chromium with the flags this closed network needs; never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export function shot(name: string): string {
  return join(ARTIFACTS, `${name}.png`);
}

/** A screenshot into ARTIFACTS (`<name>.png`) once the page has had `settleMs` to settle (entry animations, a highlight). */
export async function snap(page: Page, name: string, settleMs = 400): Promise<void> {
  await page.waitForTimeout(settleMs);
  await page.screenshot({ path: shot(name) });
}

/**
 * A page that keeps what went wrong in it: `errors` (uncaught errors and
 * console errors) and `dialogs` (the message of every alert/confirm/prompt,
 * each dismissed, as Playwright does with a dialog no one listens for).
 */
export type PageWithErrors = Page & { errors: string[]; dialogs: string[] };

export interface OpenPageOptions {
  /** The viewport; without it the context's own. */
  size?: { width: number; height: number };
  /** Console errors matching this are not recorded (e.g. a refused request the page shows kindly: the browser still logs its status). */
  ignoreConsole?: RegExp;
  /** false: record uncaught errors only, no console error. */
  consoleErrors?: boolean;
}

/** A new page in `context` at `url`, recording its errors and dialogs from before it loads. */
export async function openPage(context: BrowserContext, url: string, options: OpenPageOptions = {}): Promise<PageWithErrors> {
  const page = (await context.newPage()) as PageWithErrors;
  if (options.size) await page.setViewportSize(options.size);
  page.errors = [];
  page.dialogs = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  if (options.consoleErrors !== false) {
    page.on('console', (m) => {
      if (m.type() === 'error' && !options.ignoreConsole?.test(m.text())) page.errors.push(m.text());
    });
  }
  page.on('dialog', (d) => {
    page.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  return page;
}

const AXE_SCRIPT = join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js');
/** The rules checked: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** The first five elements that fail it. */
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * axe-core (injected once per document; the context needs `bypassCSP`, as
 * the lobby's CSP refuses the script) on the page as it is now: the WCAG 2.2
 * AA violations. axe reads computed colours, so the page first settles: two
 * frames, then `settleMs` (fade-ins); with `pointerAway` the mouse leaves
 * whatever the last tap hovered.
 */
export async function axeViolations(page: Page, options: { settleMs?: number; pointerAway?: boolean } = {}): Promise<AxeViolation[]> {
  if (options.pointerAway) await page.mouse.move(1, 1);
  await page.evaluate((ms) => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, ms)))), options.settleMs ?? 100);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async (tags) => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, AXE_TAGS);
}

/** Violations as a readable failure message: rule, impact, help, then each failing element. */
export function axeReport(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n  ')}`)
    .join('\n');
}

/**
 * A private copy of the built screens (dist/renderer) in a temp folder, to pass
 * to startTestLobby as `rendererDir`: other work rebuilds dist/renderer while a
 * browser test runs, and a page opened mid-build would 404. Retried until the
 * copy is whole (every chunk a file names is there). Remove it with
 * removeRendererCopy when done.
 */
export async function copyBuiltRenderer(): Promise<string> {
  const src = join(process.cwd(), 'dist', 'renderer');
  for (let attempt = 0; attempt < 40; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'lobby-renderer-'));
    try {
      cpSync(src, dir, { recursive: true });
      const files = ['index.html', ...readdirSync(join(dir, 'assets')).map((f) => `assets/${f}`)];
      const whole = files.every((f) =>
        [...readFileSync(join(dir, f), 'utf8').matchAll(/(?:\/assets\/|\.\/)([\w.-]+\.(?:js|css))/g)].every((m) => existsSync(join(dir, 'assets', m[1]!))),
      );
      if (whole && files.length > 1) return dir;
    } catch {
      // a file vanished mid-copy: the build is running
    }
    rmSync(dir, { recursive: true, force: true });
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('dist/renderer is not built (npm run build:renderer)');
}

/** Removes a copy made by copyBuiltRenderer; nothing to do for '' (the copy was never made). */
export function removeRendererCopy(dir: string): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Signs in through the staff login form, as a person does; what shows next is the caller's to wait for. */
export async function signInWithForm(page: Page, user: { username: string; password: string }): Promise<void> {
  await page.getByTestId('login-form').waitFor();
  await page.locator('input[name="username"]').fill(user.username);
  await page.locator('input[name="password"]').fill(user.password);
  await page.getByTestId('login-submit').click();
}

/**
 * A browser context (zh-TW unless `options` says otherwise) signed in as a
 * staff account: it carries the session cookie the staff screens use.
 */
export async function signedInContext(
  browser: Browser,
  baseUrl: string,
  user: { username: string; password: string },
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-TW', ...options });
  const login = await context.request.post(baseUrl + ROUTES.login.path, { data: { username: user.username, password: user.password } });
  expect(login.status()).toBe(200);
  return context;
}
