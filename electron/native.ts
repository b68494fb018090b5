import path from 'node:path';

/**
 * Where `npm start` put better-sqlite3 built for this Electron
 * (scripts/electron-native.mjs), or undefined when it isn't there — a
 * packaged app, whose node_modules electron-builder already rebuilt.
 */
export function electronSqliteBinding(
  appPath: string,
  electronVersion: string,
  platform: string,
  arch: string,
  exists: (file: string) => boolean,
): string | undefined {
  const file = path.join(appPath, '.native', `electron-${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
  return exists(file) ? file : undefined;
}
