import { describe, expect, it, vi } from 'vitest';
import { autostartEntry, setupStartAtLogin } from '../../electron/login';

const base = { execPath: '/opt/Lobby/lobby', appImage: undefined, configHome: '/home/kiosk/.config' };

describe('start at login', () => {
  it('a packaged app on Windows registers a login item', () => {
    const app = { setLoginItemSettings: vi.fn() };
    const writeFile = vi.fn();
    expect(setupStartAtLogin({ ...base, app, isPackaged: true, platform: 'win32', writeFile })).toBe('login item set');
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
    expect(writeFile).not.toHaveBeenCalled();
  });

  it('on Linux writes an autostart entry pointing at the AppImage itself', () => {
    const app = { setLoginItemSettings: vi.fn() };
    const writeFile = vi.fn();
    setupStartAtLogin({ ...base, appImage: '/opt/Lobby.AppImage', app, isPackaged: true, platform: 'linux', writeFile });
    expect(writeFile).toHaveBeenCalledWith('/home/kiosk/.config/autostart/lobby.desktop', autostartEntry('/opt/Lobby.AppImage'));
    expect(autostartEntry('/opt/Lobby.AppImage')).toContain('Exec="/opt/Lobby.AppImage"');
  });

  it('a development run (npm start) changes nothing', () => {
    const app = { setLoginItemSettings: vi.fn() };
    const writeFile = vi.fn();
    setupStartAtLogin({ ...base, app, isPackaged: false, platform: 'win32', writeFile });
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
    expect(writeFile).not.toHaveBeenCalled();
  });
});
