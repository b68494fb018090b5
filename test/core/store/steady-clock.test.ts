import { describe, expect, it } from 'vitest';
import { localDay, manualClock, steadyClock, type ClockJump } from '../../../core/store/clock';

const TZ = 'Asia/Taipei';
const MIN = 60_000;
const t = (iso: string) => Date.parse(iso);

function setup(start: string) {
  const wall = manualClock(start);
  const jumps: ClockJump[] = [];
  const lobby = steadyClock(wall, { timeZone: TZ, onJump: (j) => jumps.push(j) });
  lobby.now();
  return { wall, lobby, jumps };
}

describe('steadyClock: the lobby time over a clock that may be stepped', () => {
  it('a back step is reported once; the lobby time never goes back and runs at half speed until the wall clock catches up', () => {
    const { wall, lobby, jumps } = setup('2026-11-27T00:05:00+08:00');
    wall.step('2026-11-26T23:51:00+08:00');
    expect(lobby.now()).toBe(t('2026-11-27T00:05:00+08:00'));
    expect(jumps).toEqual([{ expected: t('2026-11-27T00:05:00+08:00'), actual: t('2026-11-26T23:51:00+08:00'), ms: -14 * MIN }]);
    wall.advance(10 * MIN);
    expect(lobby.now()).toBe(t('2026-11-27T00:10:00+08:00'));
    wall.advance(18 * MIN); // 28 minutes after the step: caught up
    expect(lobby.now()).toBe(wall.now());
    wall.advance(MIN);
    expect(lobby.now()).toBe(wall.now());
    expect(jumps).toHaveLength(1);
  });

  it('the lobby day never goes back while the wall clock reads the day before', () => {
    const { wall, lobby } = setup('2026-11-27T00:02:00+08:00');
    wall.step('2026-11-26T23:55:00+08:00');
    for (let i = 0; i < 20; i++) {
      wall.advance(30_000);
      expect(localDay(lobby.now(), TZ)).toBe('2026-11-27');
    }
  });

  it('a clock set back and then forward again to where it was is one jump, and the time runs on', () => {
    const { wall, lobby, jumps } = setup('2026-11-26T10:00:00+08:00');
    wall.step('2026-11-26T09:00:00+08:00');
    wall.advance(MIN);
    lobby.now();
    wall.step('2026-11-26T10:01:00+08:00');
    expect(lobby.now()).toBe(t('2026-11-26T10:01:00+08:00'));
    expect(jumps.map((j) => j.ms)).toEqual([-60 * MIN]);
  });

  it('a forward step under an hour is taken silently; a far one is reported and holds dayNow on the old timeline until its midnight', () => {
    const { wall, lobby, jumps } = setup('2026-11-26T21:00:00+08:00');
    wall.step('2026-11-26T21:40:00+08:00');
    expect(lobby.now()).toBe(wall.now());
    expect(jumps).toEqual([]);
    wall.step('2026-11-27T00:40:00+08:00'); // 3 hours ahead
    expect(lobby.now()).toBe(wall.now());
    expect(lobby.dayNow()).toBe(t('2026-11-26T21:40:00+08:00'));
    expect(jumps.map((j) => j.ms)).toEqual([3 * 3600_000]);
    wall.advance(139 * MIN);
    expect(localDay(lobby.dayNow(), TZ)).toBe('2026-11-26');
    wall.advance(2 * MIN);
    expect(lobby.dayNow()).toBe(lobby.now());
  });

  it('a forward step of 12 hours or more is reported and followed by dayNow too', () => {
    const { wall, lobby, jumps } = setup('2026-11-26T17:30:00+08:00');
    wall.step('2026-11-27T08:30:00+08:00');
    expect(lobby.dayNow()).toBe(wall.now());
    expect(jumps.map((j) => j.ms)).toEqual([15 * 3600_000]);
  });

  it('a clock with no monotonic reading is taken as it is, only never backwards', () => {
    let now = t('2026-11-26T10:00:00+08:00');
    const jumps: ClockJump[] = [];
    const lobby = steadyClock({ now: () => now }, { timeZone: TZ, onJump: (j) => jumps.push(j) });
    expect(lobby.now()).toBe(now);
    now += 5 * 3600_000;
    expect(lobby.dayNow()).toBe(now);
    now -= 3600_000;
    expect(lobby.now()).toBe(now + 3600_000);
    expect(jumps).toEqual([]);
  });

  it('a test rewinding its manual clock (set to an earlier time) starts over from there', () => {
    const { wall, lobby, jumps } = setup('2026-11-26T10:00:00+08:00');
    wall.set('2026-11-26T08:00:00+08:00');
    expect(lobby.now()).toBe(wall.now());
    expect(jumps).toEqual([]);
  });
});
