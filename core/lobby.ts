import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { assetsDir, loadSite, publicSite as toPublicSite } from './config/load';
import type { SiteConfig } from './config/schema';
import type { Kiosks } from './domain/accounts/kiosks';
import { createEventBus } from './domain/events';
import { loadGuideFile } from './domain/guide/guide';
import type { PrintQueueOptions } from './devices/print-queue';
import { bindSimulatorPanel, type SimulatorPanel } from './devices/simulator-panel';
import type { SimulatedPrinterDevice } from '../hardware/printer';
import { systemClock, type Clock } from './store/clock';
import { logSafeError, type Logger } from './log';
import { scheduleNightly } from './nightly';
import { wireCourt } from './boot/court';
import { dataPaths } from './boot/data-dir';
import { openDomains } from './boot/domains';
import { serveHttp } from './boot/http';
import { watchLines } from './boot/lines';
import { wireLive } from './boot/live';
import { listen, listenPlan, notYetListening, openTls, phoneUrlAt } from './boot/network';
import { wirePrinting } from './boot/printing';
import { wireQueue } from './boot/queue';
import { startScheduler } from './boot/scheduler';
import { createShutdown } from './boot/shutdown';
import { wireSigns } from './boot/signs';
import { openDatabase, openLog } from './boot/storage';
import { emergencyEnd, marqueeSchedule, ratingPromptsEnd } from './boot/time-driven';

export interface LobbyOptions {
  /** Folder for the SQLite file (the Electron user-data folder, or --data). */
  dataDir: string;
  siteId?: string;
  /** A site file on disk; wins over siteId. */
  sitePath?: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  clock?: Clock;
  /** Also write the log to stdout (npm run serve); the file log in <data>/logs is always on. */
  logToStdout?: boolean;
  /** pino level; 'debug' also logs every request line. Default 'info'. */
  logLevel?: string;
  /** Where the built screens are (dist/renderer by default). */
  rendererDir?: string;
  /** better-sqlite3's addon built for another runtime (Electron); default: the one npm built for Node. */
  sqliteNativeBinding?: string;
  /** Print-queue timing (tests shorten it). */
  printQueue?: PrintQueueOptions;
  /** How often time-driven changes (schedules, midnight) are looked for; tests shorten it. */
  timeTickMs?: number;
  /** How often the printer's status is polled besides Automatic Status Back; a fault must reach the kiosk within 1 s. */
  printerPollMs?: number;
  /** Told once at start when no staff account exists yet. */
  onSetupCode?: (code: string, url: string) => void;
  /** The guide content file; default guide/guide.json next to the site file, else the sample site's. */
  guidePath?: string;
}

export interface Lobby {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The base URL once started, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  readonly site: SiteConfig;
  /** The credential the Electron main process hands its kiosk window (fresh each start). */
  readonly kioskCredential: string | undefined;
  /** A one-time link that makes a browser a kiosk (valid 24 h). */
  kioskProvisioningLink(): string;
  /** A kiosk credential for a named kiosk, for tests and tools that call the API directly. */
  issueKioskCredential(name: string): string;
}

export interface LobbyInternals {
  readonly app: FastifyInstance;
  readonly simulator: SimulatedPrinterDevice | undefined;
  /** The simulated devices as the /devices panel sees them. */
  readonly simPanel: SimulatorPanel;
}

/** How often keypads, counter displays and the scanner are looked at: a line's change reaches the staff view within a second. */
const LINE_CHECK_MS = 1000;

export function defaultRendererDir(): string {
  const candidates = [resolve(process.cwd(), 'dist', 'renderer'), resolve(__dirnameSafe(), '..', 'dist', 'renderer')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[0]!;
}

function __dirnameSafe(): string {
  return typeof __dirname === 'string' ? __dirname : new URL('.', import.meta.url).pathname;
}

/**
 * The lobby, started as a flat list: each step takes what it needs from the
 * steps above it and returns what it provides, with its own stop; stopping
 * runs those stops in the reverse order (listeners first, the database and the log last).
 */
export function createLobby(options: LobbyOptions): Lobby & LobbyInternals {
  const site = loadSite({ sitePath: options.sitePath, siteId: options.siteId });
  // A bad guide file stops the lobby here, with the field named.
  const guideBase = loadGuideFile(guideFileFor(options, site.id));
  const clock = options.clock ?? systemClock;
  const plan = listenPlan(options.host, site);
  const paths = dataPaths(options.dataDir);
  const address = notYetListening();
  let shutdown = createShutdown();
  let app: FastifyInstance | null = null;
  let kioskCredential: string | undefined;
  let kiosks: Kiosks | undefined;
  let simulator: SimulatedPrinterDevice | undefined;
  let simPanel: SimulatorPanel | undefined;

  async function start(): Promise<void> {
    const boot = createShutdown();
    try {
      const { logger } = boot.keep(await openLog({ dir: paths.logs, stdout: options.logToStdout ?? false, ...(options.logLevel ? { level: options.logLevel } : {}) }));
      const { db } = boot.keep(openDatabase(paths.database, options.sqliteNativeBinding));
      const bus = createEventBus(logger);
      const publicSite = toPublicSite(site);
      const domains = boot.keep(openDomains({ db, clock, bus, site, guideBase, offThread: { file: paths.database, nativeBinding: options.sqliteNativeBinding } }));
      const { queue } = domains;
      kioskCredential = domains.kiosks.builtIn('electron kiosk window');
      // A ticket's QR link: none until the lobby listens, and none for good when no phone can reach it.
      const phoneUrl = phoneUrlAt(address);

      const printing = boot.keep(
        wirePrinting({
          site,
          clock,
          bus,
          jobs: domains.jobs,
          queue,
          phoneUrl,
          log: warnings(logger, 'printer'),
          ...(options.printerPollMs !== undefined ? { pollMs: options.printerPollMs } : {}),
          ...(options.printQueue ? { printQueue: options.printQueue } : {}),
        }),
      );
      const counters = boot.keep(wireQueue({ site, publicSite, queue, bus, log: warnings(logger, 'queue-devices') }));
      const signs = boot.keep(wireSigns({ site, clock, bus, marquee: domains.marquee, emergencies: domains.emergencies, log: warnings(logger, 'signs') }));
      const court = boot.keep(wireCourt({ site, inboxDir: paths.hearingInbox, clock, bus, hearings: domains.hearings, log: warnings(logger, 'hearings-inbox') }));
      const lines = boot.keep(watchLines({ lines: [...counters.lines, ...court.lines], clock, timeZone: site.timeZone, bus }));
      const panel = boot.keep(
        bindSimulatorPanel(
          {
            printer: printing.simulator,
            scanner: court.scanner.simulator,
            signs: signs.signs,
            keypads: counters.keypads.simulator,
            displays: counters.displays.simulator,
            displayProtocol: counters.displayProtocol,
          },
          site.timeZone,
        ),
      );
      const live = boot.keep(
        wireLive({
          bus,
          clock,
          site,
          logger,
          domains,
          devices: [printing.health.snapshot, signs.health, lines.health],
          summons: court.summons,
          panel,
          address,
        }),
      );

      // The nightly maintenance (figures, purges of personal data past its limit, ANALYZE, backup), off the loop that drives the devices.
      const nightly = boot.keep(scheduleNightly({ db, clock, site, paths, stats: domains.stats, nativeBinding: options.sqliteNativeBinding, log: logger }));
      boot.keep(
        startScheduler({
          clock,
          log: logger,
          cadences: [
            {
              everyMs: options.timeTickMs ?? 15_000,
              work: {
                // First the midnight expiry, so the night's maintenance finds yesterday closed.
                queue,
                nightly,
                screens: live.ticking.screens,
                'marquee schedule': marqueeSchedule(domains.marquee, bus),
                'rating prompts': ratingPromptsEnd(domains.ratings, bus),
                'court boards': live.ticking['court boards'],
                detainees: domains.detainees,
                'emergency end': emergencyEnd(domains.emergencies, bus),
              },
            },
            { everyMs: LINE_CHECK_MS, work: { lines } },
          ],
        }),
      );

      const tls = await openTls({ plan, site, sitePath: options.sitePath, dataDir: options.dataDir, logger });
      const http = boot.keep(
        await serveHttp(
          {
            db,
            clock,
            bus,
            site,
            publicSite,
            queue,
            hours: domains.hours,
            accounts: domains.accounts,
            kiosks: domains.kiosks,
            ratings: domains.ratings,
            stats: domains.stats,
            jobs: domains.jobs,
            marquee: domains.marquee,
            emergencies: domains.emergencies,
            hearings: domains.hearings,
            detainees: domains.detainees,
            guide: domains.guide,
            baseUrl: () => address.url,
            hub: live.hub,
            screens: live.screens,
            printQueue: printing.printQueue,
            simPanel: panel,
            phoneUrl,
            rendererDir: options.rendererDir ?? defaultRendererDir(),
            secureCookies: false,
          },
          { logger, tls },
        ),
      );
      boot.keep(await listen({ app: http.app, plan, port: options.port ?? site.network.port, site, https: !!tls, address, logger }));

      app = http.app;
      kiosks = domains.kiosks;
      simulator = printing.simulator;
      simPanel = panel;
      shutdown = boot;
      const code = domains.accounts.ensureSetupCode();
      if (code) options.onSetupCode?.(code, `${address.url}/staff?setup=${code}`);
    } catch (err) {
      // What did start is stopped; the start's own error is the one the caller hears.
      await boot.run().catch((stopErr: unknown) => console.error('Stopping after a failed start failed too:', logSafeError(stopErr)));
      throw err;
    }
  }

  async function stop(): Promise<void> {
    const started = shutdown;
    shutdown = createShutdown();
    await started.run();
    app = null;
  }

  return {
    start,
    stop,
    site,
    get url() {
      return address.url;
    },
    get app() {
      if (!app) throw new Error('lobby not started');
      return app;
    },
    get simulator() {
      return simulator;
    },
    get kioskCredential() {
      return kioskCredential;
    },
    kioskProvisioningLink() {
      if (!kiosks) throw new Error('lobby not started');
      return `${address.url}/kiosk/provision?code=${kiosks.provisioningCode(null).code}`;
    },
    issueKioskCredential(name: string) {
      if (!kiosks) throw new Error('lobby not started');
      return kiosks.issueToken(name, null, 'kiosk.issued');
    },
    get simPanel() {
      if (!simPanel) throw new Error('lobby not started');
      return simPanel;
    },
  };
}

/** A domain's or device's warnings, in the log under its area. */
function warnings(logger: Logger, area: string): (msg: string) => void {
  const child = logger.child({ area });
  return (msg) => child.warn(msg);
}

/** The guide file: explicit, next to a site file, or the sample site's. */
function guideFileFor(options: LobbyOptions, siteId: string): string {
  if (options.guidePath) return resolve(options.guidePath);
  if (options.sitePath) {
    const beside = join(dirname(resolve(options.sitePath)), 'guide', 'guide.json');
    if (existsSync(beside)) return beside;
  }
  return join(assetsDir(), 'sites', siteId, 'guide', 'guide.json');
}
