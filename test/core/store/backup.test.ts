import { describe, expect, it } from 'vitest';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupNow, listBackups, restoreBackup, verifyDatabase } from '../../../core/store/backup';
import { manualClock } from '../../../core/store/clock';
import { openDb } from '../../../core/store/db';
import { tempDir } from '../../helpers/tmp';

function count(file: string): number {
  const db = openDb(file);
  const n = (db.prepare('SELECT COUNT(*) AS n FROM settings').get() as { n: number }).n;
  db.close();
  return n;
}

describe('nightly backup and restore', () => {
  it('copies the live database online, checks it, keeps N days, and restores it in place', async () => {
    const tmp = tempDir();
    try {
      const live = join(tmp.dir, 'lobby.sqlite');
      const db = openDb(live);
      const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
      for (let i = 0; i < 100; i++) insert.run(`k${i}`, 'v');
      const clock = manualClock('2026-11-26T02:30:00+08:00');
      const dir = join(tmp.dir, 'backups');

      // An old backup past the keep window goes; the new one is named by local time.
      const stale = join(dir, 'lobby-20261001-0230.sqlite');
      const file = await backupNow(db, dir, clock, 'Asia/Taipei', 14);
      writeFileSync(stale, 'old');
      utimesSync(stale, new Date('2026-10-01'), new Date('2026-10-01'));
      clock.advance(86_400_000);
      const second = await backupNow(db, dir, clock, 'Asia/Taipei', 14);
      expect(file).toMatch(/lobby-20261126-0230\.sqlite$/);
      expect(second).toMatch(/lobby-20261127-0230\.sqlite$/);
      expect(existsSync(stale)).toBe(false);
      expect(listBackups(dir)).toEqual([file, second]);
      expect(verifyDatabase(file)).toBe('ok');

      // Later changes, then a restore brings back the backup's state and keeps what it replaced.
      for (let i = 100; i < 150; i++) insert.run(`k${i}`, 'v');
      db.close();
      const { previous } = restoreBackup(file, tmp.dir, Date.parse('2026-11-28T00:00:00Z'));
      expect(count(live)).toBe(100);
      expect(count(previous!)).toBe(150);
    } finally {
      tmp.cleanup();
    }
  });

  it('refuses to restore a damaged file', () => {
    const tmp = tempDir();
    try {
      const bad = join(tmp.dir, 'lobby-20261126-0230.sqlite');
      writeFileSync(bad, 'SQLite format 3\0 but not really');
      expect(() => restoreBackup(bad, tmp.dir)).toThrow();
      expect(existsSync(join(tmp.dir, 'lobby.sqlite'))).toBe(false);
    } finally {
      tmp.cleanup();
    }
  });
});
