import { dirname, resolve } from 'node:path';
import { hostname, networkInterfaces } from 'node:os';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { NO_PHONE_LINK_NOTICE, phoneBaseUrl } from '../config/phone-link';
import type { SiteConfig } from '../config/schema';
import { loadOrMakeCertificate, type TlsMaterial } from '../http/tls';
import type { Logger } from '../log';

/** Where the lobby's own windows reach it: plain HTTP, never the LAN. */
const WINDOWS_HOSTS = ['127.0.0.1', '::1', 'localhost'];

/**
 * Where the lobby is reached, known once it listens: its own windows' URL
 * (empty before), and the base of the phone links a ticket's QR code points
 * at (null before, and for good when no phone can reach the lobby).
 */
export interface LobbyAddress {
  url: string;
  phoneBase: string | null;
}

export function notYetListening(): LobbyAddress {
  return { url: '', phoneBase: null };
}

/** A ticket's phone link, or null while (or because) phones cannot reach the lobby: then no QR is printed. */
export function phoneUrlAt(address: LobbyAddress): (token: string) => string | null {
  return (token) => (address.phoneBase ? `${address.phoneBase}/phone/t/${token}` : null);
}

export interface ListenPlan {
  hosts: string[];
  /** Any listener other than the windows' own address: it gets HTTPS. */
  lanFacing: boolean;
  everywhere: boolean;
}

/**
 * An explicit host (serve --host) wins; otherwise the site decides whether the
 * LAN may connect, and on which addresses. Any listener other than the windows'
 * own address gets HTTPS (even another 127.x, which the tests use as a LAN
 * interface); the lobby's own windows keep plain HTTP on 127.0.0.1.
 */
export function listenPlan(host: string | undefined, site: SiteConfig): ListenPlan {
  const hosts = host !== undefined ? [host] : site.network.openToLan ? (site.network.listen ?? ['0.0.0.0']) : ['127.0.0.1'];
  return {
    hosts,
    lanFacing: hosts.some((h) => !WINDOWS_HOSTS.includes(h)),
    everywhere: hosts.some((h) => h === '0.0.0.0' || h === '::'),
  };
}

/**
 * Open to the LAN: HTTPS with the agency's certificate, or the lobby's own
 * (fingerprint logged for IT). The agency's files are named relative to the
 * site file, like the guide beside it.
 */
export async function openTls(deps: { plan: ListenPlan; site: SiteConfig; sitePath?: string; dataDir: string; logger: Logger }): Promise<TlsMaterial | undefined> {
  if (!deps.plan.lanFacing) return undefined;
  const { site, sitePath } = deps;
  const besideSite = (file: string) => resolve(sitePath ? dirname(resolve(sitePath)) : process.cwd(), file);
  const tls = await loadOrMakeCertificate({
    dataDir: deps.dataDir,
    supplied: site.network.tls && { certFile: besideSite(site.network.tls.certFile), keyFile: besideSite(site.network.tls.keyFile) },
    names: certificateNames(deps.plan.hosts),
  });
  deps.logger.info({ area: 'network', source: tls.source, sha256: tls.fingerprint }, `HTTPS certificate SHA-256 fingerprint ${tls.fingerprint}`);
  return tls;
}

/**
 * The first address through Fastify; the others (and 127.0.0.1 for the
 * windows, when the site names only LAN addresses) hand their connections to
 * the same server. Fills in `address` once listening. Stopping closes the
 * extra listeners; their open connections close with the app's.
 */
export async function listen(deps: {
  app: FastifyInstance;
  plan: ListenPlan;
  port: number;
  site: SiteConfig;
  https: boolean;
  address: LobbyAddress;
  logger: Logger;
}): Promise<{ stop(): void }> {
  const { app, plan, site, address } = deps;
  const { hosts, lanFacing, everywhere } = plan;
  const binds = lanFacing && !everywhere && !hosts.includes('127.0.0.1') ? ['127.0.0.1', ...hosts] : hosts;
  await app.listen({ port: deps.port, host: binds[0]! });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : deps.port;
  const server = app.server;
  const extra: NetServer[] = [];
  const stop = () => extra.forEach((l) => l.close());
  try {
    for (const host of binds.slice(1)) {
      const more: NetServer = createNetServer((socket) => server.emit('connection', socket));
      await new Promise<void>((resolveListen, reject) => more.once('error', reject).listen(port, host, () => resolveListen()));
      extra.push(more);
    }
  } catch (err) {
    stop();
    throw err;
  }
  // Windows on this computer use loopback even when the LAN may connect too.
  const local = lanFacing ? '127.0.0.1' : hosts[0]!;
  address.url = `http://${local.includes(':') ? `[${local}]` : local}:${port}`;
  address.phoneBase = phoneBaseUrl({
    publicBaseUrl: site.publicBaseUrl,
    listenHost: binds.find((h) => h !== '127.0.0.1') ?? hosts[0]!,
    port,
    lanAddress: lanAddress(),
    https: deps.https,
  });
  if (!address.phoneBase) deps.logger.info({ area: 'network' }, NO_PHONE_LINK_NOTICE.en);
  return { stop };
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
