import type { DeviceHealth, KioskScan, Topic } from '../contract';
import { NO_PHONE_LINK_NOTICE } from '../config/phone-link';
import type { SiteConfig } from '../config/schema';
import type { SimulatorPanel } from '../devices/simulator-panel';
import type { EventBus, EventName } from '../domain/events';
import { createLiveHub } from '../live/hub';
import { expectedScreensOf } from '../config/expected-screens';
import { createScreenRegistry } from '../live/screens';
import type { Logger } from '../log';
import type { Clock } from '../store/clock';
import type { Domains } from './domains';
import type { LobbyAddress } from './network';
import type { Ticking } from './scheduler';

/** Which boards an event makes stale: each is built again (once per turn, however many events) and sent to its screens. */
const STALE_AFTER: Partial<Record<EventName, readonly Topic[]>> = {
  'ticket.issued': ['queue.board', 'queue.staff'],
  'queue.changed': ['queue.board', 'queue.staff'],
  'kiosk.status.changed': ['kiosk.status'],
  'print.jobs.changed': ['devices.health'],
  'devices.changed': ['devices.health'],
  'marquee.changed': ['marquee'],
  'emergency.changed': ['emergency'],
  'hearings.changed': ['hearings.board'],
  'rating.changed': ['rating.prompts'],
  'detainees.changed': ['detainees.board'],
  'kiosk.scanned': ['kiosk.scan'],
};

/**
 * The live hub (a snapshot per topic for the screens' WebSocket) and the
 * registry of connected screens. Boards follow the bus; stopping takes the
 * hub off it.
 */
export function wireLive(deps: {
  bus: EventBus;
  clock: Clock;
  site: SiteConfig;
  logger: Logger;
  domains: Pick<Domains, 'queue' | 'jobs' | 'hearings' | 'detainees' | 'ratings' | 'marquee' | 'emergencies'>;
  /** The devices' health, in the order the staff view lists them. */
  devices: readonly (() => DeviceHealth | DeviceHealth[])[];
  summons: { snapshot(): KioskScan };
  panel: SimulatorPanel;
  address: LobbyAddress;
}) {
  const { bus, site, address } = deps;
  const { queue, jobs, hearings, detainees, ratings, marquee, emergencies } = deps.domains;
  const screens = createScreenRegistry(deps.clock, site.timeZone, () => bus.emit('devices.changed', {}), {
    forgetMs: site.network.screenForgetMinutes * 60_000,
    expected: expectedScreensOf(site),
  });
  const hub = createLiveHub(
    {
      'queue.board': () => queue.board(),
      'kiosk.status': () => queue.kioskStatus(),
      'queue.staff': () => queue.staffView(),
      'devices.sim': () => deps.panel.snapshot(),
      'devices.health': () => ({
        devices: [...deps.devices.flatMap((health) => health()), ...screens.health()],
        failedJobs: jobs.failedToday(),
        pendingJobs: jobs.pendingCount(),
        // Told only once the lobby listens and knows no phone can reach it.
        notices: [...(address.phoneBase || !address.url ? [] : [{ code: 'no-phone-link' as const, text: NO_PHONE_LINK_NOTICE }]), ...queue.clockNotices()],
      }),
      'hearings.board': () => hearings.board(),
      'detainees.board': () => detainees.board(),
      'kiosk.scan': () => deps.summons.snapshot(),
      'rating.prompts': () => ratings.prompts(),
      marquee: () => marquee.board(),
      emergency: () => emergencies.state(),
    },
    { log: deps.logger },
  );
  const offs = [
    ...Object.entries(STALE_AFTER).map(([event, topics]) => bus.on(event as EventName, () => topics.forEach((t) => hub.publish(t)))),
    deps.panel.onChange(() => hub.publish('devices.sim')),
  ];
  /** Boards that move with the clock alone. */
  const ticking = {
    // A stopped screen goes stale, then is forgotten.
    screens: {
      tick() {
        if (screens.tick()) hub.publish('devices.health');
      },
    },
    // Estimated starts, delays and the duty shift.
    'court boards': {
      tick() {
        hub.publish('hearings.board');
        hub.publish('detainees.board');
      },
    },
  } satisfies Record<string, Ticking>;
  return { hub, screens, ticking, stop: () => offs.forEach((off) => off()) };
}
