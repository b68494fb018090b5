/**
 * What the queue's commands and views share: the site, the queue's own clock
 * and days, the rows, and the little state kept between calls.
 */
import type { Bilingual, KioskStatus, OpeningHoursDto, PublicCounter, PublicService } from '../../contract';
import { addDays, localDay, localIso, steadyClock, type Clock, type ClockJump } from '../../store/clock';
import type { Db } from '../../store/db';
import type { EventBus } from '../events';
import { clockJumpNotice, isNotableJump, type ClockNotice } from './clock-jumps';
import type { OrderingRules } from './ordering';
import { createQueueRows, type Leftovers } from './rows';

export interface QueueRules {
  priorityEvery: number;
  agingMinutes: number;
  graceMinutes: number;
}

export type QueueService = PublicService & { hours: OpeningHoursDto[] | null; dailyReset: boolean };

export interface QueueSite {
  timeZone: string;
  services: readonly QueueService[];
  counters: readonly PublicCounter[];
  rules: QueueRules;
  counterWord: Bilingual;
}

export interface QueueDeps {
  db: Db;
  site: QueueSite;
  clock: Clock;
  bus: EventBus;
  /** The hours in force, when staff may edit them (core/domain/hours); else the site's. */
  hours?: { of(serviceId: string): OpeningHoursDto[] | null };
}

export function createQueueContext(deps: QueueDeps) {
  const { db, site, bus } = deps;
  // The queue's time never goes back, whatever the computer's clock does (see steadyClock).
  const jumps: { jump: ClockJump; day: string }[] = [];
  const clock = steadyClock(deps.clock, { timeZone: site.timeZone, onJump: noteJump });
  const rows = createQueueRows(db);
  const resetIds = site.services.filter((s) => s.dailyReset).map((s) => s.id);
  const resetServices = JSON.stringify(resetIds);
  const ordering: OrderingRules = { priorityEvery: site.rules.priorityEvery, agingMs: site.rules.agingMinutes * 60_000 };

  const state = {
    /** Issuing pauses when no ticket can come out of the printer; nothing else stops it. */
    pauseReason: null as KioskStatus['reason'],
    /**
     * The latest day a ticket was filed under, from the database: after a restart
     * that follows a clock set back across midnight, tickets keep being filed
     * under the day already begun (only one day ahead: a date further out came
     * from a clock that was plainly wrong and is not followed).
     */
    lastFiledDay: rows.lastFiledDay(),
    /** The day for which no open ticket of an earlier day is left to expire ('' until known). */
    sweptDay: '',
  };

  function noteJump(jump: ClockJump): void {
    if (!isNotableJump(jump)) return;
    jumps.push({ jump, day: localDay(jump.actual > jump.expected ? jump.actual : jump.expected, site.timeZone) });
    if (jumps.length > 20) jumps.shift();
    // Noticed inside a read, maybe inside a transaction: staff hear of it once that is over.
    queueMicrotask(() => bus.emit('devices.changed', {}));
  }

  /** The day a ticket issued at `now` is filed under: never one before a day already begun. */
  function dayAt(now: number): string {
    const day = localDay(now, site.timeZone);
    return state.lastFiledDay > day && state.lastFiledDay <= addDays(day, 1) ? state.lastFiledDay : day;
  }

  function today(): string {
    return dayAt(clock.now());
  }

  /**
   * The day by which "yesterday's tickets expire" is judged: by `dayNow`, so a
   * clock jumping far ahead does not end the day early.
   */
  function expiryDay(): string {
    return localDay(clock.dayNow(), site.timeZone);
  }

  /** What views must leave out until the sweep has expired it; null when nothing is left over. */
  function leftovers(): Leftovers | null {
    const day = expiryDay();
    if (day === state.sweptDay) return null;
    // Nothing to expire (a restart, a night with no tickets left): noted, and the views keep their usual plans.
    if (!rows.expireDue(day, resetServices)) {
      state.sweptDay = day;
      return null;
    }
    return { day, services: resetServices };
  }

  /** Start of the local day, for "today's calls" without storing a day on calls. */
  function dayStartMs(): number {
    const now = clock.now();
    const day = localDay(now, site.timeZone);
    // Taipei has no DST: the offset is fixed at +08:00; derive it from the clock's own formatting.
    const offsetIso = localIso(now, site.timeZone).slice(-6);
    return Date.parse(`${day}T00:00:00${offsetIso}`);
  }

  /** Staff see a clock jump for the rest of the lobby day it happened on. */
  function clockNotices(): ClockNotice[] {
    const day = today();
    const todays = jumps.filter((j) => j.day >= day).map((j) => j.jump);
    return todays.length === 0 ? [] : [clockJumpNotice(todays, site.timeZone)];
  }

  return {
    db,
    site,
    bus,
    clock,
    rows,
    state,
    services: new Map(site.services.map((s) => [s.id, s])),
    /** A service's opening hours now: asked at each use, as an admin may change them at any time. */
    hoursOf: (service: QueueService): OpeningHoursDto[] | null => (deps.hours ? deps.hours.of(service.id) : service.hours),
    counters: new Map(site.counters.map((c) => [c.id, c])),
    /** Ids of the services whose line resets at midnight, as a JSON array for SQL. */
    resetServices,
    resets: new Set(resetIds),
    graceMs: site.rules.graceMinutes * 60_000,
    ordering,
    dayAt,
    today,
    expiryDay,
    leftovers,
    dayStartMs,
    clockNotices,
  };
}

export type QueueContext = ReturnType<typeof createQueueContext>;
