import { dirname, join, resolve } from 'node:path';
import { hostname, networkInterfaces } from 'node:os';
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { createPrinter } from '../hardware/printer';
import { assetsDir, loadSite, publicSite as toPublicSite, queueSite } from './config/load';
import { NO_PHONE_LINK_NOTICE, phoneBaseUrl } from './config/phone-link';
import type { SiteConfig } from './config/schema';
import { createAccounts } from './domain/accounts/accounts';
import { createKiosks, type Kiosks } from './domain/accounts/kiosks';
import { createRatings } from './domain/survey/ratings';
import { createStats } from './domain/stats/stats';
import { createEventBus } from './domain/events';
import { createQueue } from './domain/queue/queue';
import { createPrintQueue, type PrintQueueOptions } from './devices/print-queue';
import { watchPrinterHealth } from './devices/printer-health';
import { bindSimulatorPanel, type SimulatorPanel } from './devices/simulator-panel';
import { bindQueueDevices } from './devices/queue-devices';
import { bindSigns } from './devices/signs';
import { bindSummonsScanner } from './devices/summons-scanner';
import { createLinkWatch, linkHealth } from './devices/link-health';
import type { DeviceHealth } from './contract';
import type { TransportState } from '../hardware/transports/types';
import { createScanner } from '../hardware/scanner';
import { createKeypads } from '../hardware/keypad';
import { createCounterDisplays } from '../hardware/counter-display';
import { createPrintJobs } from './domain/printing/print-jobs';
import { createMarquee } from './domain/marquee/marquee';
import { createEmergencies } from './domain/marquee/emergency';
import { createHearings } from './domain/hearings/hearings';
import { createDetainees } from './domain/detainees/detainees';
import { createGuide, loadGuideFile } from './domain/guide/guide';
import { watchHearingInbox } from './devices/hearing-inbox';
import { buildServer } from './http/server';
import { loadOrMakeCertificate } from './http/tls';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { createLiveHub, type LiveHub } from './live/hub';
import { createScreenRegistry } from './live/screens';
import { systemClock, type Clock } from './store/clock';
import { createLogger } from './log';
import { createNightly } from './nightly';
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
  readonly simulator: ReturnType<typeof createPrinter>['simulator'];
  /** The simulated devices as the /devices panel sees them. */
  readonly simPanel: SimulatorPanel;
}

/** Where the lobby's own windows reach it: plain HTTP, never the LAN. */
const WINDOWS_HOSTS = ['127.0.0.1', '::1', 'localhost'];

export function defaultRendererDir(): string {
  const candidates = [resolve(process.cwd(), 'dist', 'renderer'), resolve(__dirnameSafe(), '..', 'dist', 'renderer')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[0]!;
}

function __dirnameSafe(): string {
  return typeof __dirname === 'string' ? __dirname : new URL('.', import.meta.url).pathname;
}

export function createLobby(options: LobbyOptions): Lobby & LobbyInternals {
  const site = loadSite({ sitePath: options.sitePath, siteId: options.siteId });
  // A bad guide file stops the lobby here, with the field named.
  const guideBase = loadGuideFile(guideFileFor(options, site.id));
  const clock = options.clock ?? systemClock;
  // An explicit host (serve --host) wins; otherwise the site decides whether the LAN may connect, and on which addresses.
  const hosts = options.host !== undefined ? [options.host] : site.network.openToLan ? (site.network.listen ?? ['0.0.0.0']) : ['127.0.0.1'];
  const host = hosts[0]!;
  // Any listener other than the windows' own address gets HTTPS (even another 127.x, which the
  // tests use as a LAN interface); the lobby's own windows keep plain HTTP on 127.0.0.1.
  const lanFacing = hosts.some((h) => !WINDOWS_HOSTS.includes(h));
  const everywhere = hosts.some((h) => h === '0.0.0.0' || h === '::');
  let url = '';
  let kioskCredential: string | undefined;
  let kiosksRef: Kiosks | undefined;
  let phoneBase: string | null = null;
  let app: FastifyInstance | null = null;
  let stopFns: (() => void | Promise<void>)[] = [];
  let simulator: LobbyInternals['simulator'];
  let simPanel: SimulatorPanel | undefined;

  async function start(): Promise<void> {
    const dbFile = join(options.dataDir, 'lobby.sqlite');
    const db = openDb(dbFile, { nativeBinding: options.sqliteNativeBinding });
    const bus = createEventBus();
    const pub = toPublicSite(site);
    const queue = createQueue({ db, site: queueSite(site), clock, bus });
    const accounts = createAccounts({ db, clock, bus });
    const kiosks = createKiosks({ db, clock, timeZone: site.timeZone });
    kioskCredential = kiosks.builtIn('electron kiosk window');
    kiosksRef = kiosks;
    // Polling and reply timing: the site's, else PRINTER_DEFAULTS (a silent printer reads offline within ~700 ms).
    // The simulator's paper roll: the panel shows 30; keeping more only grows memory over months.
    const printerConfig = site.printer.driver === 'simulated' ? { ...site.printer, keepReceipts: 60 } : site.printer;
    const device = createPrinter(options.printerPollMs !== undefined ? { ...printerConfig, pollIntervalMs: options.printerPollMs } : printerConfig, { clock });
    simulator = device.simulator;
    // Phones reach the lobby over the LAN: the QR code must not point at 127.0.0.1.
    // Null until the server listens, and for good when no phone can reach it: then no QR is printed.
    const phoneUrl = (token: string): string | null => (phoneBase ? `${phoneBase}/phone/t/${token}` : null);
    const logger = await createLogger({ dir: join(options.dataDir, 'logs'), stdout: options.logToStdout ?? false, ...(options.logLevel ? { level: options.logLevel } : {}) });
    const area = (name: string) => {
      const child = logger.child({ area: name });
      return (m: string) => child.warn(m);
    };
    const log = area('printer');

    const jobs = createPrintJobs({ db, clock, bus, timeZone: site.timeZone });
    const marquee = createMarquee({
      db,
      clock,
      bus,
      site: { timeZone: site.timeZone, signIds: site.signs.map((s) => s.id), speedPxPerSecond: site.marquee.speedPxPerSecond },
    });
    const emergencies = createEmergencies({ db, clock, bus, timeZone: site.timeZone });
    const ratings = createRatings({ db, clock, bus, timeZone: site.timeZone, counterIds: site.counters.map((c) => c.id), serviceIds: site.services.map((s) => s.id) });
    const stats = createStats({ db, clock, timeZone: site.timeZone, serviceIds: site.services.map((s) => s.id), counterIds: site.counters.map((c) => c.id) });
    const hearings = createHearings({
      db,
      clock,
      bus,
      site: { timeZone: site.timeZone, courtrooms: site.courtrooms, hearingMinutes: site.hearingMinutes },
      offThread: { file: dbFile, nativeBinding: options.sqliteNativeBinding },
    });
    const detainees = createDetainees({
      db,
      clock,
      bus,
      site: { timeZone: site.timeZone, ...site.detainees, shifts: site.roster.shifts, roles: site.roster.roles, publicNames: site.roster.publicNames },
    });
    detainees.purge();
    const guide = createGuide({ db, clock, base: guideBase });
    const inbox = watchHearingInbox({
      dir: join(options.dataDir, 'inbox', 'hearings'),
      hearings,
      courtroomIds: site.courtrooms.map((r) => r.id),
      log: area('hearings-inbox'),
    });
    const interrupted = jobs.failInterrupted();
    if (interrupted) log(`${interrupted} print job(s) were interrupted by the last shutdown; staff can reprint them.`);
    const printQueue = createPrintQueue({ jobs, queue, site, printer: device.printer, phoneUrl, log, ...(options.printQueue ? { options: options.printQueue } : {}) });
    const keypadDevice = createKeypads(site.queueDevices.keypads);
    const displayConfig = site.queueDevices.counterDisplays;
    const displayDevice = createCounterDisplays(displayConfig);
    const queueDevices = bindQueueDevices({
      queue,
      bus,
      counters: pub.counters,
      keypads: keypadDevice.keypads,
      displays: displayDevice.displays,
      lines: [keypadDevice.transport, displayDevice.transport],
      log: area('queue-devices'),
    });
    // Devices report changes before the hub exists; they reach it once it does.
    let hub: LiveHub | undefined;
    const screens = createScreenRegistry(clock, site.timeZone, () => hub?.publish('devices.health'), { forgetMs: site.network.screenForgetMinutes * 60_000 });
    const signs = bindSigns({
      configs: site.signs,
      bus,
      clock,
      timeZone: site.timeZone,
      messagesFor: (id) => marquee.activeFor(`sign:${id}`),
      emergency: () => emergencies.state().active,
      onChange: () => hub?.publish('devices.health'),
      log: area('signs'),
    });
    const lines = createLinkWatch(() => clock.now());
    const lineDevices = (): DeviceHealth[] => {
      const out: DeviceHealth[] = [];
      const add = (id: string, kind: DeviceHealth['kind'], name: { zh: string; en: string }, state: TransportState | undefined, silent: number[] = []) => {
        if (state) out.push(linkHealth(id, kind, name, state, lines.since(id, state, silent), site.timeZone, silent));
      };
      add('keypads', 'keypad', { zh: '叫號鍵盤', en: 'Caller keypads' }, keypadDevice.keypads?.state);
      add('counter-displays', 'counter-display', { zh: '櫃台號碼顯示器', en: 'Counter displays' }, displayDevice.displays?.state, displayDevice.displays?.unanswered?.());
      add('scanner', 'scanner', { zh: '傳票掃描器', en: 'Summons scanner' }, scannerDevice.scanner?.state);
      return out;
    };
    const scannerDevice = createScanner(site.scanner.driver === 'simulated' ? { driver: 'simulated' } : site.scanner, { clock });
    const summons = bindSummonsScanner({ scanner: scannerDevice.scanner, hearings, clock, timeZone: site.timeZone, onScan: () => hub?.publish('kiosk.scan') });
    const panel = bindSimulatorPanel(
      {
        printer: device.simulator,
        scanner: scannerDevice.simulator,
        signs: signs.signs,
        keypads: keypadDevice.simulator,
        displays: displayDevice.simulator,
        displayProtocol: displayConfig.driver === 'none' ? 'none' : displayConfig.protocol.kind,
      },
      site.timeZone,
    );
    simPanel = panel;
    const health = watchPrinterHealth({
      printer: device.printer,
      clock,
      timeZone: site.timeZone,
      onKioskStatus: (reason) => queue.setPaused(reason),
      onChange: () => hub?.publish('devices.health'),
    });
    hub = createLiveHub({
      'queue.board': () => queue.board(),
      'kiosk.status': () => queue.kioskStatus(),
      'queue.staff': () => queue.staffView(),
      'devices.sim': () => panel.snapshot(),
      'devices.health': () => ({
        devices: [health.snapshot(), ...signs.health(), ...lineDevices(), ...screens.health()],
        failedJobs: jobs.failedToday(),
        pendingJobs: jobs.pendingCount(),
        notices: [...(phoneBase || !url ? [] : [{ code: 'no-phone-link' as const, text: NO_PHONE_LINK_NOTICE }]), ...queue.clockNotices()],
      }),
      'hearings.board': () => hearings.board(),
      'detainees.board': () => detainees.board(),
      'kiosk.scan': () => summons.snapshot(),
      'rating.prompts': () => ratings.prompts(),
      marquee: () => marquee.board(),
      emergency: () => emergencies.state(),
    });
    const live = hub;

    const offs = [
      bus.on('ticket.issued', ({ ticketId }) => {
        printQueue.printIssued(ticketId);
        live.publish('queue.board');
        live.publish('queue.staff');
      }),
      bus.on('queue.changed', () => {
        live.publish('queue.board');
        live.publish('queue.staff');
      }),
      bus.on('kiosk.status.changed', () => live.publish('kiosk.status')),
      bus.on('print.jobs.changed', () => live.publish('devices.health')),
      bus.on('devices.changed', () => live.publish('devices.health')),
      panel.onChange(() => live.publish('devices.sim')),
      bus.on('marquee.changed', () => live.publish('marquee')),
      bus.on('emergency.changed', () => live.publish('emergency')),
      bus.on('hearings.changed', () => live.publish('hearings.board')),
      bus.on('ticket.finished', ({ counterId, serviceId }) => ratings.open(counterId, serviceId)),
      bus.on('rating.changed', () => live.publish('rating.prompts')),
      bus.on('detainees.changed', () => live.publish('detainees.board')),
      inbox.stop,
      health.stop,
      queueDevices.stop,
      signs.stop,
      summons.stop,
    ];
    // Some changes come with time, not a command: midnight expiry, the end of a skipped
    // ticket's grace, a message's schedule starting or ending, an emergency's end.
    let marqueeKey = marquee.activeKey();
    let emergencyId = emergencies.state().active?.id ?? null;
    // The nightly maintenance (figures, purges of personal data past its limit, ANALYZE, backup), off the loop that drives the devices;
    // a lobby started after the hour does the day's at once.
    const nightly = createNightly({
      db,
      clock,
      timeZone: site.timeZone,
      stats,
      backup: { at: site.backup.at, dir: site.backup.dir ?? join(options.dataDir, 'backups'), keepDays: site.backup.keepDays },
      retention: {
        ...site.retention,
        detaineesDays: site.detainees.retentionDays,
        inboxDir: join(options.dataDir, 'inbox', 'hearings'),
        logsDir: join(options.dataDir, 'logs'),
      },
      nativeBinding: options.sqliteNativeBinding,
      log: logger,
    });
    const sweeper = setInterval(() => {
      // First the midnight expiry, so the night's maintenance finds yesterday closed.
      if (queue.sweepIfDue()) bus.emit('queue.changed', {});
      nightly.tick();
      if (screens.tick()) live.publish('devices.health');
      const key = marquee.activeKey();
      if (key !== marqueeKey) {
        marqueeKey = key;
        bus.emit('marquee.changed', {});
      }
      // A rating prompt nobody answered closes by itself.
      const expiry = ratings.nextExpiry();
      if (expiry !== null && expiry <= clock.now() + 15_000) setTimeout(() => live.publish('rating.prompts'), Math.max(0, expiry - clock.now()) + 50).unref();
      // Estimated starts, delays and the duty shift move with the clock.
      live.publish('hearings.board');
      live.publish('detainees.board');
      if (detainees.purge()) bus.emit('detainees.changed', {});
      const active = emergencies.state().active?.id ?? null;
      if (active !== emergencyId) {
        emergencyId = active;
        bus.emit('emergency.changed', {});
      }
    }, options.timeTickMs ?? 15_000);
    sweeper.unref();
    offs.push(() => clearInterval(sweeper));
    // Keypads, counter displays and the scanner report like the printer: a line that drops or
    // comes back, or a display that stops answering, reaches the staff view within a second.
    const lineWatch = setInterval(() => {
      const before = lines.key();
      lineDevices();
      if (lines.key() !== before) live.publish('devices.health');
    }, 1000);
    lineWatch.unref();
    offs.push(() => clearInterval(lineWatch));
    for (const link of [keypadDevice.transport, displayDevice.transport, scannerDevice.transport]) {
      if (link) offs.push(link.onState(() => live.publish('devices.health')));
    }

    // Open to the LAN: HTTPS with the agency's certificate, or the lobby's own (fingerprint logged for IT).
    // The agency's files are named relative to the site file, like the guide beside it.
    const besideSite = (file: string) => resolve(options.sitePath ? dirname(resolve(options.sitePath)) : process.cwd(), file);
    const tls = lanFacing
      ? await loadOrMakeCertificate({
          dataDir: options.dataDir,
          supplied: site.network.tls && { certFile: besideSite(site.network.tls.certFile), keyFile: besideSite(site.network.tls.keyFile) },
          names: certificateNames(hosts),
        })
      : undefined;
    if (tls) logger.info({ area: 'network', source: tls.source, sha256: tls.fingerprint }, `HTTPS certificate SHA-256 fingerprint ${tls.fingerprint}`);
    const extraListeners: NetServer[] = [];
    app = await buildServer(
      {
        db,
        clock,
        bus,
        site,
        publicSite: pub,
        queue,
        accounts,
        kiosks,
        ratings,
        stats,
        baseUrl: () => url,
        hub: live,
        screens,
        jobs,
        printQueue,
        marquee,
        emergencies,
        hearings,
        detainees,
        guide,
        simPanel: panel,
        phoneUrl,
        rendererDir: options.rendererDir ?? defaultRendererDir(),
        secureCookies: false,
      },
      { logger, ...(tls ? { tls } : {}) },
    );
    // The first address through Fastify; the others (and 127.0.0.1 for the windows, when the
    // site names only LAN addresses) hand their connections to the same server.
    const binds = lanFacing && !everywhere && !hosts.includes('127.0.0.1') ? ['127.0.0.1', ...hosts] : hosts;
    await app.listen({ port: options.port ?? site.network.port, host: binds[0]! });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : (options.port ?? site.network.port);
    const server = app.server;
    for (const extra of binds.slice(1)) {
      const more: NetServer = createNetServer((socket) => server.emit('connection', socket));
      await new Promise<void>((resolveListen, reject) => more.once('error', reject).listen(port, extra, () => resolveListen()));
      extraListeners.push(more);
    }
    // Windows on this computer use loopback even when the LAN may connect too.
    const local = lanFacing ? '127.0.0.1' : host;
    url = `http://${local.includes(':') ? `[${local}]` : local}:${port}`;
    phoneBase = phoneBaseUrl({ publicBaseUrl: site.publicBaseUrl, listenHost: binds.find((h) => h !== '127.0.0.1') ?? host, port, lanAddress: lanAddress(), https: !!tls });
    if (!phoneBase) logger.info({ area: 'network' }, NO_PHONE_LINK_NOTICE.en);

    const code = accounts.ensureSetupCode();
    if (code) options.onSetupCode?.(code, `${url}/staff?setup=${code}`);

    // Stop taking requests first, then let go of devices, the database last.
    // A screen that disconnects during close() publishes once more (on setImmediate): let that run before the database closes.
    // The extra listeners stop accepting first; their open connections close with the app's.
    stopFns = [() => void extraListeners.forEach((l) => l.close()), () => app?.close(), () => new Promise<void>((r) => setImmediate(r)), () => nightly.idle(), printQueue.stop, () => printQueue.idle(), ...offs, panel.stop, () => device.printer.close(), () => queueDevices.close(), () => signs.close(), () => scannerDevice.scanner?.close(), () => db.close(), () => new Promise<void>((r) => logger.flush(() => r()))];
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
    get kioskCredential() {
      return kioskCredential;
    },
    kioskProvisioningLink() {
      if (!kiosksRef) throw new Error('lobby not started');
      return `${url}/kiosk/provision?code=${kiosksRef.provisioningCode(null).code}`;
    },
    issueKioskCredential(name: string) {
      if (!kiosksRef) throw new Error('lobby not started');
      return kiosksRef.issueToken(name, null, 'kiosk.issued');
    },
    get simPanel() {
      if (!simPanel) throw new Error('lobby not started');
      return simPanel;
    },
  };
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

/** What the lobby's own certificate must name: the addresses it listens on, or every LAN address and the host name. */
function certificateNames(hosts: string[]): string[] {
  const names = hosts.filter((h) => h !== '0.0.0.0' && h !== '::');
  if (names.length < hosts.length) {
    if (/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(hostname())) names.push(hostname());
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') names.push(a.address);
  }
  return [...new Set(names)];
}

/** The first non-internal IPv4 address, the one phones on the LAN can reach, or null. */
function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}
