/**
 * `npm run restore -- <backup file> [--data <dir>]`: puts a nightly backup
 * back as the lobby's database. Stop the lobby first (the app, or `npm run serve`).
 */
import { parseArgs } from 'node:util';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { restoreBackup } from './store/backup';

const { values, positionals } = parseArgs({ options: { data: { type: 'string' } }, allowPositionals: true });
const file = positionals[0];
if (!file) {
  process.stderr.write('Usage: npm run restore -- <backup file> [--data <dir>]\nBackups are in <data dir>/backups/.\n');
  process.exit(2);
}
const dataDir = resolve(values.data ?? process.env.LOBBY_DATA ?? resolve(homedir(), '.lobby'));
try {
  const { restored, previous } = restoreBackup(resolve(file), dataDir);
  process.stdout.write(`Restored ${file} as ${restored}.\n${previous ? `The database it replaced is kept as ${previous}.\n` : ''}Start the lobby again.\n`);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
