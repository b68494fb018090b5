/**
 * Each service's opening hours: the site file's, unless an admin set others in the staff
 * console (stored in `settings` under 'hours:<service id>', audited). The queue asks
 * `of(serviceId)` at every issue and board, so an edit takes effect at once, without a
 * restart; the kiosks hear of it with the next board.
 */
import { setHoursRequestSchema, type OpeningHoursDto, type ServiceHours } from '../../contract';
import { localIso, type Clock } from '../../store/clock';
import { inTransaction, type Db } from '../../store/db';
import { writeAudit } from '../audit';
import type { EventBus } from '../events';
import { DomainError } from '../errors';
import { columnChecks } from '../row-check';

export interface HoursService {
  id: string;
  name: { zh: string; en: string };
  /** The site file's; null: whenever the lobby runs. */
  hours: OpeningHoursDto[] | null;
}

const KEY_PREFIX = 'hours:';
const SETTING = columnChecks('settings row');

/** A stored value: what setHours accepted, so it is read back through the same check. */
function hoursOfValue(text: string): { hours: OpeningHoursDto[] | null } | undefined {
  try {
    const parsed = setHoursRequestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function settingOf(row: unknown): { serviceId: string; hours: OpeningHoursDto[] | null; updatedAt: number } {
  const r = SETTING.row(row);
  return {
    serviceId: SETTING.text(r.key, 'key').slice(KEY_PREFIX.length),
    hours: SETTING.parsed(r.value, hoursOfValue, 'value', '{"hours": [...] or null}').hours,
    updatedAt: SETTING.time(r.updated_at, 'updated_at'),
  };
}

/** One window per set of days and times, days in order: the form's week as the site file writes it. */
function tidy(hours: readonly OpeningHoursDto[] | null): OpeningHoursDto[] | null {
  if (hours === null) return null;
  const byTimes = new Map<string, Set<number>>();
  for (const w of hours) {
    const key = `${w.from}-${w.to}`;
    const days = byTimes.get(key) ?? new Set<number>();
    w.days.forEach((d) => days.add(d));
    byTimes.set(key, days);
  }
  return [...byTimes.entries()]
    .map(([key, days]) => ({ days: [...days].sort((a, b) => a - b), from: key.slice(0, 5), to: key.slice(6) }))
    .sort((a, b) => a.days[0]! - b.days[0]! || a.from.localeCompare(b.from));
}

export function createOpeningHours(deps: { db: Db; clock: Clock; bus: EventBus; timeZone: string; services: readonly HoursService[] }) {
  const { db, clock, bus } = deps;
  const services = new Map(deps.services.map((s) => [s.id, s]));
  // Read once: this process is the only writer, and the queue asks at every issue.
  const edited = new Map<string, { hours: OpeningHoursDto[] | null; updatedAt: number }>();
  for (const row of db.prepare("SELECT * FROM settings WHERE key LIKE 'hours:%'").all().map(settingOf)) {
    // An edit for a service the site file no longer has is kept but not used.
    if (services.has(row.serviceId)) edited.set(row.serviceId, { hours: row.hours, updatedAt: row.updatedAt });
  }

  function serviceOf(serviceId: string): HoursService {
    const s = services.get(serviceId);
    if (!s) throw new DomainError('not_found', `沒有這項服務 / No service ${serviceId} at this site.`);
    return s;
  }

  /** The hours in force for a service; null: whenever the lobby runs. */
  function of(serviceId: string): OpeningHoursDto[] | null {
    const e = edited.get(serviceId);
    return e ? e.hours : (services.get(serviceId)?.hours ?? null);
  }

  function view(serviceId: string): ServiceHours {
    const s = serviceOf(serviceId);
    const e = edited.get(serviceId);
    return {
      serviceId,
      name: s.name,
      hours: of(serviceId),
      fileHours: s.hours,
      edited: e !== undefined,
      updatedAt: e ? localIso(e.updatedAt, deps.timeZone) : null,
    };
  }

  function list(): ServiceHours[] {
    return [...services.keys()].map(view);
  }

  /** An admin's hours for a service from now on (null: always open); audited with what they were. */
  function set(actorUserId: number, serviceId: string, hours: OpeningHoursDto[] | null): ServiceHours {
    serviceOf(serviceId);
    const value = { hours: tidy(hours) };
    const before = of(serviceId);
    const now = clock.now();
    inTransaction(db, () => {
      db.prepare(
        'INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
      ).run(`${KEY_PREFIX}${serviceId}`, JSON.stringify(value), now, actorUserId);
      writeAudit(db, clock, { actorUserId, action: 'hours.set', target: `service:${serviceId}`, detail: { before, after: value.hours } });
    });
    edited.set(serviceId, { hours: value.hours, updatedAt: now });
    // The boards say which services are open, and carry the hours kiosks follow.
    bus.emit('queue.changed', {});
    return view(serviceId);
  }

  /** Back to the site file's hours for a service; audited. */
  function reset(actorUserId: number, serviceId: string): ServiceHours {
    serviceOf(serviceId);
    const before = of(serviceId);
    inTransaction(db, () => {
      db.prepare('DELETE FROM settings WHERE key = ?').run(`${KEY_PREFIX}${serviceId}`);
      writeAudit(db, clock, { actorUserId, action: 'hours.reset', target: `service:${serviceId}`, detail: { before, after: services.get(serviceId)!.hours } });
    });
    edited.delete(serviceId);
    bus.emit('queue.changed', {});
    return view(serviceId);
  }

  return { of, list, set, reset };
}

export type OpeningHours = ReturnType<typeof createOpeningHours>;
