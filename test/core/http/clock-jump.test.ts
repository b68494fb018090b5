/**
 * Through the real lobby: a clock set back across midnight keeps the tickets
 * and staff read the warning in devices.health, as soon as it happens.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DevicesHealth } from '../../../core/contract';
import { manualClock } from '../../../core/store/clock';
import { counterAction, createFirstAdmin, issueTicket, startTestLobby, watchLive, type TestLobby } from '../../helpers/lobby';
import { until } from '../../hardware/support/wait';

let t: TestLobby | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe('a clock jump seen by staff', () => {
  it('the lobby keeps numbering the day already begun and devices.health names the jump, pushed without a reload', async () => {
    const clock = manualClock('2026-11-27T00:03:00+08:00');
    t = await startTestLobby({ clock });
    const admin = await createFirstAdmin(t);
    const live = await watchLive(t, ['devices.health'], admin.headers());
    const health = () => live.get<DevicesHealth>('devices.health');
    await until(() => health() !== undefined, 3000, 'devices.health');
    expect(health()!.notices.filter((n) => n.code === 'clock-jump')).toEqual([]);

    expect(await issueTicket(t, 'consult')).toMatchObject({ number: 'A001' });
    clock.step('2026-11-26T23:49:00+08:00');
    expect(await issueTicket(t, 'consult')).toMatchObject({ number: 'A002' });
    await until(() => (health()?.notices ?? []).some((n) => n.code === 'clock-jump'), 3000, 'the clock-jump notice');
    const notice = health()!.notices.find((n) => n.code === 'clock-jump')!;
    expect(notice.text.zh).toContain('電腦時鐘倒退 14 分鐘（00:03 → 23:49）');
    expect(notice.text.en).toContain('The computer clock went back 14 minutes (00:03 → 23:49)');
    live.close();

    clock.advance(15 * 60_000); // the clock's midnight comes round again
    expect(await issueTicket(t, 'consult')).toMatchObject({ number: 'A003' });
    // Counter 1 calls them in the order they were issued.
    const called: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) called.push((await counterAction(admin, { action: 'next', counterId: 'c1' })).call?.number);
    expect(called).toEqual(['A001', 'A002', 'A003']);
  });
});
