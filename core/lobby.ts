import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { createPrinter } from '../hardware/printer';
import { loadSite, publicSite as toPublicSite } from './config/load';
import type { SiteConfig } from './config/schema';
import { createAccounts } from './domain/accounts/accounts';
import { createEventBus } from './domain/events';
import { createQueue } from './domain/queue/queue';
import { bindTicketPrinting } from './devices/ticket-printing';
import { bindSimulatorPanel } from './devices/simulator-panel';
import { buildServer } from './http/server';
import { createLiveHub } from './live/hub';
import { systemClock, type Clock } from './store/clock';
import { openDb } from './store/db';

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
  /** Fastify's request log; off in tests and benchmarks. */
  logger?: boolean;
  /** Where the built screens are (dist/renderer by default). */
  rendererDir?: string;
  /** better-sqlite3's addon built for another runtime (Electron); default: the one npm built for Node. */
  sqliteNativeBinding?: string;
  /** Told once at start when no staff account exists yet. */
  onSetupCode?: (code: string, url: string) => void;
}

export interface Lobby {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The base URL once started, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  readonly site: SiteConfig;
}

export interface LobbyInternals {
  readonly app: FastifyInstance;
  readonly simulator: ReturnType<typeof createPrinter>['simulator'];
}

export function defaultRendererDir(): string {
  const candidates = [resolve(process.cwd(), 'dist', 'renderer'), resolve(__dirnameSafe(), '..', 'dist', 'renderer')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[0]!;
}

function __dirnameSafe(): string {
  return typeof __dirname === 'string' ? __dirname : new URL('.', import.meta.url).pathname;
}

export function createLobby(options: LobbyOptions): Lobby & LobbyInternals {
  const site = loadSite({ sitePath: options.sitePath, siteId: options.siteId });
  const clock = options.clock ?? systemClock;
  const host = options.host ?? '127.0.0.1';
  let url = '';
  let app: FastifyInstance | null = null;
  let stopFns: (() => void | Promise<void>)[] = [];
  let simulator: LobbyInternals['simulator'];

  async function start(): Promise<void> {
    const db = openDb(join(options.dataDir, 'lobby.sqlite'), { nativeBinding: options.sqliteNativeBinding });
    const bus = createEventBus();
    const pub = toPublicSite(site);
    const queue = createQueue({ db, site: pub, clock, bus });
    const accounts = createAccounts({ db, clock, bus });
    const device = createPrinter(site.printer, { clock });
    simulator = device.simulator;
    const phoneUrl = (token: string) => `${site.publicBaseUrl ?? url}/phone/t/${token}`;

    const panel = bindSimulatorPanel(device.simulator, site.timeZone);
    const hub = createLiveHub({ 'queue.board': () => queue.board(), 'devices.sim': () => panel.snapshot() });
    const printing = bindTicketPrinting({ db, bus, clock, queue, site, printer: device.printer, phoneUrl, log: (m) => console.warn(`[printer] ${m}`) });

    const offs = [
      bus.on('ticket.issued', () => hub.publish('queue.board')),
      bus.on('ticket.called', () => hub.publish('queue.board')),
      panel.onChange(() => hub.publish('devices.sim')),
    ];

    app = await buildServer(
      {
        db,
        clock,
        bus,
        site,
        publicSite: pub,
        queue,
        accounts,
        hub,
        printOutcome: printing.outcome,
        phoneUrl,
        rendererDir: options.rendererDir ?? defaultRendererDir(),
        secureCookies: false,
      },
      { logger: options.logger ?? false },
    );
    await app.listen({ port: options.port ?? 0, host });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : options.port;
    url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

    const code = accounts.ensureSetupCode();
    if (code) options.onSetupCode?.(code, `${url}/staff?setup=${code}`);

    // Stop taking requests first, then let go of devices, the database last.
    stopFns = [() => app?.close(), ...offs, printing.stop, panel.stop, () => device.printer.close(), () => db.close()];
  }

  async function stop(): Promise<void> {
    const fns = stopFns;
    stopFns = [];
    for (const fn of fns) await fn();
    app = null;
  }

  return {
    start,
    stop,
    site,
    get url() {
      return url;
    },
    get app() {
      if (!app) throw new Error('lobby not started');
      return app;
    },
    get simulator() {
      return simulator;
    },
  };
}
