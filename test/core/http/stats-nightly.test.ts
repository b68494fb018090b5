import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsReport } from '../../../core/contract';
import { manualClock } from '../../../core/store/clock';
import { createFirstAdmin, startTestLobby, TEST_ADMIN, type HttpClient, type TestLobby } from '../../helpers/lobby';

const clock = manualClock('2026-11-25T10:00:00+08:00');
let t: TestLobby;
let admin: HttpClient;

beforeAll(async () => {
  t = await startTestLobby({ clock, timeTickMs: 50 });
  admin = await createFirstAdmin(t, TEST_ADMIN, { kiosk: t.kioskToken });
});
afterAll(async () => {
  await t.stop();
});

describe('the nightly maintenance stores the day that closed', () => {
  it('after midnight the day is closed (the ticket left waiting expired), stored at the backup hour, and reported the same', async () => {
    for (const _ of [1, 2]) expect((await admin.post('/api/tickets', { serviceId: 'consult' })).status).toBe(201);
    clock.advance(5 * 60_000);
    await admin.post('/api/staff/counter/action', { action: 'next', counterId: 'c1' });
    clock.advance(10 * 60_000);
    await admin.post('/api/staff/counter/action', { action: 'finish', counterId: 'c1' });
    const sameDay = await admin.get<StatsReport>('/api/staff/stats?from=2026-11-25&to=2026-11-25');
    expect(sameDay.body.totals).toMatchObject({ tickets: 2, served: 1 });

    const db = new Database(join(t.dataDir, 'lobby.sqlite'), { readonly: true });
    try {
      const stored = () => db.prepare("SELECT COUNT(*) FROM stats_days WHERE day = '2026-11-25'").pluck().get();
      expect(stored()).toBe(0);
      clock.set('2026-11-26T02:31:00+08:00');
      await expect.poll(stored, { timeout: 10_000 }).toBe(1);
      expect(db.prepare("SELECT status FROM tickets WHERE day = '2026-11-25' ORDER BY seq").pluck().all()).toEqual(['done', 'expired']);
    } finally {
      db.close();
    }
    // The night outlasted the staff session: sign in again.
    expect((await admin.post('/api/staff/login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).status).toBe(200);
    const next = await admin.get<StatsReport>('/api/staff/stats?from=2026-11-25&to=2026-11-25');
    expect(next.body).toEqual(sameDay.body);
    expect(next.body.byService.find((s) => s.serviceId === 'consult')).toMatchObject({ tickets: 2, waitMinutes: { median: 5, p90: 5 }, serviceMinutes: { median: 10 } });
  });
});
