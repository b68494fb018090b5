/**
 * `<input type="datetime-local">` speaks wall-clock time without a zone
 * ("2026-11-26T09:30"); the API wants ISO 8601 with an offset. The site's
 * zone is Asia/Taipei, +08:00 all year (no daylight saving), so the staff
 * forms convert with a fixed offset. Pure; unit-tested.
 */

export const SITE_OFFSET = '+08:00';

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Minutes east of UTC for "+08:00" / "-03:30" / "Z". */
export function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!m) throw new RangeError(`not an offset: ${offset}`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** "2026-11-26T09:30" → "2026-11-26T09:30:00+08:00"; empty → null; anything else → undefined (invalid). */
export function localInputToIso(value: string, offset: string = SITE_OFFSET): string | null | undefined {
  const v = value.trim();
  if (v === '') return null;
  const m = LOCAL_RE.exec(v);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  // reject 31 February and the like
  const probe = new Date(Date.UTC(Number(y), month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return undefined;
  return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${offset}`;
}

/** Any ISO instant → the site's wall clock for a datetime-local input ("2026-11-26T09:30"); null/invalid → "". */
export function isoToLocalInput(iso: string | null | undefined, offset: string = SITE_OFFSET): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const shifted = new Date(t + offsetMinutes(offset) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** "09:30" of an ISO string as written in the site's zone (for "raised at" on screens). */
export function siteClock(iso: string, offset: string = SITE_OFFSET): string {
  return isoToLocalInput(iso, offset).slice(11, 16);
}
