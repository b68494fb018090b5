import { describe, expect, it } from 'vitest';
import { createScreenRegistry } from '../../../core/live/screens';
import { manualClock } from '../../../core/store/clock';

describe('screen heartbeats', () => {
  it('lists each screen with its last heartbeat; an unattended board that stops raises an alert; gone for a day, it is forgotten', () => {
    const clock = manualClock('2026-11-26T10:00:00+08:00');
    let changes = 0;
    const reg = createScreenRegistry(clock, 'Asia/Taipei', () => changes++);
    const calls = reg.hello('calls', '/calls', '10.0.0.21');
    const staff = reg.hello('staff', '/staff', '10.0.0.5');
    expect(reg.health().map((h) => [h.id, h.state, h.alert])).toEqual([
      ['screen:calls /calls @10.0.0.21', 'online', null],
      ['screen:staff /staff @10.0.0.5', 'online', null],
    ]);
    reg.tick();
    clock.advance(60_000);
    reg.beat(calls);
    clock.advance(30_000);
    // The call board pinged 30 s ago; the staff page has been silent for 90 s.
    expect(reg.tick()).toBe(true);
    const [board, console_] = reg.health();
    expect(board).toMatchObject({ state: 'online', detail: 'last heartbeat 2026-11-26T10:01:00+08:00' });
    expect(console_).toMatchObject({ state: 'offline', alert: null });
    reg.gone(calls);
    expect(reg.health()[0]).toMatchObject({ state: 'offline', alert: 'error', link: 'disconnected' });
    reg.gone(staff);
    clock.advance(25 * 3600_000);
    reg.tick();
    expect(reg.health()).toEqual([]);
    expect(changes).toBeGreaterThanOrEqual(4);
  });
});
