import { describe, expect, it } from 'vitest';
import { siteConfigSchema } from '../../../core/config/schema';
import { expectedScreensOf } from '../../../core/config/expected-screens';
import { createScreenRegistry, type ExpectedScreen } from '../../../core/live/screens';
import { manualClock } from '../../../core/store/clock';
import { loadSite } from '../../../core/config/load';

const CALLS: ExpectedScreen = { path: '/calls', name: { zh: '大廳叫號看板', en: 'Hall call board' } };
const ROOM1: ExpectedScreen = { path: '/hearings/r1', name: { zh: '第一偵查庭門口看板', en: 'Room 1 door screen' } };

const lines = (reg: { health(): { id: string; state: string; alert: string | null }[] }) => reg.health().map((h) => [h.id, h.state, h.alert]);

describe('screen heartbeats', () => {
  it('lists each screen with its last heartbeat; a declared board that stops is an alarm; another screen stopped for the forget time is forgotten', () => {
    const clock = manualClock('2026-11-26T10:00:00+08:00');
    let changes = 0;
    const reg = createScreenRegistry(clock, 'Asia/Taipei', () => changes++, { forgetMs: 10 * 60_000, expected: [CALLS] });
    const calls = reg.hello('calls', '/calls', '10.0.0.21')!;
    const staff = reg.hello('staff', '/staff', '10.0.0.5')!;
    expect(lines(reg)).toEqual([
      ['screen:/calls', 'online', null],
      ['screen:staff /staff @10.0.0.5', 'online', null],
    ]);
    expect(reg.health()[0]).toMatchObject({ name: CALLS.name, screen: { path: '/calls', expected: true, address: '10.0.0.21' } });
    reg.tick();
    clock.advance(60_000);
    reg.beat(calls);
    clock.advance(30_000);
    // The call board pinged 30 s ago; the staff page has been silent for 90 s.
    expect(reg.tick()).toBe(true);
    const [board, console_] = reg.health();
    expect(board).toMatchObject({ state: 'online', screen: { lastSeen: '2026-11-26T10:01:00+08:00' } });
    expect(console_).toMatchObject({ state: 'offline', alert: null, detail: 'last heartbeat 2026-11-26T10:00:00+08:00', screen: { expected: false } });
    reg.gone(calls);
    expect(reg.health()[0]).toMatchObject({ state: 'offline', alert: 'error', link: 'disconnected', detail: '/calls · last heartbeat 2026-11-26T10:01:30+08:00 from 10.0.0.21' });
    reg.gone(staff);
    clock.advance(9 * 60_000);
    reg.tick();
    expect(reg.health()).toHaveLength(2);
    clock.advance(61_000);
    expect(reg.tick()).toBe(true);
    // The staff page is forgotten; the declared board stays an alarm until it is back.
    expect(lines(reg)).toEqual([['screen:/calls', 'offline', 'error']]);
    reg.hello('calls', '/calls', '10.0.0.21');
    expect(lines(reg)).toEqual([['screen:/calls', 'online', null]]);
    expect(changes).toBeGreaterThanOrEqual(5);
  });

  it('a declared screen silent for too long is an alarm even while its socket is open', () => {
    const clock = manualClock('2026-11-26T10:00:00+08:00');
    const reg = createScreenRegistry(clock, 'Asia/Taipei', () => undefined, { forgetMs: 60_000, expected: [CALLS] });
    reg.hello('calls', '/calls', '10.0.0.21');
    clock.advance(3600_000);
    reg.tick();
    expect(reg.health()).toMatchObject([{ id: 'screen:/calls', state: 'offline', alert: 'error' }]);
  });

  it('a screen nobody declared is never an alarm: opened, closed, silent, it is listed quietly and then forgotten', () => {
    const clock = manualClock('2026-11-26T10:00:00+08:00');
    const reg = createScreenRegistry(clock, 'Asia/Taipei', () => undefined, { forgetMs: 10 * 60_000, expected: [CALLS] });
    const stray = reg.hello('hearings', '/hearings/r9', '10.0.0.77')!;
    reg.hello('kiosk', '/kiosk', '10.0.0.78');
    clock.advance(3600_000);
    reg.gone(stray);
    expect(reg.health().filter((h) => h.alert !== null)).toEqual([]);
    expect(reg.health().find((h) => h.id === 'screen:hearings /hearings/r9 @10.0.0.77')).toMatchObject({ state: 'offline', alert: null, screen: { expected: false } });
  });

  it('a declared screen not seen since the lobby started is listed quietly as not connected', () => {
    const clock = manualClock('2026-11-26T10:00:00+08:00');
    const reg = createScreenRegistry(clock, 'Asia/Taipei', () => undefined, { expected: [CALLS, ROOM1] });
    expect(reg.health()).toMatchObject([
      { id: 'screen:/calls', state: 'unknown', alert: null, screen: { expected: true, address: null, lastSeen: null } },
      { id: 'screen:/hearings/r1', state: 'unknown', alert: null, name: ROOM1.name },
    ]);
  });

  it('a declared path is one line, up while any page shows it; an alarm only when the last one stops', () => {
    const clock = manualClock('2026-11-26T10:00:00+08:00');
    const reg = createScreenRegistry(clock, 'Asia/Taipei', () => undefined, { expected: [ROOM1] });
    const tv = reg.hello('hearings', '/hearings/r1', '10.0.0.31')!;
    const laptop = reg.hello('hearings', '/hearings/r1', '10.0.0.40')!;
    expect(reg.health()).toHaveLength(1);
    expect(reg.health()[0]).toMatchObject({ state: 'online', detail: '/hearings/r1 · 10.0.0.31, 10.0.0.40' });
    reg.gone(laptop);
    expect(lines(reg)).toEqual([['screen:/hearings/r1', 'online', null]]);
    reg.gone(tv);
    expect(lines(reg)).toEqual([['screen:/hearings/r1', 'offline', 'error']]);
  });

  it('an admin forgets a stopped screen listed quietly; not an open one, not a declared one', () => {
    const clock = manualClock('2026-11-26T10:00:00+08:00');
    let changes = 0;
    const reg = createScreenRegistry(clock, 'Asia/Taipei', () => changes++, { expected: [CALLS] });
    const stray = reg.hello('calls', '/calls/test', '10.0.0.66')!;
    reg.hello('calls', '/calls', '10.0.0.21');
    expect(reg.forget(`screen:${stray}`)).toEqual({ refused: 'open' });
    expect(reg.forget('screen:/calls')).toEqual({ refused: 'expected' });
    expect(reg.forget('screen:calls /calls @10.0.0.21')).toEqual({ refused: 'expected' });
    reg.gone(stray);
    const before = changes;
    expect(reg.forget(`screen:${stray}`)).toEqual({ forgotten: true });
    expect(changes).toBe(before + 1);
    expect(reg.health().map((h) => h.id)).toEqual(['screen:/calls']);
    expect(reg.forget(`screen:${stray}`)).toEqual({ forgotten: false });
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

describe('the screens a site declares', () => {
  it("are its own windows (named by role, this computer's) and its expectedScreens, in that order", () => {
    const site = siteConfigSchema.parse({
      ...baseSite(),
      screens: [
        { role: 'kiosk', display: { index: 0 }, mode: 'kiosk' },
        { role: 'calls', display: { index: 1 }, mode: 'fullscreen', path: 'hall-2' },
      ],
      expectedScreens: [{ path: '/guide', name: { zh: '大廳導覽機', en: 'Guide kiosk in the hall' } }],
    });
    expect(expectedScreensOf(site)).toEqual([
      { path: '/kiosk', name: { zh: '本機取號機', en: 'Ticket kiosk (this computer)' } },
      { path: '/calls/hall-2', name: { zh: '本機叫號看板 hall-2', en: 'Call board hall-2 (this computer)' } },
      { path: '/guide', name: { zh: '大廳導覽機', en: 'Guide kiosk in the hall' } },
    ]);
  });

  it('refuses a path that is no screen, a phone page, and a path listed twice, naming the entry', () => {
    const bad = (expectedScreens: unknown[]) => siteConfigSchema.safeParse({ ...baseSite(), expectedScreens });
    const name = { zh: '看板', en: 'Board' };
    const path = (r: ReturnType<typeof bad>) => (r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    expect(path(bad([{ path: '/admin', name }]))?.[0]).toMatch(/^expectedScreens\.0\.path: a screen path starts with a screen: \/kiosk, \/calls/);
    expect(path(bad([{ path: '/phone/t/x', name }]))?.[0]).toMatch(/^expectedScreens\.0\.path: a screen path starts with a screen/);
    expect(path(bad([{ path: 'calls', name }]))?.[0]).toBe('expectedScreens.0.path: a screen path looks like /calls or /hearings/r1');
    expect(path(bad([{ path: '/calls', name }]))).toEqual(['expectedScreens.0.path: screen path /calls is listed twice (a window of this computer or another screen)']);
    expect(path(bad([{ path: '/guide', name }, { path: '/guide', name }]))).toEqual(['expectedScreens.1.path: screen path /guide is listed twice (a window of this computer or another screen)']);
    expect(bad([{ path: '/calls/hall-2', name }, { path: '/rate/c1', name }]).success).toBe(true);
  });

  it('both sample sites declare theirs', () => {
    for (const siteId of ['taitung-prosecutors', 'hualien-prison']) {
      const site = loadSite({ siteId });
      expect(site.expectedScreens.length, siteId).toBeGreaterThan(0);
      const paths = expectedScreensOf(site).map((s) => s.path);
      expect(paths.slice(0, 2), siteId).toEqual(['/kiosk', '/calls']);
    }
  });
});

/** The smallest site the schema takes (screens default to the kiosk and /calls windows). */
function baseSite() {
  return {
    id: 'test',
    kind: 'prosecutors-office',
    agency: { zh: '測試地檢署', en: 'Test Office' },
    services: [{ id: 'consult', prefix: 'A', name: { zh: '諮詢', en: 'Consulting' } }],
    counters: [{ id: 'c1', number: 1, name: { zh: '1號櫃台', en: 'Counter 1' }, serviceIds: ['consult'] }],
  };
}
