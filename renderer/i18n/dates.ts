/**
 * Dates for citizens: the ROC calendar in Chinese (民國115年11月26日 14:05) and the
 * Gregorian calendar in English (26 Nov 2026 14:05). Always in the site's time zone.
 */
import type { Lang } from './lang';

export const DEFAULT_TIME_ZONE = 'Asia/Taipei';

export interface DateParts {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number; // 0–23
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

const WEEKDAYS_EN_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAYS_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const MONTHS_EN_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_EN = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Calendar fields of an instant as seen in `timeZone`. */
export function datePartsIn(date: Date | string | number, timeZone: string = DEFAULT_TIME_ZONE): DateParts {
  const d = date instanceof Date ? date : new Date(date);
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(d)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: Math.max(0, WEEKDAYS_EN_SHORT.indexOf(parts.weekday ?? 'Sun')),
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 2026 → 民國115年; 1911 → 民國前1年. */
export function rocYear(gregorianYear: number): string {
  const y = gregorianYear - 1911;
  return y >= 1 ? `民國${y}年` : `民國前${1 - y}年`;
}

/** 民國115年11月26日 */
export function formatRocDate(date: Date | string | number, timeZone?: string): string {
  const p = datePartsIn(date, timeZone);
  return `${rocYear(p.year)}${p.month}月${p.day}日`;
}

/** 14:05 (24-hour, site time zone) */
export function formatTime(date: Date | string | number, timeZone?: string, withSeconds = false): string {
  const p = datePartsIn(date, timeZone);
  return withSeconds ? `${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}` : `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/**
 * Date only. zh: 民國115年11月26日（星期四）when `weekday`; en: Thursday, 26 November 2026.
 */
export function formatDate(
  date: Date | string | number,
  lang: Lang,
  timeZone?: string,
  opts: { weekday?: boolean } = {},
): string {
  const p = datePartsIn(date, timeZone);
  if (lang === 'zh-TW') {
    const base = `${rocYear(p.year)}${p.month}月${p.day}日`;
    return opts.weekday ? `${base}（星期${WEEKDAYS_ZH[p.weekday]}）` : base;
  }
  const base = `${p.day} ${MONTHS_EN[p.month - 1]} ${p.year}`;
  return opts.weekday ? `${WEEKDAYS_EN[p.weekday]}, ${base}` : base;
}

/** zh: 民國115年11月26日 14:05 — en: 26 Nov 2026 14:05 */
export function formatDateTime(date: Date | string | number, lang: Lang, timeZone?: string): string {
  const p = datePartsIn(date, timeZone);
  const time = `${pad2(p.hour)}:${pad2(p.minute)}`;
  if (lang === 'zh-TW') return `${rocYear(p.year)}${p.month}月${p.day}日 ${time}`;
  return `${p.day} ${MONTHS_EN_SHORT[p.month - 1]} ${p.year} ${time}`;
}

/**
 * A calendar day as the server sends it ('2026-12-07', already the site's day):
 * zh 民國115年12月7日, en 7 December 2026. Read as that day wherever the
 * browser's clock is (no time-zone shift).
 */
export function formatDay(day: string, lang: Lang, opts: { weekday?: boolean } = {}): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return formatDate(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12), lang, 'UTC', opts);
}

/** zh 民國115年12月1日至12月31日 · en 1–31 December 2026; the same day once. */
export function formatDayRange(from: string, to: string, lang: Lang): string {
  if (from === to) return formatDay(from, lang);
  const [fy, fm] = from.split('-');
  const [ty, tm, td] = to.split('-');
  if (lang === 'zh-TW') {
    const end = fy === ty ? (fm === tm ? `${Number(td)}日` : `${Number(tm)}月${Number(td)}日`) : formatDay(to, lang);
    return `${formatDay(from, lang)}至${end}`;
  }
  if (fy === ty && fm === tm) return `${Number(from.slice(8, 10))}–${formatDay(to, lang)}`;
  return `${formatDay(from, lang)} – ${formatDay(to, lang)}`;
}
