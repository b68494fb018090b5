import path from 'node:path';

/**
 * Start at login: a lobby PC that reboots after a power cut must come back
 * on its own. Windows and macOS have login items; on Linux the desktop's
 * autostart folder holds a .desktop entry.
 */
export interface LoginItemApi {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export function autostartEntry(execPath: string): string {
  return ['[Desktop Entry]', 'Type=Application', 'Name=Lobby', `Exec="${execPath}"`, 'X-GNOME-Autostart-enabled=true', 'Terminal=false', ''].join('\n');
}

export function setupStartAtLogin(deps: {
  app: LoginItemApi;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  execPath: string;
  /** APPIMAGE is where an AppImage really lives (execPath points into its mount). */
  appImage: string | undefined;
  configHome: string;
  writeFile(file: string, text: string): void;
}): string {
  // A developer's `npm start` must not register itself to start at every login.
  if (!deps.isPackaged) return 'not packaged: start at login left alone';
  if (deps.platform === 'linux') {
    const file = path.join(deps.configHome, 'autostart', 'lobby.desktop');
    deps.writeFile(file, autostartEntry(deps.appImage ?? deps.execPath));
    return `autostart entry ${file}`;
  }
  deps.app.setLoginItemSettings({ openAtLogin: true });
  return 'login item set';
}
