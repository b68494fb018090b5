import type { PrintOutcome, PublicSite } from '../contract';
import type { Accounts } from '../domain/accounts/accounts';
import type { EventBus } from '../domain/events';
import type { Queue } from '../domain/queue/queue';
import type { Db } from '../store/db';
import type { Clock } from '../store/clock';
import type { LiveHub } from '../live/hub';
import type { SiteConfig } from '../config/schema';

/** What the HTTP layer may reach: the domain's commands and queries, never the devices. */
export interface HttpServices {
  db: Db;
  clock: Clock;
  bus: EventBus;
  site: SiteConfig;
  publicSite: PublicSite;
  queue: Queue;
  accounts: Accounts;
  hub: LiveHub;
  /** Resolves when the ticket's print job has an outcome, or 'queued' after the wait. */
  printOutcome(ticketId: number, waitMs: number): Promise<PrintOutcome>;
  phoneUrl(token: string): string;
  rendererDir: string;
  secureCookies: boolean;
}
