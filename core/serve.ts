/**
 * `npm run serve`: the lobby core under plain Node with simulated devices;
 * every screen opens in any browser on this machine (or the LAN, if opened).
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { homedir } from 'node:os';
import { SCREEN_PATHS, siteUsesHearings } from './contract';
import { createLobby } from './lobby';
import { SiteConfigError } from './config/load';
import { listSerialPorts } from '../hardware/transports/serial';

const HELP = `Usage: npm run serve -- [options]

  --port <n>     port to listen on (env LOBBY_PORT; default the site's network.port, 8080; 0 = any free port)
  --host <addr>  address to listen on (env LOBBY_HOST; default 127.0.0.1, or 0.0.0.0 if the site opens to the LAN)
  --site <id|file>  sample site id (taitung-prosecutors, hualien-prison) or a site JSON file
                 (env LOBBY_SITE, default taitung-prosecutors)
  --data <dir>   folder for the database (env LOBBY_DATA, default ~/.lobby)
  --list-ports   print the serial ports with their USB ids (for a site file's "serial" sections), then exit
  --help         this text
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      site: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean' },
      'list-ports': { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (values['list-ports']) {
    const ports = await listSerialPorts();
    if (ports.length === 0) process.stdout.write('No serial ports found.\n');
    for (const p of ports) {
      const ids = [p.vendorId && `"vendorId": "${p.vendorId}"`, p.productId && `"productId": "${p.productId}"`, p.serialNumber && `"serialNumber": "${p.serialNumber}"`].filter(Boolean).join(', ');
      process.stdout.write(`${p.path}${p.manufacturer ? `  (${p.manufacturer})` : ''}${ids ? `\n    ${ids}` : ''}\n`);
    }
    return;
  }
  const portText = values.port ?? process.env.LOBBY_PORT;
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new UsageError(`--port must be a number 0–65535, not "${portText}"`);
  const site = values.site ?? process.env.LOBBY_SITE;
  const isFile = site !== undefined && (site.endsWith('.json') || site.includes('/'));
  const dataDir = resolve(values.data ?? process.env.LOBBY_DATA ?? resolve(homedir(), '.lobby'));

  const lobby = createLobby({
    dataDir,
    ...(port !== undefined ? { port } : {}),
    ...((values.host ?? process.env.LOBBY_HOST) ? { host: values.host ?? process.env.LOBBY_HOST } : {}),
    ...(isFile ? { sitePath: site } : { siteId: site }),
    logToStdout: true,
    ...(process.env.LOBBY_LOG_LEVEL ? { logLevel: process.env.LOBBY_LOG_LEVEL } : {}),
    onSetupCode: (_code, link) => {
      process.stdout.write(`\nFirst run: no staff account yet. Create the first admin here (one-time link):\n  ${link}\n`);
    },
  });
  await lobby.start();
  process.stdout.write(`\n${lobby.site.agency.zh} / ${lobby.site.agency.en}\nData: ${dataDir}\nScreens:\n`);
  for (const [name, path] of Object.entries(SCREEN_PATHS)) {
    // A site without hearings (a prison) has no hearing boards to set up.
    if (name === 'hearings' && !siteUsesHearings(lobby.site)) continue;
    process.stdout.write(`  ${name.padEnd(10)} ${lobby.url}${path}\n`);
  }
  process.stdout.write(
    `\nTo make a browser a ticket kiosk, open this one-time link in it (valid 24 hours):\n  ${lobby.kioskProvisioningLink()}\n`,
  );
  process.stdout.write('\nCtrl+C stops the lobby.\n');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await lobby.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

class UsageError extends Error {}

main().catch((err: unknown) => {
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(`That port is already in use; choose another with --port (or LOBBY_PORT).\n`);
    process.exit(2);
  }
  if (err instanceof UsageError || err instanceof SiteConfigError) {
    process.stderr.write(`${err.message}\n\n${err instanceof UsageError ? HELP : ''}`);
    process.exit(2);
  }
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
