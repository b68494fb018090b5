import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeScreen, resetElectron, warnings } from './setup';
import type { WebContents } from 'electron';
import type { ScreenConfig } from '../../core/config/schema';
import {
  HANG_GRACE_MS,
  RELOAD_DELAY_MS,
  openScreens,
  orderDisplays,
  planWindows,
  roleOf,
  screenUrl,
  type DisplayInfo,
} from '../../electron/windows';
import { SECURE_WEB_PREFERENCES, setupSecurity } from '../../electron/security';

const CORE = 'http://127.0.0.1:4310';
const PRELOAD = '/app/dist-electron/preload.cjs';
/** What a board's page gets injected: the pointer hidden, nothing else. */
const HIDE_CURSOR_CSS = '*, *::before, *::after { cursor: none !important; }';

function display(id: number, x: number, primary = false): DisplayInfo {
  return {
    id,
    bounds: { x, y: 0, width: 1920, height: 1080 },
    workArea: { x, y: 0, width: 1920, height: 1040 },
    primary,
  };
}

function screenConfig(role: ScreenConfig['role'], target: ScreenConfig['display'], mode: ScreenConfig['mode'] = 'window', path = ''): ScreenConfig {
  return { role, display: target, mode, path };
}

describe('planWindows', () => {
  // Enumerated out of physical order on purpose: index must follow the layout, not the OS list.
  const displays = [display(30, 3840), display(10, 0, true), display(20, 1920)];

  it('orders displays primary first, then left to right', () => {
    expect(orderDisplays(displays).map((d) => d.id)).toEqual([10, 20, 30]);
  });

  it('places a screen on the display with the configured id', () => {
    const [plan] = planWindows([screenConfig('calls', { id: 30 }, 'fullscreen')], displays);
    expect(plan).toMatchObject({ role: 'calls', mode: 'fullscreen', displayId: 30, bounds: { x: 3840, y: 0, width: 1920, height: 1080 } });
    expect(plan?.fallback).toBeUndefined();
  });

  it('places a screen on the display at the configured index (0 = primary)', () => {
    const plans = planWindows(
      [screenConfig('kiosk', { index: 0 }, 'kiosk'), screenConfig('hearings', { index: 1 }, 'fullscreen', 'room-3'), screenConfig('detainees', { index: 2 })],
      displays,
    );
    expect(plans.map((p) => [p.role, p.displayId, p.path])).toEqual([
      ['kiosk', 10, ''],
      ['hearings', 20, 'room-3'],
      ['detainees', 30, ''],
    ]);
  });

  it('gives kiosk and fullscreen windows the whole panel and ordinary windows the work area', () => {
    const [kiosk, staff] = planWindows([screenConfig('kiosk', { index: 0 }, 'kiosk'), screenConfig('staff', { index: 0 }, 'window')], displays);
    expect(kiosk?.bounds?.height).toBe(1080);
    expect(staff?.bounds?.height).toBe(1040);
  });

  it('falls back to the primary display and says why when the display is missing', () => {
    const [byId, byIndex] = planWindows([screenConfig('calls', { id: 99 }), screenConfig('guide', { index: 5 })], displays);
    expect(byId?.displayId).toBe(10);
    expect(byId?.fallback).toMatch(/calls: display id 99 is not connected.*primary display 10/);
    expect(byIndex?.displayId).toBe(10);
    expect(byIndex?.fallback).toMatch(/guide: display index 5 is not connected \(3 connected\)/);
  });

  it('lets the system place windows when no display is reported at all', () => {
    const [plan] = planWindows([screenConfig('calls', { index: 0 })], []);
    expect(plan?.displayId).toBeUndefined();
    expect(plan?.bounds).toBeUndefined();
    expect(plan?.fallback).toMatch(/no display/);
  });
});

describe('screenUrl', () => {
  it('joins the core URL, the role and the optional path', () => {
    expect(screenUrl(CORE, 'calls', '')).toBe(`${CORE}/calls`);
    expect(screenUrl(`${CORE}/`, 'hearings', 'room-3')).toBe(`${CORE}/hearings/room-3`);
    expect(screenUrl(CORE, 'guide', '/floor/2')).toBe(`${CORE}/guide/floor/2`);
  });
});

describe('openScreens', () => {
  beforeEach(() => {
    resetElectron();
    fakeScreen.displays = [
      { id: 1, bounds: { x: 0, y: 0, width: 1080, height: 1920 }, workArea: { x: 0, y: 0, width: 1080, height: 1880 } },
      { id: 2, bounds: { x: 1080, y: 0, width: 3840, height: 2160 }, workArea: { x: 1080, y: 0, width: 3840, height: 2120 } },
    ];
    fakeScreen.primaryId = 1;
  });
  afterEach(() => vi.useRealTimers());

  const screens: ScreenConfig[] = [
    screenConfig('kiosk', { index: 0 }, 'kiosk'),
    screenConfig('calls', { id: 2 }, 'fullscreen'),
    screenConfig('staff', { index: 7 }, 'window'),
  ];

  function open(): FakeBrowserWindow[] {
    openScreens({ url: CORE, screens, preload: PRELOAD });
    return FakeBrowserWindow.instances;
  }

  it('hides the mouse pointer on boards, never on the kiosk or staff windows', () => {
    const [kiosk, calls, staff] = open();
    for (const win of [kiosk, calls, staff]) win!.webContents.emit('did-finish-load');
    expect(calls!.webContents.insertCSS).toHaveBeenCalledWith(HIDE_CURSOR_CSS);
    expect(kiosk!.webContents.insertCSS).not.toHaveBeenCalled();
    expect(staff!.webContents.insertCSS).not.toHaveBeenCalled();
  });

  it('injects only the constant cursor stylesheet, whatever page a board loads', () => {
    // A path that looks like CSS must not reach insertCSS: only the shell's own constant does.
    openScreens({ url: CORE, screens: [screenConfig('hearings', { index: 0 }, 'fullscreen', 'room-3}body{display:none')], preload: PRELOAD });
    const [hearings] = FakeBrowserWindow.instances;
    hearings!.webContents.emit('did-finish-load');
    hearings!.webContents.emit('did-finish-load');
    expect(hearings!.webContents.insertCSS.mock.calls).toEqual([[HIDE_CURSOR_CSS], [HIDE_CURSOR_CSS]]);
  });

  it('denies every window it opens a new window, middle-clicked links included', () => {
    setupSecurity(() => CORE);
    for (const win of open()) {
      const deny = win.webContents.windowOpenHandler;
      for (const disposition of ['new-window', 'background-tab', 'foreground-tab'] as const) {
        expect(deny?.({ url: `${CORE}/guide`, disposition })).toEqual({ action: 'deny' });
      }
    }
  });

  it('creates every window with the secure webPreferences and the bundled preload', () => {
    const windows = open();
    expect(windows).toHaveLength(3);
    for (const win of windows) {
      const prefs = win.options.webPreferences as Record<string, unknown>;
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        preload: PRELOAD,
        autoplayPolicy: 'no-user-gesture-required',
      });
      expect(prefs).toMatchObject(SECURE_WEB_PREFERENCES);
    }
  });

  it('loads each role page, on its display, in its mode', () => {
    const [kiosk, calls, staff] = open();
    expect(kiosk?.loadURL).toHaveBeenCalledWith(`${CORE}/kiosk`);
    expect(calls?.loadURL).toHaveBeenCalledWith(`${CORE}/calls`);
    expect(staff?.loadURL).toHaveBeenCalledWith(`${CORE}/staff`);

    expect(kiosk?.options).toMatchObject({ kiosk: true, fullscreen: false, x: 0, y: 0, width: 1080, height: 1920 });
    expect(calls?.options).toMatchObject({ kiosk: false, fullscreen: true, x: 1080, y: 0, width: 3840, height: 2160 });
    // index 7 does not exist: the staff window lands on the primary's work area, and the log says why.
    expect(staff?.options).toMatchObject({ kiosk: false, fullscreen: false, x: 0, y: 0, width: 1080, height: 1880 });
    expect(warnings).toHaveBeenCalledWith(expect.stringMatching(/staff: display index 7 is not connected/));
  });

  it('tells the preload its role and keeps devtools off public screens', () => {
    const [kiosk, calls, staff] = open();
    const prefs = (w: FakeBrowserWindow | undefined) => w?.options.webPreferences as Record<string, unknown>;
    expect(prefs(kiosk)).toMatchObject({ additionalArguments: ['--lobby-role=kiosk'], devTools: false });
    expect(prefs(calls)).toMatchObject({ additionalArguments: ['--lobby-role=calls'], devTools: false });
    expect(prefs(staff)).toMatchObject({ additionalArguments: ['--lobby-role=staff'], devTools: true });
    expect(kiosk && roleOf(kiosk.webContents as unknown as WebContents)).toBe('kiosk');
  });

  it('reloads a renderer that crashed', () => {
    vi.useFakeTimers();
    const [, calls] = open();
    calls?.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(calls?.webContents.reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(calls?.webContents.reload).toHaveBeenCalledTimes(1);
  });

  it('does not reload a renderer that exited cleanly, nor a destroyed window', () => {
    vi.useFakeTimers();
    const [kiosk, calls] = open();
    kiosk?.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    calls?.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    if (calls) calls.destroyed = true;
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(kiosk?.webContents.reload).not.toHaveBeenCalled();
    expect(calls?.webContents.reload).not.toHaveBeenCalled();
  });

  it('kills and reloads a renderer that stays unresponsive, once', () => {
    vi.useFakeTimers();
    const [, calls] = open();
    calls?.emit('unresponsive');
    vi.advanceTimersByTime(HANG_GRACE_MS - 1);
    expect(calls?.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(calls?.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    // Killing it reports the renderer gone too; that must not queue a second reload.
    calls?.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(calls?.webContents.reload).toHaveBeenCalledTimes(1);
  });

  it('leaves a renderer alone that becomes responsive again within the grace period', () => {
    vi.useFakeTimers();
    const [, calls] = open();
    calls?.emit('unresponsive');
    vi.advanceTimersByTime(HANG_GRACE_MS / 2);
    calls?.emit('responsive');
    vi.advanceTimersByTime(HANG_GRACE_MS * 2);
    expect(calls?.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    expect(calls?.webContents.reload).not.toHaveBeenCalled();
  });

  it('retries the screen page after a failed main-frame load, but ignores aborted ones', () => {
    vi.useFakeTimers();
    const [kiosk] = open();
    kiosk?.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', `${CORE}/kiosk`, true);
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(kiosk?.webContents.loadURL).not.toHaveBeenCalled();
    kiosk?.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', `${CORE}/kiosk`, true);
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(kiosk?.webContents.loadURL).toHaveBeenCalledWith(`${CORE}/kiosk`);
  });
});
