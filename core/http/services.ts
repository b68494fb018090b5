import type { PublicSite } from '../contract';
import type { PrintJobs } from '../domain/printing/print-jobs';
import type { Marquee } from '../domain/marquee/marquee';
import type { Emergencies } from '../domain/marquee/emergency';
import type { Hearings } from '../domain/hearings/hearings';
import type { Detainees } from '../domain/detainees/detainees';
import type { Guide } from '../domain/guide/guide';
import type { PrintQueue } from '../devices/print-queue';
import type { SimulatorPanel } from '../devices/simulator-panel';
import type { Accounts } from '../domain/accounts/accounts';
import type { Kiosks } from '../domain/accounts/kiosks';
import type { Ratings } from '../domain/survey/ratings';
import type { Stats } from '../domain/stats/stats';
import type { EventBus } from '../domain/events';
import type { Queue } from '../domain/queue/queue';
import type { OpeningHours } from '../domain/hours/opening-hours';
import type { Db } from '../store/db';
import type { Clock } from '../store/clock';
import type { LiveHub } from '../live/hub';
import type { ScreenRegistry } from '../live/screens';
import type { SiteConfig } from '../config/schema';

/** What the HTTP layer may reach: the domain's commands and queries, never the devices. */
export interface HttpServices {
  db: Db;
  clock: Clock;
  bus: EventBus;
  site: SiteConfig;
  publicSite: PublicSite;
  queue: Queue;
  /** Each service's opening hours in force (an admin's edit over the site file's). */
  hours: OpeningHours;
  accounts: Accounts;
  kiosks: Kiosks;
  ratings: Ratings;
  stats: Stats;
  /** This lobby's own URL (for links staff hand out). */
  baseUrl(): string;
  hub: LiveHub;
  screens: ScreenRegistry;
  jobs: PrintJobs;
  marquee: Marquee;
  hearings: Hearings;
  detainees: Detainees;
  guide: Guide;
  emergencies: Emergencies;
  printQueue: PrintQueue;
  /** The /devices panel's controls (faults), when the site runs simulated devices. */
  simPanel: SimulatorPanel;
  phoneUrl(token: string): string | null;
  rendererDir: string;
  secureCookies: boolean;
}
