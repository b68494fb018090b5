import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { migrate, openDb } from '../../../core/store/db';
import { MIGRATIONS } from '../../../core/store/migrations';
import { tempDir } from '../../helpers/tmp';

describe('openDb', () => {
  it('opens in WAL mode with every migration applied once, in order', () => {
    const tmp = tempDir();
    try {
      const db = openDb(join(tmp.dir, 'lobby.sqlite'));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const versions = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
      expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
      expect(migrate(db)).toBe(0);
      db.close();
      const again = openDb(join(tmp.dir, 'lobby.sqlite'));
      expect((again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
      again.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('migration versions strictly increase', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });
});

describe('openDb with an explicit native addon', () => {
  it('loads better-sqlite3 from the given .node file (how Electron gets its own build)', () => {
    const addon = join(process.cwd(), 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    const db = openDb(':memory:', { nativeBinding: addon });
    expect((db.prepare('SELECT 1 + 1 AS two').get() as { two: number }).two).toBe(2);
    db.close();
    expect(() => openDb(':memory:', { nativeBinding: '/nonexistent/better_sqlite3.node' })).toThrow();
  });
});
