import { describe, expect, it } from 'vitest';
import { createScreenRegistry } from '../../../core/live/screens';
import { manualClock } from '../../../core/store/clock';

describe('screen heartbeats', () => {
  it('lists each screen with its last heartbeat; an unattended board that stops raises an alert; stopped for the site\'s forget time, it is forgotten', () => {
    const clock = manualClock('2026-11-26T10:00:00+08:00');
    let changes = 0;
    const reg = createScreenRegistry(clock, 'Asia/Taipei', () => changes++, { forgetMs: 10 * 60_000 });
    const calls = reg.hello('calls', '/calls', '10.0.0.21')!;
    const staff = reg.hello('staff', '/staff', '10.0.0.5')!;
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
    clock.advance(9 * 60_000);
    reg.tick();
    expect(reg.health()).toHaveLength(2);
    clock.advance(61_000);
    expect(reg.tick()).toBe(true);
    expect(reg.health()).toEqual([]);
    expect(changes).toBeGreaterThanOrEqual(4);
  });

  it('an open screen stays listed however long it is silent (staff are alerted); only stopped ones are forgotten', () => {
    const clock = manualClock('2026-11-26T10:00:00+08:00');
    const reg = createScreenRegistry(clock, 'Asia/Taipei', () => undefined, { forgetMs: 60_000 });
    reg.hello('calls', '/calls', '10.0.0.21');
    clock.advance(3600_000);
    reg.tick();
    expect(reg.health()).toMatchObject([{ state: 'offline', alert: 'error' }]);
  });

  it('stays bounded when one address says it is ever new boards: the oldest stopped ones make room', () => {
    const clock = manualClock('2026-11-26T10:00:00+08:00');
    const reg = createScreenRegistry(clock, 'Asia/Taipei', () => undefined);
    for (let i = 0; i < 2000; i++) {
      const key = reg.hello('calls', `/calls/${i}`, '10.0.0.66');
      if (key) reg.gone(key);
      clock.advance(10);
    }
    expect(reg.size()).toBeLessThanOrEqual(60);
    // The newest stopped ones are what is kept.
    expect(reg.health().some((h) => h.id === 'screen:calls /calls/1999 @10.0.0.66')).toBe(true);
    // Another address's boards still get in.
    expect(reg.hello('calls', '/calls', '10.0.0.21')).not.toBeNull();
  });
});
