import { localTime } from '../../store/clock';

export interface Schedule {
  startsAt: number | null;
  endsAt: number | null;
  /** ISO weekdays; empty = every day. */
  days: readonly number[];
  hoursFrom: string | null;
  hoursTo: string | null;
}

/**
 * Whether a scheduled message shows at `now` (epoch ms) in the site's zone:
 * within [startsAt, endsAt), on one of its days, within its hours. Hours that
 * cross midnight (22:00–06:00) wrap.
 */
export function isScheduledNow(s: Schedule, now: number, timeZone: string): boolean {
  if (s.startsAt !== null && now < s.startsAt) return false;
  if (s.endsAt !== null && now >= s.endsAt) return false;
  const t = localTime(now, timeZone);
  const weekday = ((new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay() + 6) % 7) + 1;
  if (s.days.length && !s.days.includes(weekday)) return false;
  if (s.hoursFrom !== null && s.hoursTo !== null) {
    const m = t.hour * 60 + t.minute;
    const from = minutes(s.hoursFrom);
    const to = minutes(s.hoursTo);
    return from <= to ? m >= from && m < to : m >= from || m < to;
  }
  return true;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
