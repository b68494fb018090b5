/**
 * The real shell, end to end: build the bundle, launch Electron, see a
 * window open on the core. Needs the Electron binary (and, on Linux, a
 * display); without them the test is skipped and says why.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Finds the binary the way node_modules/electron/index.js does, without
 * require('electron'): that require starts a download when the binary is
 * missing, and a test must not reach for the network.
 */
function findElectron(): { binary: string } | { reason: string } {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { reason: `${pathFile} is missing: the Electron binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1?)` };
  }
  const executable = readFileSync(pathFile, 'utf8');
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  const binary = path.join(distDir, executable);
  if (!existsSync(binary)) return { reason: `the Electron binary ${binary} does not exist` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no DISPLAY or WAYLAND_DISPLAY to open windows on (run under xvfb-run)' };
  }
  return { binary };
}

const electron = findElectron();
const hasBinary = 'binary' in electron;
if (!hasBinary) console.log(`[e2e] skipping the Electron launch test: ${electron.reason}`);

describe('electron shell (e2e)', () => {
  it.skipIf(!hasBinary)(
    'opens the kiosk window on the core, sandboxed, with the shell bridge',
    async () => {
      if (!('binary' in electron)) return;
      execFileSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'inherit' });
      const { _electron } = await import('playwright-core');
      // A throwaway profile, so the test never touches a real install's database.
      const profile = mkdtempSync(path.join(tmpdir(), 'lobby-e2e-'));
      // Chromium refuses to run as root with its OS sandbox (CI containers); the renderer sandbox stays on.
      const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
      const app = await _electron.launch({
        executablePath: electron.binary,
        args: [...rootArgs, root],
        cwd: root,
        env: { ...process.env, XDG_CONFIG_HOME: profile, APPDATA: profile, LOBBY_SITE: '', LOBBY_SITE_FILE: '' },
        timeout: 60_000,
      });
      try {
        const win = await app.firstWindow();
        expect(win.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/kiosk/);
        const page = await win.evaluate(() => {
          const w = window as unknown as { require?: unknown; process?: unknown; lobbyShell?: { role?: unknown } };
          return { require: typeof w.require, process: typeof w.process, role: w.lobbyShell?.role };
        });
        expect(page).toEqual({ require: 'undefined', process: 'undefined', role: 'kiosk' });
      } finally {
        await app.close();
        rmSync(profile, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
