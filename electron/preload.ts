/**
 * The only bridge between a screen and the shell. The preload runs sandboxed,
 * so it may require nothing but `electron`; it is bundled on its own by
 * scripts/build-electron.mjs and must stay free of main-process imports.
 */
import { contextBridge, ipcRenderer } from 'electron';

/** Every channel a screen may invoke. Main registers handlers for exactly these (see main.ts). */
export const IPC_CHANNELS = ['lobby:kiosk-credential'] as const;
export type IpcChannel = (typeof IPC_CHANNELS)[number];

/**
 * windows.ts passes the role as a command-line switch because sandboxed
 * preloads cannot read the window's options; typing the switch here lets the
 * compiler keep both ends in step without windows.ts importing this file.
 */
const ROLE_SWITCH = '--lobby-role=';
export type RoleSwitch = `--lobby-role=${string}`;

/** What a screen sees as `window.lobbyShell`. */
export interface LobbyShell {
  /** The screen role this window was opened for; null if the shell did not say. */
  readonly role: string | null;
  /** The kiosk credential for issuing tickets; null unless this window is a kiosk. */
  getKioskCredential(): Promise<string | null>;
}

export function roleFromArgv(argv: readonly string[]): string | null {
  const arg = argv.find((a) => a.startsWith(ROLE_SWITCH));
  return arg ? arg.slice(ROLE_SWITCH.length) : null;
}

/**
 * A middle-click (auxclick) on a link asks Chromium for a new window.
 * security.ts denies every new window; cancelling the click's default action
 * here means the request is never made, so that denial is not the only wall.
 * Only the default action is cancelled: taps and left clicks are untouched,
 * and a page's own auxclick listeners still run.
 */
export function cancelAuxclicks(target: Pick<EventTarget, 'addEventListener'>): void {
  target.addEventListener('auxclick', (event) => event.preventDefault(), { capture: true });
}

function invoke(channel: IpcChannel): Promise<unknown> {
  // Checked at run time too: a typo'd cast must not open a channel main never vetted.
  if (!IPC_CHANNELS.includes(channel)) return Promise.reject(new Error(`channel ${String(channel)} is not allowed`));
  return ipcRenderer.invoke(channel);
}

export const lobbyShell: LobbyShell = {
  role: roleFromArgv(process.argv),
  async getKioskCredential(): Promise<string | null> {
    const value = await invoke('lobby:kiosk-credential');
    return typeof value === 'string' ? value : null;
  },
};

cancelAuxclicks(window);
contextBridge.exposeInMainWorld('lobbyShell', lobbyShell);
