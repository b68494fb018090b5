/**
 * The Electron security checklist (electronjs.org/docs/latest/tutorial/security)
 * applied once for the whole app. Screens are our own pages served by the core,
 * but the kiosk is a public touch screen: if a page is ever tricked into
 * loading foreign content, that content must find no door open.
 */
import { app, ipcMain, session } from 'electron';
import type { IpcMainInvokeEvent, WebContents, WebPreferences } from 'electron';
import type { IpcChannel } from './preload';

/** The core's origin, or undefined while it is not listening yet (then everything is refused). */
export type OriginSource = () => string | undefined;

/**
 * What every window's webPreferences must say. Each `new BrowserWindow` writes
 * them out literally (windows.ts), where Electronegativity and a reviewer read
 * them, instead of spreading this object; test/electron/windows.test.ts holds
 * every window to it. Most are Electron's defaults already; stating them means
 * a future default change cannot silently weaken a window.
 */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} satisfies WebPreferences);

export function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    // Opaque origins (file:, data:, about:) serialise as "null" and must never match anything.
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** True only for URLs on exactly the core's origin (scheme, host and port). */
export function isAllowedNavigation(url: string, origin: string | undefined): boolean {
  if (!origin) return false;
  const target = originOf(url);
  return target !== undefined && target === origin;
}

export function buildCsp(origin: string): string {
  const core = new URL(origin);
  // 'self' covers ws: in current Chromium, but naming the socket keeps the policy
  // readable and correct for browsers that still treat ws: as a different scheme.
  const socket = `${core.protocol === 'https:' ? 'wss:' : 'ws:'}//${core.host}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React's style props become inline style attributes; inline scripts stay forbidden.
    "style-src 'self' 'unsafe-inline'",
    // QR codes for phones are rendered as data: URLs.
    "img-src 'self' data:",
    `connect-src 'self' ${socket}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Adds the CSP unless the core already sent one: the core knows its pages better than this fallback. */
export function withCsp(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = { ...(headers ?? {}) };
  const present = Object.keys(out).some((name) => name.toLowerCase() === 'content-security-policy');
  // Electronegativity cannot evaluate a policy built at run time and says so
  // (LOW); test/electron/security.test.ts checks buildCsp's directives instead.
  if (!present) out['Content-Security-Policy'] = [csp]; // eng-disable CSP_GLOBAL_CHECK (reason above)
  return out;
}

interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** Only the top frame of a core page may talk to the shell; subframes and foreign pages may not. */
export function isTrustedSender(frame: SenderFrame | null | undefined, origin: string | undefined): boolean {
  return frame != null && frame.parent === null && isAllowedNavigation(frame.url, origin);
}

export function setupSecurity(coreOrigin: OriginSource): void {
  denyPermissions();
  addCspToCoreResponses(coreOrigin);
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, coreOrigin));
}

function denyPermissions(): void {
  const ses = session.defaultSession;
  // No screen needs camera, microphone, geolocation, notifications, HID, serial or USB:
  // the hardware is driven by the main process, never by a page.
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    console.warn(`[security] denied permission request: ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

function addCspToCoreResponses(coreOrigin: OriginSource): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    const origin = coreOrigin();
    if (!origin || !isAllowedNavigation(details.url, origin)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withCsp(details.responseHeaders, buildCsp(origin)) });
  });
}

function lockDownContents(contents: WebContents, coreOrigin: OriginSource): void {
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`[security] denied new window: ${url}`);
    return { action: 'deny' };
  });
  const guard = (event: { url: string; preventDefault(): void }): void => {
    if (isAllowedNavigation(event.url, coreOrigin())) return;
    console.warn(`[security] denied navigation: ${event.url}`);
    event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => {
    console.warn('[security] denied <webview>');
    event.preventDefault();
  });
}

/**
 * ipcMain.handle with the sender check the checklist asks for. Handlers are
 * registered only through here, so none can forget it.
 */
export function handleTrusted<T>(
  channel: IpcChannel,
  coreOrigin: OriginSource,
  handler: (event: IpcMainInvokeEvent) => T | Promise<T>,
): void {
  ipcMain.handle(channel, (event) => {
    if (!isTrustedSender(event.senderFrame, coreOrigin())) {
      throw new Error(`[security] refused ${channel} from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
    }
    return handler(event);
  });
}
