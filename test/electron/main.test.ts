import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FakeBrowserWindow,
  errors,
  fakeApp,
  fakeIpcMain,
  fakePowerSaveBlocker,
  fakeSession,
  lastHandler,
  resetElectron,
} from './setup';
import type { Lobby, LobbyOptions } from '../../core/lobby';
import type { ScreenConfig } from '../../core/config/schema';

const CORE = 'http://127.0.0.1:4310';

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}
function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** What main.ts sees of the core; the real one is tested in test/core. */
const core = vi.hoisted(() => {
  const state = {
    started: undefined as Deferred | undefined,
    stopped: undefined as Deferred | undefined,
    screens: [] as unknown[],
    options: [] as unknown[],
  };
  const lobby = {
    url: 'http://127.0.0.1:4310',
    kioskCredential: 'kiosk-credential-1',
    get site() {
      return { screens: state.screens };
    },
    start: vi.fn(() => state.started?.promise ?? Promise.resolve()),
    stop: vi.fn(() => state.stopped?.promise ?? Promise.resolve()),
  };
  const createLobby = vi.fn((options: unknown) => {
    state.options.push(options);
    return lobby;
  });
  return { state, lobby, createLobby };
});

vi.mock('../../core/lobby', () => ({ createLobby: core.createLobby }));

type IpcHandler = (event: { senderFrame: { url: string; parent: unknown } | null; sender: unknown }) => unknown;

const screens: ScreenConfig[] = [
  { role: 'kiosk', display: { index: 0 }, mode: 'kiosk', path: '' },
  { role: 'calls', display: { index: 1 }, mode: 'fullscreen', path: '' },
];

async function boot(): Promise<void> {
  vi.resetModules();
  await import('../../electron/main');
}

/** Lets the boot chain (whenReady → start → open) run as far as it can. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
}

describe('main', () => {
  beforeEach(() => {
    resetElectron();
    core.state.started = undefined;
    core.state.stopped = undefined;
    core.state.screens = screens;
    core.state.options = [];
    vi.stubEnv('LOBBY_SITE', '');
    vi.stubEnv('LOBBY_SITE_FILE', '');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('sets up security, starts the core, and only then opens the screens', async () => {
    core.state.started = deferred();
    await boot();
    await settle();

    expect(core.createLobby).toHaveBeenCalledTimes(1);
    expect(core.lobby.start).toHaveBeenCalledTimes(1);
    // The core is still starting: no window may try to load a URL that does not answer yet.
    expect(FakeBrowserWindow.instances).toHaveLength(0);

    core.state.started.resolve();
    await settle();
    expect(FakeBrowserWindow.instances).toHaveLength(2);

    const order = (mock: { mock: { invocationCallOrder: number[] } }) => mock.mock.invocationCallOrder[0] ?? Infinity;
    expect(order(fakeApp.enableSandbox)).toBeLessThan(order(fakeApp.whenReady));
    expect(order(fakeSession.defaultSession.setPermissionRequestHandler)).toBeLessThan(order(core.createLobby));
    expect(order(core.createLobby)).toBeLessThan(order(core.lobby.start));
    expect(order(core.lobby.start)).toBeLessThan(order(FakeBrowserWindow.instances[0]!.loadURL));
  });

  it('opens a window per configured screen at the core URL, with the bundled preload', async () => {
    await boot();
    await settle();
    const [kiosk, calls] = FakeBrowserWindow.instances;
    expect(kiosk?.loadURL).toHaveBeenCalledWith(`${CORE}/kiosk`);
    expect(calls?.loadURL).toHaveBeenCalledWith(`${CORE}/calls`);
    const prefs = kiosk?.options.webPreferences as { preload: string };
    expect(prefs.preload).toMatch(/[/\\]preload\.cjs$/);
  });

  it('keeps the screens awake', async () => {
    await boot();
    await settle();
    expect(fakePowerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
  });

  it('keeps the core data in the user-data folder and takes the site from the environment', async () => {
    vi.stubEnv('LOBBY_SITE', 'hualien-prison');
    vi.stubEnv('LOBBY_SITE_FILE', '/etc/lobby/site.json');
    await boot();
    await settle();
    expect(fakeApp.getPath).toHaveBeenCalledWith('userData');
    const options = core.state.options[0] as LobbyOptions;
    expect(options).toMatchObject({ dataDir: '/fake/userData', siteId: 'hualien-prison', sitePath: '/etc/lobby/site.json' });
  });

  it('passes no site options when the environment names none, so the core uses its default', async () => {
    await boot();
    await settle();
    const options = core.state.options[0] as LobbyOptions;
    expect(options.siteId).toBeUndefined();
    expect(options.sitePath).toBeUndefined();
  });

  it('stops the core before the app quits, and quits once it has stopped', async () => {
    await boot();
    await settle();
    core.state.stopped = deferred();

    fakeApp.quit();
    expect(core.lobby.stop).toHaveBeenCalledTimes(1);
    expect(fakeApp.quitted).toBe(false);

    // A second quit while stopping must neither exit early nor stop twice.
    fakeApp.quit();
    expect(fakeApp.quitted).toBe(false);
    expect(core.lobby.stop).toHaveBeenCalledTimes(1);

    core.state.stopped.resolve();
    await settle();
    expect(fakeApp.quitted).toBe(true);
  });

  it('quits (and so stops the core) when the last window closes', async () => {
    await boot();
    await settle();
    fakeApp.emit('window-all-closed');
    await settle();
    expect(core.lobby.stop).toHaveBeenCalledTimes(1);
    expect(fakeApp.quitted).toBe(true);
  });

  it('still quits when the core fails to stop', async () => {
    await boot();
    await settle();
    core.state.stopped = deferred();
    fakeApp.quit();
    core.state.stopped.reject(new Error('disk gone'));
    await settle();
    expect(fakeApp.quitted).toBe(true);
    expect(errors).toHaveBeenCalled();
  });

  it('gives way to an instance that is already running', async () => {
    fakeApp.requestSingleInstanceLock.mockReturnValueOnce(false);
    await boot();
    await settle();
    expect(fakeApp.quit).toHaveBeenCalled();
    expect(core.createLobby).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('exits with an error, opening nothing, when the core cannot start', async () => {
    core.state.started = deferred();
    await boot();
    core.state.started.reject(new Error('port in use'));
    await settle();
    expect(fakeApp.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('hands the kiosk credential to kiosk windows of the core only', async () => {
    await boot();
    await settle();
    expect(fakeIpcMain.handle).toHaveBeenCalledWith('lobby:kiosk-credential', expect.any(Function));
    const ipc = lastHandler<IpcHandler>(fakeIpcMain.handle, 1);
    const [kiosk, calls] = FakeBrowserWindow.instances;
    const top = { url: `${CORE}/kiosk`, parent: null };

    expect(await ipc({ senderFrame: top, sender: kiosk?.webContents })).toBe('kiosk-credential-1');
    expect(await ipc({ senderFrame: { url: `${CORE}/calls`, parent: null }, sender: calls?.webContents })).toBeNull();
    expect(() => ipc({ senderFrame: { url: 'https://evil.example/', parent: null }, sender: kiosk?.webContents })).toThrow(/refused/);
  });
});

// Keeps the fake above honest: if the core's Lobby grows or renames what main.ts uses, this stops compiling.
const _shape: Pick<Lobby, 'url' | 'start' | 'stop'> = core.lobby;
void _shape;
