import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeContextBridge, fakeIpcRenderer, lastHandler, resetElectron } from './setup';
import type { IpcChannel, LobbyShell } from '../../electron/preload';

const argv = process.argv;
/** The page's window as the sandboxed preload sees it; Node has EventTarget and Event, which is all the preload touches. */
let page: EventTarget;

async function loadPreload(args: string[]): Promise<LobbyShell> {
  process.argv = [...argv, ...args];
  page = new EventTarget();
  vi.stubGlobal('window', page);
  vi.resetModules();
  await import('../../electron/preload');
  expect(fakeContextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  expect(fakeContextBridge.exposeInMainWorld).toHaveBeenCalledWith('lobbyShell', expect.any(Object));
  return lastHandler<LobbyShell>(fakeContextBridge.exposeInMainWorld, 1);
}

describe('preload', () => {
  beforeEach(() => resetElectron());
  afterEach(() => {
    process.argv = argv;
    vi.unstubAllGlobals();
  });

  it('exposes only the role and the kiosk credential getter', async () => {
    const shell = await loadPreload(['--lobby-role=kiosk']);
    expect(Object.keys(shell).sort()).toEqual(['getKioskCredential', 'role']);
    expect(shell.role).toBe('kiosk');
  });

  it('reads the credential through the allowlisted channel', async () => {
    fakeIpcRenderer.invoke.mockResolvedValueOnce('kiosk-credential-1');
    const shell = await loadPreload(['--lobby-role=kiosk']);
    await expect(shell.getKioskCredential()).resolves.toBe('kiosk-credential-1');
    const channel: IpcChannel = 'lobby:kiosk-credential';
    expect(fakeIpcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel);
  });

  it('cancels what a middle-click (auxclick) would do, and leaves taps and clicks alone', async () => {
    await loadPreload(['--lobby-role=staff']);
    const middle = new Event('auxclick', { cancelable: true, bubbles: true });
    const pageHeard = vi.fn();
    page.addEventListener('auxclick', pageHeard);
    page.dispatchEvent(middle);
    expect(middle.defaultPrevented).toBe(true);
    // The page's own listeners still run; only the browser's default (opening the link) is cancelled.
    expect(pageHeard).toHaveBeenCalledTimes(1);

    const tap = new Event('click', { cancelable: true, bubbles: true });
    page.dispatchEvent(tap);
    expect(tap.defaultPrevented).toBe(false);
  });

  it('turns anything but a string into null', async () => {
    fakeIpcRenderer.invoke.mockResolvedValueOnce({ not: 'a credential' });
    const shell = await loadPreload([]);
    expect(shell.role).toBeNull();
    await expect(shell.getKioskCredential()).resolves.toBeNull();
  });
});
