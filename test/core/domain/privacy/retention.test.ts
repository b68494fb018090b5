import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../../../core/config/schema';
import { purgeInboxFiles } from '../../../../core/devices/hearing-inbox';
import { PURGE_BATCH, purgeSteps, type RetentionSettings } from '../../../../core/domain/privacy/retention';
import { runNow, type Steps } from '../../../../core/domain/turns';
import { purgeLogs } from '../../../../core/log';
import { manualClock } from '../../../../core/store/clock';
import { openDb, type Db } from '../../../../core/store/db';
import { tempDir } from '../../../helpers/tmp';

const TZ = 'Asia/Taipei';
const settings: RetentionSettings = { ...DEFAULT_RETENTION, detaineesDays: 7 };
const DAY = 86_400_000;

let tmp: ReturnType<typeof tempDir>;
let db: Db;
beforeEach(() => {
  tmp = tempDir();
  db = openDb(join(tmp.dir, 'lobby.sqlite'));
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

function ticket(day: string, status: string, token: string): void {
  const seq = (db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number) + 1;
  db.prepare(
    `INSERT INTO tickets (service_id, issued_service_id, day, seq_key, seq, number, status, sort_key, token, issued_at, waiting_since)
     VALUES ('consult', 'consult', ?, ?, ?, ?, ?, ?, ?, 0, 0)`,
  ).run(day, day, seq, `A${seq}`, status, seq, token);
}

/** Runs the steps, counting the turns they give the loop. */
function run(steps: Steps<Record<string, number>>): { counts: Record<string, number>; turns: number } {
  let turns = 0;
  for (;;) {
    const r = steps.next();
    if (r.done) return { counts: r.value, turns };
    turns++;
  }
}

describe('purging personal data past its limit', () => {
  it('with nothing to purge, only reads: it runs while another connection holds the write lock', () => {
    const clock = manualClock('2026-11-28T02:30:00+08:00');
    db.prepare("INSERT INTO hearings (day, time, courtroom_id, case_number, division, prosecutor, state, updated_at) VALUES ('2026-11-27', '09:00', 'r1', 'x', '信', 'p', 'scheduled', 0)").run();
    const other = openDb(join(tmp.dir, 'lobby.sqlite'));
    try {
      other.exec('BEGIN IMMEDIATE');
      db.pragma('busy_timeout = 0');
      expect(Object.values(runNow(purgeSteps(db, clock, TZ, settings))).every((n) => n === 0)).toBe(true);
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
  });

  it('deletes in batches with a turn between them, and audits each kind once with its count', () => {
    const clock = manualClock('2027-12-01T02:30:00+08:00');
    const old = Date.parse('2026-11-01T10:00:00+08:00');
    const insert = db.prepare("INSERT INTO audit (at, actor_user_id, action, target, detail) VALUES (?, NULL, 'login', 'user:x', '{}')");
    db.transaction(() => {
      for (let i = 0; i < PURGE_BATCH * 2 + 10; i++) insert.run(old + i);
      for (let i = 0; i < 5; i++) insert.run(clock.now() - DAY);
    })();
    const { counts, turns } = run(purgeSteps(db, clock, TZ, settings));
    expect(counts.audit).toBe(PURGE_BATCH * 2 + 10);
    // A turn after each of the eight kinds, and one between each two batches.
    expect(turns).toBe(8 + 2);
    const left = db.prepare('SELECT action, target, detail FROM audit ORDER BY id').all() as { action: string; target: string; detail: string }[];
    expect(left.filter((r) => r.action === 'login')).toHaveLength(5);
    expect(left.filter((r) => r.action === 'retention.purge')).toEqual([{ action: 'retention.purge', target: 'audit', detail: JSON.stringify({ count: PURGE_BATCH * 2 + 10, before: '2026-11-30T18:30:00.000Z' }) }]);
  });

  it("blanks closed tickets' phone tokens from the days not done yet, and comes back for a carried-over ticket once it closes", () => {
    const clock = manualClock('2026-11-28T02:30:00+08:00');
    ticket('2026-11-20', 'done', 'done-token-20');
    ticket('2026-11-21', 'waiting', 'carried-over-21');
    ticket('2026-11-27', 'expired', 'yesterday-27');
    const tokens = () => db.prepare('SELECT token FROM tickets ORDER BY id').pluck().all();
    expect(runNow(purgeSteps(db, clock, TZ, settings))['ticket-tokens']).toBe(1);
    expect(tokens()).toEqual(['~1', 'carried-over-21', 'yesterday-27']);
    // The ticket carried over is served days later; the next night's window still reaches back to its day.
    db.prepare("UPDATE tickets SET status = 'done' WHERE id = 2").run();
    clock.set('2026-11-29T02:30:00+08:00');
    expect(runNow(purgeSteps(db, clock, TZ, settings))['ticket-tokens']).toBe(2);
    expect(tokens()).toEqual(['~1', '~2', '~3']);
    // Done: the next night reads from the day after the last one purged.
    expect(db.prepare("SELECT value FROM settings WHERE key = 'retention.tickets.tokensFrom'").pluck().get()).toBe('2026-11-28');
  });

  it('ends sessions, provisioning codes and revoked kiosks a day after they ended', () => {
    const clock = manualClock('2026-11-28T02:30:00+08:00');
    const now = clock.now();
    db.prepare("INSERT INTO users (username, display_name, password_hash, roles, created_at) VALUES ('a', 'A', 'x', '[]', 0)").run();
    const session = db.prepare('INSERT INTO sessions (id_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, 1, 0, ?, ?)');
    session.run('expired', now - 2 * DAY, now - 2 * DAY);
    session.run('idle', now + DAY, now - 2 * DAY);
    session.run('ended-an-hour-ago', now - 3_600_000, now - 5 * 3_600_000);
    session.run('live', now + DAY, now);
    db.prepare('INSERT INTO kiosks (name, token_hash, created_at, revoked_at) VALUES (?, ?, 0, ?)').run('old', 'h1', now - 2 * DAY);
    db.prepare('INSERT INTO kiosks (name, token_hash, created_at, revoked_at) VALUES (?, ?, 0, ?)').run('in use', 'h2', null);
    db.prepare('INSERT INTO kiosk_provisioning (code_hash, created_at, expires_at) VALUES (?, 0, ?)').run('c1', now - 2 * DAY);
    const counts = runNow(purgeSteps(db, clock, TZ, settings));
    expect(counts).toMatchObject({ sessions: 2, 'kiosk-credentials': 1, 'kiosk-codes': 1 });
    expect(db.prepare('SELECT id_hash FROM sessions ORDER BY id_hash').pluck().all()).toEqual(['ended-an-hour-ago', 'live']);
    expect(db.prepare('SELECT name FROM kiosks').pluck().all()).toEqual(['in use']);
  });
});

describe('purging files past their limit', () => {
  const at = (iso: string) => new Date(iso);
  it('logs: old rolled files go, never the one being written', () => {
    const dir = join(tmp.dir, 'logs');
    mkdirSync(dir);
    for (const [n, when] of [
      [1, '2026-11-01'],
      [2, '2026-11-20'],
      [3, '2026-11-01'],
    ] as const) {
      writeFileSync(join(dir, `lobby.${n}.log`), '{}\n');
      utimesSync(join(dir, `lobby.${n}.log`), at(when), at(when));
    }
    writeFileSync(join(dir, 'notes.txt'), 'not a log');
    utimesSync(join(dir, 'notes.txt'), at('2026-01-01'), at('2026-01-01'));
    expect(purgeLogs(dir, Date.parse('2026-11-14'))).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['lobby.2.log', 'lobby.3.log', 'notes.txt']);
    expect(purgeLogs(join(tmp.dir, 'none'), Date.now())).toBe(0);
  });

  it('inbox: handled files and refusal notes past the limit go; the inbox itself is not touched', () => {
    const dir = join(tmp.dir, 'inbox');
    for (const sub of ['', 'done', 'refused']) mkdirSync(join(dir, sub), { recursive: true });
    const put = (path: string, when: string) => {
      writeFileSync(join(dir, path), 'x');
      utimesSync(join(dir, path), at(when), at(when));
    };
    put('waiting.csv', '2026-11-01');
    put('done/old.csv', '2026-11-01');
    put('done/new.csv', '2026-11-25');
    put('refused/old.csv', '2026-11-01');
    put('refused/old.csv.txt', '2026-11-01');
    expect(purgeInboxFiles(dir, Date.parse('2026-11-21'))).toBe(3);
    expect([...readdirSync(dir).filter((n) => n.endsWith('.csv')), ...readdirSync(join(dir, 'done')), ...readdirSync(join(dir, 'refused'))]).toEqual(['waiting.csv', 'new.csv']);
  });
});
