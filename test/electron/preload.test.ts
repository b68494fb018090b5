import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeContextBridge, fakeIpcRenderer, lastHandler, resetElectron } from './setup';
import type { IpcChannel, LobbyShell } from '../../electron/preload';

const argv = process.argv;

async function loadPreload(args: string[]): Promise<LobbyShell> {
  process.argv = [...argv, ...args];
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

  it('turns anything but a string into null', async () => {
    fakeIpcRenderer.invoke.mockResolvedValueOnce({ not: 'a credential' });
    const shell = await loadPreload([]);
    expect(shell.role).toBeNull();
    await expect(shell.getKioskCredential()).resolves.toBeNull();
  });
});
