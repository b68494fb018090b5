/**
 * The staff device health view shows what a sign could not show: a "text
 * cut" flag beside its state and, under its name, the sentence in zh and en
 * with the messages that did not fit. A sign whose messages all fit shows none.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { DeviceHealth, DevicesHealth, PublicSite } from '../../core/contract';
import { DevicesPanel } from '../../renderer/apps/staff/DevicesPanel';
import { createStaffStore } from '../../renderer/apps/staff/store';

// A server render reads the store's initial state: the panel's store is swapped for a state the test gives.
const panelState = vi.hoisted(() => ({ current: null as null | Record<string, unknown> }));
vi.mock('../../renderer/apps/staff/state', () => ({
  useStaff: (selector: (s: unknown) => unknown) => selector(panelState.current),
}));

const site: PublicSite = {
  id: 'test',
  kind: 'prison',
  agency: { zh: '測試監獄', en: 'Test Prison' },
  timeZone: 'Asia/Taipei',
  services: [],
  counters: [],
  courtrooms: [],
  signs: [],
};

const sign = (over: Partial<DeviceHealth> = {}): DeviceHealth => ({
  id: 'lobby-led',
  kind: 'sign',
  name: { zh: '大廳跑馬燈', en: 'Lobby LED sign' },
  state: 'online',
  statusReadable: true,
  link: 'open',
  alert: null,
  since: '2026-11-26T09:00:00+08:00',
  ...over,
});

function render(devices: DeviceHealth[]): string {
  const health: DevicesHealth = { devices, failedJobs: [], pendingJobs: 0, notices: [] };
  const base = createStaffStore().getState();
  panelState.current = { ...base, connection: 'open', snapshots: { ...base.snapshots, 'devices.health': health } };
  return renderToStaticMarkup(createElement(DevicesPanel, { site, canReprint: true }));
}

const testIds = (html: string, prefix: string) => [...html.matchAll(new RegExp(`data-testid="(${prefix}[^"]*)"`, 'g'))].map((m) => m[1]);

describe('the staff device health view', () => {
  it('a sign whose messages were cut says so, in both languages, naming the messages', () => {
    const long = '臺'.repeat(300);
    const html = render([
      sign({
        signWarnings: [
          {
            code: 'text-cut',
            messages: [
              { id: 2, zh: long, en: 'A very long notice' },
              { id: 3, zh: '請保持安靜', en: 'Please keep quiet' },
            ],
            text: { zh: '訊息超過看板容量，第 2 則起共 2 則未完整顯示', en: 'Too long for this sign: 2 messages, from message 2 on, are not shown in full' },
          },
        ],
      }),
      sign({ id: 'entrance-led', name: { zh: '入口跑馬燈', en: 'Entrance LED sign' } }),
    ]);
    expect(html).toContain('data-sign-warnings="text-cut"');
    expect(testIds(html, 'device-sign-flag-')).toEqual(['device-sign-flag-lobby-led-text-cut']);
    expect(html).toContain('訊息被截斷');
    expect(html).toContain('Text cut');
    expect(html).toContain('訊息超過看板容量，第 2 則起共 2 則未完整顯示');
    expect(html).toContain('Too long for this sign: 2 messages, from message 2 on, are not shown in full');
    expect(html).toContain('data-messages="2,3"');
    // each message named by its start, long ones shortened
    expect(html).toContain(`「${'臺'.repeat(30)}…」`);
    expect(html).not.toContain('臺'.repeat(31));
    expect(html).toContain('「請保持安靜」');
    expect(html).toContain('Please keep quiet');
    // the state is still the link's: online
    expect(html).toMatch(/data-testid="device-state-lobby-led"[^>]*>在線/);
    // the other sign showed everything
    expect(testIds(html, 'device-sign-warning-entrance-led')).toEqual([]);
  });

  it('an emergency that did not fit is named as the emergency', () => {
    const html = render([
      sign({
        signWarnings: [
          {
            code: 'text-cut',
            messages: [{ id: null, zh: '請依指示疏散', en: 'Evacuate' }],
            text: { zh: '訊息超過看板容量，第 1 則未完整顯示', en: 'Too long for this sign: message 1 is not shown in full' },
          },
        ],
      }),
    ]);
    expect(html).toContain('data-messages="emergency"');
    expect(html).toContain('緊急廣播');
  });

  it('a sign whose messages all fit shows no warning', () => {
    const html = render([sign()]);
    expect(html).not.toContain('data-sign-warnings');
    expect(testIds(html, 'device-sign-')).toEqual([]);
    expect(html).not.toContain('訊息被截斷');
  });
});
