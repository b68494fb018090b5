/**
 * What the Electron shell's preload exposes as `window.lobbyShell` (see
 * electron/preload.ts). Absent in an ordinary browser.
 */
interface LobbyShellApi {
  role: string;
  getKioskCredential(): Promise<string | null>;
}

function shell(): LobbyShellApi | undefined {
  return (globalThis as { lobbyShell?: LobbyShellApi }).lobbyShell;
}

/** The kiosk window's credential from the shell, or null (a provisioned browser uses its cookie). */
export function shellKioskCredential(): Promise<string | null> {
  return shell()?.getKioskCredential().catch(() => null) ?? Promise.resolve(null);
}

/** The Electron shell's preload is there (its kiosk window always has a credential). */
export function inShell(): boolean {
  return typeof (globalThis as { lobbyShell?: unknown }).lobbyShell === 'object';
}
