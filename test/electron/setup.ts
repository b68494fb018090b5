/**
 * The one `electron` mock for test/electron (like Electron Fiddle's
 * tests/setup.ts). Import it first in every test file that loads electron/*;
 * the Electron binary is not needed, and each fake records what the shell
 * asked of it so tests can assert on it or drive its events.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/** The part of Electron's HandlerDetails the shell's tests pass; disposition says how the page asked (a middle-click is 'background-tab'). */
export interface FakeOpenDetails {
  url: string;
  disposition?: 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other';
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: FakeOpenDetails) => { action: 'allow' | 'deny' }) | undefined;
  readonly setWindowOpenHandler = vi.fn((handler: (details: FakeOpenDetails) => { action: 'allow' | 'deny' }) => {
    this.windowOpenHandler = handler;
  });
  readonly reload = vi.fn();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly forcefullyCrashRenderer = vi.fn();
  readonly insertCSS = vi.fn(async (_css: string) => 'key');
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }

  readonly webContents = new FakeWebContents();
  destroyed = false;
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly isMinimized = vi.fn(() => false);
  readonly isDestroyed = vi.fn(() => this.destroyed);

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    // Real Electron announces every new WebContents; security.ts relies on it.
    fakeApp.emit('web-contents-created', { preventDefault: vi.fn() }, this.webContents);
  }
}

export interface FakeDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
}

class FakeApp extends EventEmitter {
  readonly whenReady = vi.fn(async () => undefined);
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly quit = vi.fn(() => {
    // Real quit announces before-quit and exits only if nobody prevented it.
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.quitted = true;
  });
  readonly exit = vi.fn();
  readonly enableSandbox = vi.fn();
  readonly getPath = vi.fn((name: string) => `/fake/${name}`);
  readonly isPackaged = false;
  readonly getAppPath = vi.fn(() => `/fake/app`);
  quitted = false;
}

export const fakeApp = new FakeApp();

export const fakeSession = {
  defaultSession: {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  },
};

export const fakeIpcMain = { handle: vi.fn() };
export const fakeIpcRenderer = { invoke: vi.fn(async (_channel: string): Promise<unknown> => undefined) };
export const fakeContextBridge = { exposeInMainWorld: vi.fn() };
export const fakePowerSaveBlocker = { start: vi.fn(() => 1), stop: vi.fn() };

const primary: FakeDisplay = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
};
export const fakeScreen = {
  displays: [primary] as FakeDisplay[],
  primaryId: 1,
  getAllDisplays: vi.fn((): FakeDisplay[] => fakeScreen.displays),
  getPrimaryDisplay: vi.fn((): FakeDisplay => {
    const found = fakeScreen.displays.find((d) => d.id === fakeScreen.primaryId);
    if (!found) throw new Error('fake screen has no primary display');
    return found;
  }),
};

vi.mock('electron', () => ({
  app: fakeApp,
  BrowserWindow: FakeBrowserWindow,
  session: fakeSession,
  ipcMain: fakeIpcMain,
  ipcRenderer: fakeIpcRenderer,
  contextBridge: fakeContextBridge,
  powerSaveBlocker: fakePowerSaveBlocker,
  screen: fakeScreen,
}));

/** The shell logs every refusal and recovery; tests read these instead of the terminal. */
export const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
export const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);

/** Forgets every window, listener and recorded call, so each test starts from a fresh app. */
export function resetElectron(): void {
  FakeBrowserWindow.instances.length = 0;
  fakeApp.removeAllListeners();
  fakeApp.quitted = false;
  fakeScreen.displays = [primary];
  fakeScreen.primaryId = 1;
  vi.clearAllMocks();
}

/** Helper for handlers registered through a mock: the last function argument passed to it. */
export function lastHandler<T>(mock: { mock: { calls: unknown[][] } }, argIndex = 0): T {
  const call = mock.mock.calls.at(-1);
  if (!call) throw new Error('handler was never registered');
  return call[argIndex] as T;
}
