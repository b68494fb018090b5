/**
 * A clock jump reaches staff on every tab: the alert banner shows the notice
 * (both languages) even when every device is fine; the phone-link notice
 * stays in the devices view only.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { DevicesHealth } from '../../core/contract';
import { DeviceAlert } from '../../renderer/apps/staff/DevicesPanel';
import { createStaffStore } from '../../renderer/apps/staff/store';

const panelState = vi.hoisted(() => ({ current: null as null | Record<string, unknown> }));
vi.mock('../../renderer/apps/staff/state', () => ({
  useStaff: (selector: (s: unknown) => unknown) => selector(panelState.current),
}));

function render(notices: DevicesHealth['notices']): string {
  const health: DevicesHealth = { devices: [], failedJobs: [], pendingJobs: 0, notices };
  const base = createStaffStore().getState();
  panelState.current = { ...base, connection: 'open', snapshots: { ...base.snapshots, 'devices.health': health } };
  return renderToStaticMarkup(createElement(DeviceAlert, {}));
}

const jump = {
  code: 'clock-jump' as const,
  text: { zh: '電腦時鐘倒退 14 分鐘（00:05 → 23:51）', en: 'The computer clock went back 14 minutes (00:05 → 23:51)' },
};

describe('the staff alert banner', () => {
  it('shows a clock jump with no device in trouble', () => {
    const html = render([jump]);
    expect(html).toContain('data-testid="device-alert"');
    expect(html).toContain('data-level="warning"');
    expect(html).toContain('data-testid="device-alert-notice-clock-jump"');
    expect(html).toContain('電腦時鐘倒退 14 分鐘（00:05 → 23:51）');
    expect(html).toContain('The computer clock went back 14 minutes (00:05 → 23:51)');
  });

  it('stays hidden for the standing phone-link notice alone', () => {
    expect(render([{ code: 'no-phone-link', text: { zh: '不印 QR', en: 'no QR code' } }])).toBe('');
  });
});
