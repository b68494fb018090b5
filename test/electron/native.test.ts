import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { electronSqliteBinding } from '../../electron/native';

describe('better-sqlite3 for Electron', () => {
  it('points at the copy npm start built for this Electron version, platform and arch', () => {
    const expected = path.join('/app', '.native', 'electron-45.5.0-linux-x64', 'better_sqlite3.node');
    expect(electronSqliteBinding('/app', '45.5.0', 'linux', 'x64', (f) => f === expected)).toBe(expected);
  });

  it('falls back to the default addon when there is none (a packaged app)', () => {
    expect(electronSqliteBinding('/app', '45.5.0', 'win32', 'x64', () => false)).toBeUndefined();
  });
});
