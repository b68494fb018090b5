import type { OpeningHoursDto } from '../../contract';
import { localTime } from '../../store/clock';

/** ISO weekday (1 = Monday … 7 = Sunday) of a local date. */
function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Whether a service takes tickets at this moment; null hours = always. `to` is exclusive. */
export function isOpen(hours: readonly OpeningHoursDto[] | null, epochMs: number, timeZone: string): boolean {
  if (!hours) return true;
  const t = localTime(epochMs, timeZone);
  const weekday = isoWeekday(t.year, t.month, t.day);
  const minutes = t.hour * 60 + t.minute;
  return hours.some((h) => h.days.includes(weekday) && minutes >= toMinutes(h.from) && minutes < toMinutes(h.to));
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
