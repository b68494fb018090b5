/**
 * What staff see of the screens: a declared screen that stopped is an alarm
 * for the roles that act on screens (desk, admin), listed quietly for counter
 * staff; a screen nobody declared is never an alarm; paper-out and other
 * device faults come before any screen; an admin gets a Forget button on a
 * closed undeclared screen, nobody else.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { DeviceHealth, DevicesHealth, PublicSite, Role } from '../../core/contract';
import { alarmsFor, deviceLines, forgettable, seesScreenAlarms } from '../../renderer/features/devices-health/alarms';
import { DeviceAlert, DevicesPanel } from '../../renderer/apps/staff/DevicesPanel';
import { createStaffStore } from '../../renderer/apps/staff/store';

const panelState = vi.hoisted(() => ({ current: null as null | Record<string, unknown> }));
vi.mock('../../renderer/apps/staff/state', () => ({
  useStaff: (selector: (s: unknown) => unknown) => selector(panelState.current),
}));

const site: PublicSite = {
  id: 'test',
  kind: 'prosecutors-office',
  agency: { zh: '測試地檢署', en: 'Test Office' },
  timeZone: 'Asia/Taipei',
  services: [],
  counters: [],
  courtrooms: [],
  signs: [],
};

const SINCE = '2026-11-26T09:00:00+08:00';
const printer: DeviceHealth = { id: 'printer', kind: 'printer', name: { zh: '印表機', en: 'Printer' }, state: 'paper-end', statusReadable: true, link: 'open', alert: 'error', since: SINCE };
const paperLow: DeviceHealth = { ...printer, id: 'printer-2', state: 'paper-near-end', alert: 'warning' };
const sign: DeviceHealth = { id: 'lobby-led', kind: 'sign', name: { zh: '大廳跑馬燈', en: 'Lobby LED sign' }, state: 'online', statusReadable: true, link: 'open', alert: null, since: SINCE };
const declaredDown: DeviceHealth = {
  id: 'screen:/hearings/r1',
  kind: 'screen',
  name: { zh: '第一偵查庭門口看板', en: 'Room 1 door screen' },
  state: 'offline',
  statusReadable: true,
  link: 'disconnected',
  alert: 'error',
  since: SINCE,
  screen: { path: '/hearings/r1', expected: true, address: '10.0.0.31', lastSeen: SINCE },
};
const declaredUp: DeviceHealth = { ...declaredDown, id: 'screen:/calls', name: { zh: '本機叫號看板', en: 'Call board (this computer)' }, state: 'online', link: 'open', alert: null, screen: { path: '/calls', expected: true, address: '127.0.0.1', lastSeen: SINCE } };
const strayClosed: DeviceHealth = {
  id: 'screen:calls /calls/test @10.0.0.66',
  kind: 'screen',
  name: { zh: '畫面 /calls/test（10.0.0.66）', en: 'Screen /calls/test (10.0.0.66)' },
  state: 'offline',
  statusReadable: true,
  link: 'disconnected',
  alert: null,
  since: SINCE,
  screen: { path: '/calls/test', expected: false, address: '10.0.0.66', lastSeen: SINCE },
};
const strayOpen: DeviceHealth = { ...strayClosed, id: 'screen:kiosk /kiosk @10.0.0.67', state: 'online', link: 'open', screen: { ...strayClosed.screen!, path: '/kiosk' } };

const health = (devices: DeviceHealth[]): DevicesHealth => ({ devices, failedJobs: [], pendingJobs: 0, notices: [] });
// The server lists devices first, then screens; a screen first here checks the view's own order.
const ALL = health([declaredDown, strayClosed, strayOpen, declaredUp, printer, sign, paperLow]);

describe('screen alarms by role', () => {
  it('desk staff and admins act on screens; counter staff do not', () => {
    expect(seesScreenAlarms(['desk'])).toBe(true);
    expect(seesScreenAlarms(['admin'])).toBe(true);
    expect(seesScreenAlarms(['counter'])).toBe(false);
    expect(seesScreenAlarms(['counter', 'desk'])).toBe(true);
  });

  it('the banner: device errors, device warnings, then declared screens that stopped; never a screen nobody declared', () => {
    expect(alarmsFor(ALL, ['desk']).map((d) => d.id)).toEqual(['printer', 'printer-2', 'screen:/hearings/r1']);
    expect(alarmsFor(ALL, ['admin']).map((d) => d.id)).toEqual(['printer', 'printer-2', 'screen:/hearings/r1']);
    expect(alarmsFor(ALL, ['counter']).map((d) => d.id)).toEqual(['printer', 'printer-2']);
    expect(alarmsFor(undefined, ['desk'])).toEqual([]);
  });

  it('the list: devices, declared screens, other screens; a counter reads the stopped door screen quietly', () => {
    expect(deviceLines(ALL, ['desk']).map((d) => d.id)).toEqual([
      'printer',
      'lobby-led',
      'printer-2',
      'screen:/hearings/r1',
      'screen:/calls',
      'screen:calls /calls/test @10.0.0.66',
      'screen:kiosk /kiosk @10.0.0.67',
    ]);
    expect(deviceLines(ALL, ['counter']).find((d) => d.id === 'screen:/hearings/r1')?.alert).toBeNull();
    expect(deviceLines(ALL, ['desk']).find((d) => d.id === 'screen:/hearings/r1')?.alert).toBe('error');
  });

  it('only a closed screen nobody declared may be forgotten', () => {
    expect([declaredDown, declaredUp, strayClosed, strayOpen, printer].filter(forgettable).map((d) => d.id)).toEqual(['screen:calls /calls/test @10.0.0.66']);
  });
});

function render(el: 'panel' | 'alert', roles: Role[]): string {
  const base = createStaffStore().getState();
  panelState.current = { ...base, connection: 'open', me: { user: { id: 1, username: 'u', displayName: 'U', roles }, csrfToken: 'x', needsSetup: false }, snapshots: { ...base.snapshots, 'devices.health': ALL } };
  return renderToStaticMarkup(el === 'panel' ? createElement(DevicesPanel, { site, canReprint: true }) : createElement(DeviceAlert, {}));
}

const rowOf = (html: string, id: string) => {
  const start = html.indexOf(`data-testid="device-${id}"`);
  return html.slice(start, html.indexOf('</tr>', start));
};

describe('the device view', () => {
  it('desk: the stopped door screen red and in the banner below paper-out, with what to do; the closed stray grey, no Forget button', () => {
    const panel = render('panel', ['desk']);
    expect(rowOf(panel, 'screen:/hearings/r1')).toContain('pill pill--bad');
    expect(rowOf(panel, 'screen:/hearings/r1')).toContain('應開啟 <span lang="en">Meant to be up</span>');
    expect(rowOf(panel, 'screen:calls /calls/test @10.0.0.66')).toContain('pill pill--quiet');
    expect(rowOf(panel, 'screen:calls /calls/test @10.0.0.66')).toContain('已關閉 <span lang="en">Closed</span>');
    expect(rowOf(panel, 'screen:calls /calls/test @10.0.0.66')).toContain('未列管 <span lang="en">Not listed</span>');
    expect(panel).not.toContain('device-forget-');
    expect(panel).toContain('data-testid="screens-quiet-note"');

    const banner = render('alert', ['desk']);
    const order = ['device-alert-printer"', 'device-alert-printer-2"', 'device-alert-screen:/hearings/r1"'].map((id) => banner.indexOf(id));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(banner).toContain('第一偵查庭門口看板離線');
    expect(banner).toContain('Room 1 door screen offline');
    expect(banner).toContain('請檢查該畫面的電視或電腦');
    expect(banner).not.toContain('/calls/test');
  });

  it('counter: the banner names the printer only; the stopped door screen is listed grey', () => {
    const banner = render('alert', ['counter']);
    expect(banner).toContain('device-alert-printer"');
    expect(banner).not.toContain('screen:');
    expect(rowOf(render('panel', ['counter']), 'screen:/hearings/r1')).toContain('pill pill--quiet');
  });

  it('admin: a Forget button on the closed undeclared screen only', () => {
    const panel = render('panel', ['admin']);
    expect([...panel.matchAll(/data-testid="device-forget-([^"]+)"/g)].map((m) => m[1])).toEqual(['screen:calls /calls/test @10.0.0.66']);
    expect(panel).toContain('移除 Forget');
  });
});
