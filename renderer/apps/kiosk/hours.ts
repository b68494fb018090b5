/**
 * A service's opening hours as the kiosk needs them: open now, and today's
 * hours for the "Closed" label. The same rule as the server (ISO weekdays
 * 1 = Mon … 7 = Sun, `to` exclusive, in the site's time zone).
 */
import type { OpeningHoursDto } from '../../../core/contract';
import { datePartsIn, type Lang } from '../../i18n';

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function local(now: number, timeZone: string): { weekday: number; minutes: number; msIntoMinute: number } {
  const p = datePartsIn(now, timeZone);
  return {
    weekday: p.weekday === 0 ? 7 : p.weekday,
    minutes: p.hour * 60 + p.minute,
    msIntoMinute: p.second * 1000 + (((now % 1000) + 1000) % 1000),
  };
}

/**
 * The hours a service keeps now: those the last board carried (an admin may have edited
 * them since the site was loaded), else the site's. A board row without hours comes from a
 * server that does not send them.
 */
export function hoursInForce(
  service: { hours: readonly OpeningHoursDto[] | null },
  row: { hours?: readonly OpeningHoursDto[] | null | undefined } | undefined,
): readonly OpeningHoursDto[] | null {
  return row && row.hours !== undefined ? row.hours : service.hours;
}

/** Open at `now`; null hours = always. */
export function hoursOpen(hours: readonly OpeningHoursDto[] | null, now: number, timeZone: string): boolean {
  if (!hours) return true;
  const t = local(now, timeZone);
  return hours.some((h) => h.days.includes(t.weekday) && t.minutes >= toMinutes(h.from) && t.minutes < toMinutes(h.to));
}

/** Today's opening windows, earliest first; null = always open. */
export function todaysHours(hours: readonly OpeningHoursDto[] | null, now: number, timeZone: string): { from: string; to: string }[] | null {
  if (!hours) return null;
  const t = local(now, timeZone);
  return hours
    .filter((h) => h.days.includes(t.weekday))
    .map((h) => ({ from: h.from, to: h.to }))
    .sort((a, b) => toMinutes(a.from) - toMinutes(b.from));
}

/** "08:30–12:00、13:30–17:00" (zh) or "08:30–12:00, 13:30–17:00" (en). */
export function formatHours(windows: readonly { from: string; to: string }[], lang: Lang): string {
  return windows.map((w) => `${w.from}–${w.to}`).join(lang === 'zh-TW' ? '、' : ', ');
}

/** The last instant at or before `now` when a service with these hours opened or closed (local midnight at the latest). */
export function lastHoursChange(hours: readonly OpeningHoursDto[] | null, now: number, timeZone: string): number {
  const t = local(now, timeZone);
  const startOfMinute = now - t.msIntoMinute;
  let latest = 0; // minutes after local midnight
  for (const h of hours ?? []) {
    if (!h.days.includes(t.weekday)) continue;
    for (const edge of [toMinutes(h.from), toMinutes(h.to)]) if (edge <= t.minutes && edge > latest) latest = edge;
  }
  return startOfMinute - (t.minutes - latest) * 60_000;
}

/**
 * Whether a service takes tickets now. The server's board says so, but it is
 * only sent again when the queue changes, so a board from before the last
 * opening or closing time is stale about it: then the kiosk's own clock decides.
 */
export function serviceOpenNow(
  hours: readonly OpeningHoursDto[] | null,
  board: { open: boolean; receivedAt: number } | null,
  now: number,
  timeZone: string,
): boolean {
  const mine = hoursOpen(hours, now, timeZone);
  if (!board) return mine;
  if (board.receivedAt < lastHoursChange(hours, now, timeZone)) return mine;
  return board.open;
}
