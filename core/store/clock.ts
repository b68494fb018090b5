/**
 * Time is injected so day-based rules (numbers reset at local midnight, today's
 * hearings) can be tested by moving the clock instead of waiting for it.
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests can set and advance. */
export function manualClock(start: number | string | Date): Clock & { set(t: number | string | Date): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => t,
    set: (next) => {
      t = new Date(next).getTime();
    },
    advance: (ms) => {
      t += ms;
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
