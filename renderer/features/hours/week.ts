/**
 * Opening hours as the form shows them: a week, each day a list of windows (none:
 * closed that day), or "always open". The site file's shape (windows over sets of
 * days) is read into it and written back from it.
 */
import { WEEKDAYS, type OpeningHoursDto } from '../../../core/contract';

export type Weekday = (typeof WEEKDAYS)[number];
export interface TimeWindow {
  from: string;
  to: string;
}
export type Week = Record<Weekday, TimeWindow[]>;

export const WEEKDAY_NAMES: Readonly<Record<Weekday, { zh: string; en: string }>> = {
  1: { zh: '星期一', en: 'Monday' },
  2: { zh: '星期二', en: 'Tuesday' },
  3: { zh: '星期三', en: 'Wednesday' },
  4: { zh: '星期四', en: 'Thursday' },
  5: { zh: '星期五', en: 'Friday' },
  6: { zh: '星期六', en: 'Saturday' },
  7: { zh: '星期日', en: 'Sunday' },
};

/** A new window's times: an office day. */
export const DEFAULT_WINDOW: TimeWindow = { from: '08:30', to: '17:00' };

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function emptyWeek(): Week {
  return { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
}

/** The week of some hours, each day's windows earliest first; null (always open) reads as Monday to Friday office hours to start from. */
export function weekOf(hours: readonly OpeningHoursDto[] | null): Week {
  const week = emptyWeek();
  if (hours === null) {
    for (const d of [1, 2, 3, 4, 5] as const) week[d] = [{ ...DEFAULT_WINDOW }];
    return week;
  }
  for (const h of hours) for (const d of h.days) if (d >= 1 && d <= 7) week[d as Weekday].push({ from: h.from, to: h.to });
  for (const d of WEEKDAYS) week[d].sort((a, b) => minutes(a.from) - minutes(b.from));
  return week;
}

/** The site file's shape: one entry per window times, with every day that has it. */
export function hoursOfWeek(week: Week): OpeningHoursDto[] {
  const byTimes = new Map<string, number[]>();
  for (const d of WEEKDAYS) {
    for (const w of week[d]) {
      const key = `${w.from}-${w.to}`;
      byTimes.set(key, [...(byTimes.get(key) ?? []), d]);
    }
  }
  return [...byTimes.entries()]
    .map(([key, days]) => ({ days, from: key.slice(0, 5), to: key.slice(6) }))
    .sort((a, b) => a.days[0]! - b.days[0]! || minutes(a.from) - minutes(b.from));
}

export interface WeekProblem {
  day: Weekday;
  zh: string;
  en: string;
}

/** What stops a week from being saved, per day, in both languages. */
export function weekProblems(week: Week): WeekProblem[] {
  const out: WeekProblem[] = [];
  for (const day of WEEKDAYS) {
    const name = WEEKDAY_NAMES[day];
    const windows = [...week[day]].sort((a, b) => minutes(a.from) - minutes(b.from));
    for (const w of windows) {
      if (!/^\d\d:\d\d$/.test(w.from) || !/^\d\d:\d\d$/.test(w.to)) out.push({ day, zh: `${name.zh}：請填入開始與結束時間`, en: `${name.en}: give both times` });
      else if (minutes(w.from) >= minutes(w.to)) out.push({ day, zh: `${name.zh}：${w.from}–${w.to} 的結束時間須晚於開始時間`, en: `${name.en}: ${w.from}–${w.to} must end after it starts` });
    }
    for (let i = 1; i < windows.length; i++) {
      if (minutes(windows[i]!.from) < minutes(windows[i - 1]!.to)) {
        out.push({ day, zh: `${name.zh}：兩個時段重疊`, en: `${name.en}: two windows overlap` });
      }
    }
  }
  return out;
}

/** "08:30–12:00, 13:30–17:00", or closed, for one day. */
export function dayText(windows: readonly TimeWindow[]): { zh: string; en: string } {
  if (windows.length === 0) return { zh: '休息', en: 'Closed' };
  const text = windows.map((w) => `${w.from}–${w.to}`);
  return { zh: text.join('、'), en: text.join(', ') };
}
