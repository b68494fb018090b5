import { queueSite } from '../config/load';
import type { SiteConfig } from '../config/schema';
import type { GuideContent } from '../contract';
import type { EventBus } from '../domain/events';
import { createAccounts } from '../domain/accounts/accounts';
import { createKiosks } from '../domain/accounts/kiosks';
import { createDetainees } from '../domain/detainees/detainees';
import { createGuide } from '../domain/guide/guide';
import { createOpeningHours } from '../domain/hours/opening-hours';
import { createHearings } from '../domain/hearings/hearings';
import { createEmergencies } from '../domain/marquee/emergency';
import { createMarquee } from '../domain/marquee/marquee';
import { createPrintJobs } from '../domain/printing/print-jobs';
import { createQueue } from '../domain/queue/queue';
import { createStats } from '../domain/stats/stats';
import { createRatings } from '../domain/survey/ratings';
import type { Clock } from '../store/clock';
import type { Db } from '../store/db';

/**
 * Every domain service on the one database and bus, and what one domain asks
 * of another through the bus. Stopping takes those listeners back.
 */
export function openDomains(deps: {
  db: Db;
  clock: Clock;
  bus: EventBus;
  site: SiteConfig;
  guideBase: GuideContent;
  /** The database file and addon, for the hearings import's own connection on a worker. */
  offThread: { file: string; nativeBinding?: string };
}) {
  const { db, clock, bus, site } = deps;
  const timeZone = site.timeZone;
  const counterIds = site.counters.map((c) => c.id);
  const serviceIds = site.services.map((s) => s.id);
  // Staff may edit the site file's opening hours; the queue asks for them at each use.
  const hours = createOpeningHours({ db, clock, bus, timeZone, services: site.services.map((s) => ({ id: s.id, name: s.name, hours: s.hours ?? null })) });
  const queue = createQueue({ db, site: queueSite(site), clock, bus, hours });
  const accounts = createAccounts({ db, clock, bus });
  const kiosks = createKiosks({ db, clock, timeZone });
  const jobs = createPrintJobs({ db, clock, bus, timeZone });
  const marquee = createMarquee({
    db,
    clock,
    bus,
    site: { timeZone, signIds: site.signs.map((s) => s.id), speedPxPerSecond: site.marquee.speedPxPerSecond },
  });
  const emergencies = createEmergencies({ db, clock, bus, timeZone });
  const ratings = createRatings({ db, clock, bus, timeZone, counterIds, serviceIds });
  const stats = createStats({ db, clock, timeZone, serviceIds, counterIds });
  const hearings = createHearings({
    db,
    clock,
    bus,
    site: { timeZone, courtrooms: site.courtrooms, hearingMinutes: site.hearingMinutes },
    offThread: deps.offThread,
  });
  const detainees = createDetainees({
    db,
    clock,
    bus,
    site: { timeZone, ...site.detainees, shifts: site.roster.shifts, roles: site.roster.roles, publicNames: site.roster.publicNames },
  });
  // Records past their limit go before anything reads them.
  detainees.purge();
  const guide = createGuide({ db, clock, base: deps.guideBase });

  // A counter that finished serving a ticket asks its tablet for a rating.
  const offRatings = bus.on('ticket.finished', ({ counterId, serviceId }) => ratings.open(counterId, serviceId));

  return { hours, queue, accounts, kiosks, jobs, marquee, emergencies, ratings, stats, hearings, detainees, guide, stop: offRatings };
}

export type Domains = ReturnType<typeof openDomains>;
