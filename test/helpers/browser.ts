import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { expect } from 'vitest';
import { API } from '../../core/contract';

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
  const login = await context.request.post(baseUrl + API.staffLogin, { data: { username: user.username, password: user.password } });
  expect(login.status()).toBe(200);
  return context;
}
