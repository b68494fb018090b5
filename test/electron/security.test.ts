import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeIpcMain, fakeSession, lastHandler, resetElectron } from './setup';
import {
  buildCsp,
  handleTrusted,
  isAllowedNavigation,
  isTrustedSender,
  originOf,
  setupSecurity,
  withCsp,
} from '../../electron/security';

const CORE = 'http://127.0.0.1:4310';

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheckHandler = (contents: unknown, permission: string) => boolean;
type HeadersHandler = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;
type IpcHandler = (event: { senderFrame: { url: string; parent: unknown } | null; sender: unknown }) => unknown;

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('isAllowedNavigation', () => {
  it('allows any path on exactly the core origin', () => {
    expect(isAllowedNavigation(`${CORE}/kiosk`, CORE)).toBe(true);
    expect(isAllowedNavigation(`${CORE}/calls/room-3?x=1#top`, CORE)).toBe(true);
  });

  it('refuses other hosts, ports, schemes and look-alike hosts', () => {
    expect(isAllowedNavigation('http://127.0.0.1:4311/kiosk', CORE)).toBe(false);
    expect(isAllowedNavigation('https://127.0.0.1:4310/kiosk', CORE)).toBe(false);
    expect(isAllowedNavigation('http://localhost:4310/kiosk', CORE)).toBe(false);
    expect(isAllowedNavigation('http://127.0.0.1:4310.evil.example/', CORE)).toBe(false);
    expect(isAllowedNavigation('http://127.0.0.1:4310@evil.example/', CORE)).toBe(false);
    expect(isAllowedNavigation('https://evil.example/', CORE)).toBe(false);
  });

  it('refuses opaque and malformed URLs, and everything before the core has an origin', () => {
    expect(isAllowedNavigation('file:///etc/passwd', CORE)).toBe(false);
    expect(isAllowedNavigation('data:text/html,<h1>x</h1>', CORE)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', CORE)).toBe(false);
    expect(isAllowedNavigation('not a url', CORE)).toBe(false);
    expect(isAllowedNavigation(`${CORE}/kiosk`, undefined)).toBe(false);
    expect(originOf('about:blank')).toBeUndefined();
  });
});

describe('buildCsp', () => {
  it('allows only the core for scripts, sockets and everything else', () => {
    const csp = buildCsp(CORE);
    const directives = csp.split('; ');
    expect(directives).toContain("default-src 'self'");
    expect(directives).toContain("script-src 'self'");
    expect(directives).toContain("style-src 'self' 'unsafe-inline'");
    expect(directives).toContain("img-src 'self' data:");
    expect(directives).toContain("connect-src 'self' ws://127.0.0.1:4310");
    expect(directives).toContain("object-src 'none'");
    expect(directives).toContain("frame-ancestors 'none'");
    // Inline or evaluated scripts would undo the point of the policy.
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });

  it('uses wss for a core served over https', () => {
    expect(buildCsp('https://lobby.example:8443')).toContain("connect-src 'self' wss://lobby.example:8443");
  });

  it('is added only when the response has none', () => {
    expect(withCsp({ 'content-type': ['text/html'] }, 'X')).toEqual({
      'content-type': ['text/html'],
      'Content-Security-Policy': ['X'],
    });
    const own = { 'content-security-policy': ["default-src 'none'"] };
    expect(withCsp(own, 'X')).toEqual(own);
    expect(withCsp(undefined, 'X')).toEqual({ 'Content-Security-Policy': ['X'] });
  });
});

describe('setupSecurity', () => {
  let origin: string | undefined;

  beforeEach(() => {
    resetElectron();
    origin = CORE;
    setupSecurity(() => origin);
  });

  it('denies every permission request and check', () => {
    const request = lastHandler<PermissionRequestHandler>(fakeSession.defaultSession.setPermissionRequestHandler);
    for (const permission of ['media', 'geolocation', 'notifications', 'fullscreen', 'serial', 'hid', 'clipboard-read']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    const check = lastHandler<PermissionCheckHandler>(fakeSession.defaultSession.setPermissionCheckHandler);
    expect(check({}, 'media')).toBe(false);
    expect(check(null, 'notifications')).toBe(false);
    const device = lastHandler<() => boolean>(fakeSession.defaultSession.setDevicePermissionHandler);
    expect(device()).toBe(false);
  });

  it('denies every new window', () => {
    const win = new FakeBrowserWindow({});
    const handler = win.webContents.windowOpenHandler;
    expect(handler).toBeDefined();
    expect(handler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: `${CORE}/kiosk` })).toEqual({ action: 'deny' });
  });

  it('prevents navigation and redirects off the core origin, and allows them on it', () => {
    const { webContents } = new FakeBrowserWindow({});
    for (const eventName of ['will-navigate', 'will-redirect']) {
      const away = navigationEvent('https://evil.example/phish');
      webContents.emit(eventName, away);
      expect(away.preventDefault).toHaveBeenCalled();

      const home = navigationEvent(`${CORE}/guide/floor-2`);
      webContents.emit(eventName, home);
      expect(home.preventDefault).not.toHaveBeenCalled();
    }
  });

  it('prevents all navigation while the core has no origin yet', () => {
    origin = undefined;
    const { webContents } = new FakeBrowserWindow({});
    const event = navigationEvent(`${CORE}/kiosk`);
    webContents.emit('will-navigate', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('prevents <webview> attachment', () => {
    const { webContents } = new FakeBrowserWindow({});
    const event = { preventDefault: vi.fn() };
    webContents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('adds the CSP to core responses that lack one and leaves other responses alone', () => {
    const onHeaders = lastHandler<HeadersHandler>(fakeSession.defaultSession.webRequest.onHeadersReceived);

    const core = vi.fn();
    onHeaders({ url: `${CORE}/calls`, responseHeaders: { 'Content-Type': ['text/html'] } }, core);
    expect(core).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [buildCsp(CORE)] },
    });

    const own = vi.fn();
    const ownHeaders = { 'Content-Security-Policy': ["default-src 'none'"] };
    onHeaders({ url: `${CORE}/api/site`, responseHeaders: ownHeaders }, own);
    expect(own).toHaveBeenCalledWith({ responseHeaders: ownHeaders });

    const foreign = vi.fn();
    onHeaders({ url: 'https://example.org/', responseHeaders: {} }, foreign);
    expect(foreign).toHaveBeenCalledWith({});
  });
});

describe('handleTrusted', () => {
  beforeEach(() => resetElectron());

  it('accepts only the top frame of a core page', async () => {
    const handler = vi.fn(() => 'secret');
    handleTrusted('lobby:kiosk-credential', () => CORE, handler);
    expect(fakeIpcMain.handle).toHaveBeenCalledWith('lobby:kiosk-credential', expect.any(Function));
    const ipc = lastHandler<IpcHandler>(fakeIpcMain.handle, 1);

    expect(ipc({ senderFrame: { url: `${CORE}/kiosk`, parent: null }, sender: {} })).toBe('secret');
    expect(() => ipc({ senderFrame: { url: 'https://evil.example/', parent: null }, sender: {} })).toThrow(/refused/);
    expect(() => ipc({ senderFrame: { url: `${CORE}/kiosk`, parent: {} }, sender: {} })).toThrow(/refused/);
    expect(() => ipc({ senderFrame: null, sender: {} })).toThrow(/refused/);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('refuses everyone while the core has no origin', () => {
    handleTrusted('lobby:kiosk-credential', () => undefined, () => 'secret');
    const ipc = lastHandler<IpcHandler>(fakeIpcMain.handle, 1);
    expect(() => ipc({ senderFrame: { url: `${CORE}/kiosk`, parent: null }, sender: {} })).toThrow(/refused/);
  });

  it('isTrustedSender matches the same rules', () => {
    expect(isTrustedSender({ url: `${CORE}/kiosk`, parent: null }, CORE)).toBe(true);
    expect(isTrustedSender({ url: `${CORE}/kiosk`, parent: null }, undefined)).toBe(false);
    expect(isTrustedSender(undefined, CORE)).toBe(false);
  });
});
