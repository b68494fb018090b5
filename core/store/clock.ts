/**
 * Time is injected so day-based rules (numbers reset at local midnight, today's
 * hearings) can be tested by moving the clock instead of waiting for it.
 */
export interface Clock {
  now(): number;
  /**
   * Real elapsed milliseconds from any origin, untouched when someone (or time
   * sync) sets the computer's clock: how the lobby tells a clock step from time
   * passing. Absent: the wall clock is taken as is and no step is noticed.
   */
  monotonic?(): number;
}

export const systemClock: Clock = { now: () => Date.now(), monotonic: () => performance.now() };

/**
 * A clock tests can set and advance. `set` and `advance` are time passing (the
 * monotonic reading moves too); `step` is the computer's clock being set while
 * real time stands still, as time sync or an admin does.
 */
export function manualClock(
  start: number | string | Date,
): Clock & { monotonic(): number; set(t: number | string | Date): void; advance(ms: number): void; step(t: number | string | Date): void } {
  let t = new Date(start).getTime();
  let mono = 0;
  return {
    now: () => t,
    monotonic: () => mono,
    set: (next) => {
      const n = new Date(next).getTime();
      mono += n - t;
      t = n;
    },
    advance: (ms) => {
      t += ms;
      mono += ms;
    },
    step: (next) => {
      t = new Date(next).getTime();
    },
  };
}

/** A step of the computer's clock that real elapsed time does not explain. */
export interface ClockJump {
  /** What the clock would read had it kept pace with real time. */
  expected: number;
  /** What it read instead. */
  actual: number;
  /** actual − expected: negative when the clock went back. */
  ms: number;
}

export interface SteadyClock extends Clock {
  /**
   * The time by which "has the day ended" is judged: `now()` minus a far
   * forward jump real time has not explained, until that older timeline itself
   * passes midnight.
   */
  dayNow(): number;
}

/** Wall-clock drift smaller than this (against real elapsed time) is noise, not a step. */
export const CLOCK_STEP_MS = 1000;
/** A forward step larger than this is "far ahead": reported, and it does not end the day early. */
export const CLOCK_FAR_AHEAD_MS = 3_600_000;
/**
 * A forward step this large is a night's sleep (the monotonic clock stops
 * during suspend) or a clock that was plainly wrong: it is reported but the
 * day follows it, or yesterday's leftovers would stay first in line all morning.
 */
export const CLOCK_HOLD_MAX_MS = 12 * 3_600_000;

/**
 * The lobby's own time over a wall clock that may be stepped: it never goes
 * back, so a day once begun is never left for the one before and a later
 * ticket never sorts before an earlier one.
 *
 * - Back step: the lobby keeps its time and then runs at half speed until the
 *   wall clock catches up (a 14-minute step is absorbed in 28 minutes); a
 *   freeze would stop waits and grace periods, a permanent lead would print
 *   wrong times for good.
 * - Forward step up to an hour: taken as a correction of a slow clock.
 * - Far forward step (1 to 12 hours): timestamps follow it (a forward step
 *   keeps order), but `dayNow()` stays on the old timeline until that
 *   timeline's midnight, so a line is never expired before real midnight.
 *   Longer steps are reported and followed (see CLOCK_HOLD_MAX_MS).
 *
 * Both steps are reported through `onJump`, from the read that notices them.
 */
export function steadyClock(base: Clock, opts: { timeZone: string; onJump?: (jump: ClockJump) => void }): SteadyClock {
  let last: { wall: number; mono: number } | null = null;
  let lobby = 0;
  /** How far the lobby's time is ahead of the wall clock after a back step. */
  let lead = 0;
  /** A far forward jump not yet explained, and the old timeline's day it is held for. */
  let behind = 0;
  let behindDay = '';

  function read(): void {
    const wall = base.now();
    if (!base.monotonic) {
      lobby = Math.max(lobby, wall);
      return;
    }
    const mono = base.monotonic();
    if (!last || mono < last.mono) {
      // First read, or a test rewinding its manual clock (a real monotonic clock never goes back).
      last = { wall, mono };
      lobby = wall;
      lead = 0;
      behind = 0;
      return;
    }
    const elapsed = mono - last.mono;
    const expected = last.wall + elapsed;
    const drift = wall - expected;
    last = { wall, mono };
    lead = Math.max(0, lead - elapsed / 2);
    if (drift < -CLOCK_STEP_MS) {
      lead -= drift;
      opts.onJump?.({ expected, actual: wall, ms: drift });
    } else if (drift > 0) {
      // A clock set back and then forward again returns to where it was: no jump.
      const undone = Math.min(drift, lead);
      lead -= undone;
      const jump = drift - undone;
      if (jump > CLOCK_FAR_AHEAD_MS) {
        if (jump < CLOCK_HOLD_MAX_MS) {
          if (behind === 0) behindDay = localDay(lobby, opts.timeZone);
          behind += jump;
        }
        opts.onJump?.({ expected: expected + undone, actual: wall, ms: jump });
      }
    }
    lobby = Math.max(lobby, wall + lead);
    if (behind > 0 && localDay(lobby - behind, opts.timeZone) !== behindDay) behind = 0;
  }

  return {
    now() {
      read();
      return lobby;
    },
    dayNow() {
      read();
      return lobby - behind;
    },
  };
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localTime(epochMs: number, timeZone: string): LocalTime {
  const parts = formatter(timeZone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The local calendar day, YYYY-MM-DD, that numbering and "today" are keyed on. */
export function localDay(epochMs: number, timeZone: string): string {
  const t = localTime(epochMs, timeZone);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

/** ISO 8601 with the zone's offset, e.g. 2026-11-26T14:05:00+08:00. */
export function localIso(epochMs: number, timeZone: string): string {
  const t = localTime(epochMs, timeZone);
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  const offsetMin = Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** 民國115年11月26日 14:05 — the calendar citizens read on tickets and screens. */
export function rocDateTime(epochMs: number, timeZone: string): string {
  const t = localTime(epochMs, timeZone);
  return `民國${t.year - 1911}年${t.month}月${t.day}日 ${pad(t.hour)}:${pad(t.minute)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Epoch ms of a local wall-clock time (YYYY-MM-DD, HH:MM) in the zone. */
export function localToEpoch(day: string, hhmm: string, timeZone: string): number {
  const guess = Date.parse(`${day}T${hhmm}:00Z`);
  // The zone's offset at that moment, read back from the formatter (no DST in Asia/Taipei, but stay general).
  const offset = localIso(guess, timeZone).slice(-6);
  return Date.parse(`${day}T${hhmm}:00${offset}`);
}

/** HH:MM of an epoch in the zone. */
export function localHhmm(epochMs: number, timeZone: string): string {
  const t = localTime(epochMs, timeZone);
  return `${pad(t.hour)}:${pad(t.minute)}`;
}

/** The calendar day `n` days after (or before) a YYYY-MM-DD day. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
