/**
 * One window per configured screen, each on its physical display, each
 * loading its role's page from the core. Boards run unattended for months,
 * so a window that crashes, hangs or fails to load brings itself back.
 */
import { BrowserWindow, screen } from 'electron';
import type { WebContents } from 'electron';
import type { ScreenConfig } from '../core/config/schema';
import type { RoleSwitch } from './preload';

export type ScreenRole = ScreenConfig['role'];
export type ScreenMode = ScreenConfig['mode'];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of Electron's Display this module needs; a plain object so planning is testable. */
export interface DisplayInfo {
  id: number;
  bounds: Rect;
  workArea: Rect;
  primary: boolean;
}

export interface WindowPlan {
  role: ScreenRole;
  mode: ScreenMode;
  path: string;
  /** Undefined only when the system reports no display at all; Electron then places the window. */
  displayId: number | undefined;
  bounds: Rect | undefined;
  /** Why the configured display was not used, for the log an installer reads. */
  fallback?: string;
}

export interface OpenScreensOptions {
  /** The core's base URL, e.g. http://127.0.0.1:4310 */
  url: string;
  screens: readonly ScreenConfig[];
  /** Absolute path of the bundled preload (dist-electron/preload.cjs). */
  preload: string;
}

/** Recovery waits a moment so a renderer that dies at start-up cannot spin the CPU. */
export const RELOAD_DELAY_MS = 1_000;
/** Chromium reports a page unresponsive after a few seconds; a busy board may recover by itself. */
export const HANG_GRACE_MS = 10_000;
/** net::ERR_ABORTED: a newer navigation replaced this one, which is not a failure. */
const ERR_ABORTED = -3;

const rolesByContents = new WeakMap<WebContents, ScreenRole>();

/** The role a window was opened for, so IPC handlers can grant per role (e.g. the kiosk credential). */
export function roleOf(contents: WebContents): ScreenRole | undefined {
  return rolesByContents.get(contents);
}

/**
 * Index 0 is the primary display (as the site schema promises); the others
 * follow left to right, then top to bottom, because the OS enumeration order
 * can change between boots while the physical layout does not.
 */
export function orderDisplays(displays: readonly DisplayInfo[]): DisplayInfo[] {
  const primary = displays.find((d) => d.primary) ?? displays[0];
  const rest = displays
    .filter((d) => d !== primary)
    .sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y);
  return primary ? [primary, ...rest] : rest;
}

export function planWindows(screens: readonly ScreenConfig[], displays: readonly DisplayInfo[]): WindowPlan[] {
  const ordered = orderDisplays(displays);
  const primary = ordered[0];
  return screens.map((s) => {
    const target = s.display;
    const wanted = 'id' in target ? displays.find((d) => d.id === target.id) : ordered[target.index];
    let fallback: string | undefined;
    if (!wanted) {
      const asked = 'id' in target ? `display id ${target.id}` : `display index ${target.index}`;
      fallback = primary
        ? `${s.role}: ${asked} is not connected (${displays.length} connected); using the primary display ${primary.id}`
        : `${s.role}: no display is connected; letting the system place the window`;
    }
    const display = wanted ?? primary;
    // A kiosk or fullscreen window covers the whole panel; an ordinary window stays clear of taskbars.
    const bounds = display ? { ...(s.mode === 'window' ? display.workArea : display.bounds) } : undefined;
    const plan: WindowPlan = { role: s.role, mode: s.mode, path: s.path, displayId: display?.id, bounds };
    if (fallback) plan.fallback = fallback;
    return plan;
  });
}

export function screenUrl(base: string, role: ScreenRole, path: string): string {
  const trimmedBase = base.replace(/\/+$/, '');
  const trimmedPath = path.replace(/^\/+/, '');
  return `${trimmedBase}/${role}${trimmedPath ? `/${trimmedPath}` : ''}`;
}

export function openScreens(options: OpenScreensOptions): BrowserWindow[] {
  const primaryId = screen.getPrimaryDisplay().id;
  const displays = screen.getAllDisplays().map((d) => ({
    id: d.id,
    bounds: d.bounds,
    workArea: d.workArea,
    primary: d.id === primaryId,
  }));
  return planWindows(options.screens, displays).map((plan) => {
    if (plan.fallback) console.warn(`[windows] ${plan.fallback}`);
    return openWindow(plan, screenUrl(options.url, plan.role, plan.path), options.preload);
  });
}

/** Boards nobody operates: a stray mouse pointer parked on a TV is hidden. */
export const BOARD_ROLES: readonly ScreenRole[] = ['calls', 'hearings', 'detainees'];

function openWindow(plan: WindowPlan, url: string, preload: string): BrowserWindow {
  const roleSwitch: RoleSwitch = `--lobby-role=${plan.role}`;
  // The security options are written out here, at the constructor, not spread
  // from a shared object: this is where Electronegativity (npm run
  // lint:electron) and a reviewer look. test/electron/windows.test.ts holds
  // every window to security.ts's SECURE_WEB_PREFERENCES.
  // The scanner's auxclick advice, disableBlinkFeatures: 'Auxclick', names a
  // Blink feature Chromium removed in 2017 (electron/electron#10315) and would
  // guard nothing; preload.ts cancels middle-clicks and security.ts denies the
  // new window one would open.
  const win = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK (reason above)
    ...plan.bounds,
    title: `Lobby · ${plan.role}`,
    // Black, not white, while a board (re)loads: a flash of white on a TV in a dim hall is jarring.
    backgroundColor: '#000000',
    autoHideMenuBar: true,
    kiosk: plan.mode === 'kiosk',
    fullscreen: plan.mode === 'fullscreen',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // The preload is reviewed: it runs sandboxed and isolated, and exposes only the role and one allow-listed, sender-checked IPC call.
      preload, // eng-disable PRELOAD_JS_CHECK (reviewed, see above and preload.ts)
      additionalArguments: [roleSwitch],
      // Call chimes must sound on boards nobody ever touches.
      autoplayPolicy: 'no-user-gesture-required',
      // A board behind another window still has to follow the live stream and keep its clock.
      backgroundThrottling: false,
      // A public screen must not offer a debugger to whoever finds the shortcut.
      devTools: plan.mode === 'window',
    },
  });
  rolesByContents.set(win.webContents, plan.role);
  if (BOARD_ROLES.includes(plan.role)) {
    win.webContents.on('did-finish-load', () => {
      // A literal, never a variable: no page, URL or config text can reach insertCSS.
      win.webContents.insertCSS('*, *::before, *::after { cursor: none !important; }').catch(() => undefined);
    });
  }
  keepAlive(win, plan.role, url);
  // A failed first load is retried by keepAlive's did-fail-load handler; the rejection is only noise.
  win.loadURL(url).catch((error: unknown) => console.warn(`[windows] ${plan.role}: first load of ${url} failed: ${String(error)}`));
  return win;
}

function keepAlive(win: BrowserWindow, role: ScreenRole, url: string): void {
  const contents = win.webContents;
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  let hangTimer: ReturnType<typeof setTimeout> | undefined;

  // Crash, hang and load failure can arrive together (killing a hung renderer
  // reports it gone); one pending recovery is enough.
  const recover = (why: string, action: () => void): void => {
    if (reloadTimer) return;
    console.warn(`[windows] ${role}: ${why}; reloading in ${RELOAD_DELAY_MS} ms`);
    reloadTimer = setTimeout(() => {
      reloadTimer = undefined;
      if (!win.isDestroyed()) action();
    }, RELOAD_DELAY_MS);
  };

  contents.on('render-process-gone', (_event, details) => {
    // clean-exit is the renderer shutting down with its window; there is nothing to bring back.
    if (details.reason === 'clean-exit') return;
    recover(`renderer gone (${details.reason}, exit code ${details.exitCode})`, () => contents.reload());
  });

  win.on('unresponsive', () => {
    hangTimer ??= setTimeout(() => {
      hangTimer = undefined;
      if (win.isDestroyed()) return;
      // A hung renderer ignores reload(); Electron's documented remedy is to kill it first.
      contents.forcefullyCrashRenderer();
      recover(`renderer unresponsive for ${HANG_GRACE_MS} ms`, () => contents.reload());
    }, HANG_GRACE_MS);
  });
  win.on('responsive', () => {
    clearTimeout(hangTimer);
    hangTimer = undefined;
  });

  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED) return;
    // The failed URL may be an error page's; go back to the screen's own page.
    recover(`load of ${validatedURL} failed (${errorCode} ${errorDescription})`, () => {
      contents.loadURL(url).catch(() => undefined);
    });
  });

  win.on('closed', () => {
    clearTimeout(reloadTimer);
    clearTimeout(hangTimer);
  });
}
