/**
 * The desktop shell's boot list. Each step is a setupX() call so the order
 * reads top to bottom; the work lives in security.ts, windows.ts and core/.
 */
import path from 'node:path';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { app, BrowserWindow, powerSaveBlocker } from 'electron';
import { createLobby } from '../core/lobby';
import type { Lobby, LobbyOptions } from '../core/lobby';
import { handleTrusted, originOf, setupSecurity } from './security';
import type { OriginSource } from './security';
import { openScreens, roleOf } from './windows';
import { electronSqliteBinding } from './native';
import { setupStartAtLogin } from './login';

/**
 * The kiosk credential is optional on purpose: a core without one (or an
 * older core) simply leaves kiosks unable to issue, rather than failing boot.
 */
type ShellLobby = Lobby & { readonly kioskCredential?: string };

export function lobbyOptionsFromEnv(dataDir: string, env: NodeJS.ProcessEnv): LobbyOptions {
  const options: LobbyOptions = { dataDir };
  if (env.LOBBY_SITE) options.siteId = env.LOBBY_SITE;
  if (env.LOBBY_SITE_FILE) options.sitePath = env.LOBBY_SITE_FILE;
  return options;
}

export async function main(): Promise<void> {
  // A second copy would fight the first for the port, the database and the screens.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Must precede 'ready'; makes every renderer sandboxed even if a window's options forget.
  app.enableSandbox();

  let lobby: ShellLobby | undefined;
  let origin: string | undefined;
  setupLifecycle(() => lobby);

  await app.whenReady();
  setupSecurity(() => origin);
  const sqliteNativeBinding = electronSqliteBinding(app.getAppPath(), process.versions.electron ?? '', process.platform, process.arch, existsSync);
  lobby = createLobby({
    ...lobbyOptionsFromEnv(app.getPath('userData'), process.env),
    ...(sqliteNativeBinding ? { sqliteNativeBinding } : {}),
    onSetupCode: announceSetupCode,
  });
  await lobby.start();
  origin = originOf(lobby.url);
  setupIpc(lobby, () => origin);
  setupPowerSave();
  setupLogin();
  openScreens({ url: lobby.url, screens: lobby.site.screens, preload: path.join(__dirname, 'preload.cjs') });
}

function setupLifecycle(currentLobby: () => ShellLobby | undefined): void {
  app.on('second-instance', () => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());

  // Quitting waits for the core to stop so SQLite checkpoints its WAL and the
  // HTTP port is released before the process exits.
  let stopping: 'no' | 'yes' | 'done' = 'no';
  app.on('before-quit', (event) => {
    const lobby = currentLobby();
    if (!lobby || stopping === 'done') return;
    event.preventDefault();
    if (stopping === 'yes') return;
    stopping = 'yes';
    lobby
      .stop()
      .catch((error: unknown) => console.error('[main] the core did not stop cleanly', error))
      .finally(() => {
        stopping = 'done';
        app.quit();
      });
  });
}

function setupIpc(lobby: ShellLobby, coreOrigin: OriginSource): void {
  // Only kiosk windows issue tickets; a board or guide page has no use for the credential.
  handleTrusted('lobby:kiosk-credential', coreOrigin, (event) =>
    roleOf(event.sender) === 'kiosk' ? (lobby.kioskCredential ?? null) : null,
  );
}

function announceSetupCode(code: string, url: string): void {
  // The first admin account is created with this one-time code; on a kiosk PC the installer reads it from the log.
  console.log(`[main] no staff account yet: open ${url} (setup code ${code})`);
}

function setupLogin(): void {
  const result = setupStartAtLogin({
    app,
    isPackaged: app.isPackaged,
    platform: process.platform,
    execPath: process.execPath,
    appImage: process.env.APPIMAGE,
    configHome: process.env.XDG_CONFIG_HOME ?? path.join(app.getPath('home'), '.config'),
    writeFile: (file, text) => {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    },
  });
  console.log(`[main] start at login: ${result}`);
}

function setupPowerSave(): void {
  // Boards are read from across the hall; a screen saver would blank them.
  powerSaveBlocker.start('prevent-display-sleep');
}

main().catch((error: unknown) => {
  console.error('[main] the lobby could not start', error);
  // exit, not quit: nothing is running worth a graceful stop, and a service
  // manager should see the failure and restart us.
  app.exit(1);
});
