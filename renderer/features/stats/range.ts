/** Months and date ranges of the statistics (每月統計), in the site's time zone. */
import { ROUTES, pathOf, queryString } from '../../../core/contract';
import { DEFAULT_TIME_ZONE } from '../../i18n';

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM' of `now` in the site's time zone. */
export function currentMonth(now: number, timeZone = DEFAULT_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(new Date(now));
  const y = parts.find((p) => p.type === 'year')?.value ?? '1970';
  const m = parts.find((p) => p.type === 'month')?.value ?? '01';
  return `${y}-${m}`;
}

/** 'YYYY-MM' → its first and last day; null for anything else. */
export function monthRange(month: string): { from: string; to: string } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const year = Number(m[1]);
  const mon = Number(m[2]);
  if (mon < 1 || mon > 12) return null;
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${pad(last)}` };
}

/** The month a range is exactly, or '' (a custom range). */
export function monthOf(range: { from: string; to: string }): string {
  const month = range.from.slice(0, 7);
  const whole = monthRange(month);
  return whole && whole.from === range.from && whole.to === range.to ? month : '';
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
/** A range the server accepts: two real dates, from ≤ to, at most ~a year (as statsQuerySchema). */
export function rangeProblem(range: { from: string; to: string }): { zh: string; en: string } | null {
  const ok = (d: string) => isoDate.test(d) && !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().slice(0, 10) === d;
  if (!ok(range.from) || !ok(range.to)) return { zh: '請輸入完整日期', en: 'Enter both dates' };
  if (range.from > range.to) return { zh: '起日不可晚於迄日', en: 'The start is after the end' };
  if (Date.parse(range.to) - Date.parse(range.from) > 400 * 86_400_000) return { zh: '一次最多查詢約一年', en: 'At most about a year at a time' };
  return null;
}

/** Every day of the range (the server lists only days with something), zeros where none; at most ~400. */
export function fillDays<T extends { day: string }>(range: { from: string; to: string }, rows: readonly T[], empty: (day: string) => T): T[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const out: T[] = [];
  const start = Date.parse(`${range.from}T00:00:00Z`);
  const end = Date.parse(`${range.to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end)) return [...rows];
  for (let t = start, i = 0; t <= end && i < 401; t += 86_400_000, i++) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push(byDay.get(day) ?? empty(day));
  }
  return out;
}

/** The CSV download (the monthly report) for the same range: a link the browser follows, not a call. */
export function statsCsvUrl(range: { from: string; to: string }): string {
  return pathOf(ROUTES.statsCsv) + queryString({ from: range.from, to: range.to });
}
