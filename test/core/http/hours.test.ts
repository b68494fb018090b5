/**
 * Opening hours edited by an admin (營業時間): stored over the site file's, audited,
 * in force at once for issuing and on the public board (which carries the hours the
 * kiosk follows) and /api/site, kept across a restart, and back to the file's on reset.
 * Also the kiosk set-up link names the device.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf, ROUTES, type AuditEntry, type QueueBoard, type PublicSite, type ServiceHours } from '../../../core/contract';
import { createAccounts } from '../../../core/domain/accounts/accounts';
import { createEventBus } from '../../../core/domain/events';
import { createOpeningHours } from '../../../core/domain/hours/opening-hours';
import { manualClock } from '../../../core/store/clock';
import { openDb } from '../../../core/store/db';
import { createFirstAdmin, httpClient, startTestLobby, watchLive, type HttpClient, type TestLobby } from '../../helpers/lobby';

// Thursday 26 November 2026, 10:00 in Taipei.
const clock = manualClock('2026-11-26T10:00:00+08:00');
let t: TestLobby;
let admin: HttpClient;

beforeAll(async () => {
  t = await startTestLobby({ clock });
  admin = await createFirstAdmin(t);
});
afterAll(async () => {
  await t.stop();
});

const issue = () => httpClient(t.url, { kiosk: t.kioskToken }).post<{ number?: string; error?: string; message?: string }>(ROUTES.issueTicket.path, { serviceId: 'consult' });
const hoursPath = (serviceId: string) => pathOf(ROUTES.setHours, { serviceId });
const waitFor = async <T>(read: () => T | undefined, ok: (v: T) => boolean): Promise<T> => {
  for (let i = 0; i < 100; i++) {
    const v = read();
    if (v !== undefined && ok(v)) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out');
};

describe('opening hours', () => {
  it('lists each service with the site file’s hours, none edited', async () => {
    const res = await admin.get<{ services: ServiceHours[] }>(ROUTES.listHours.path);
    expect(res.status).toBe(200);
    const consult = res.body.services.find((s) => s.serviceId === 'consult')!;
    expect(consult).toMatchObject({ edited: false, updatedAt: null, name: { zh: '為民服務中心諮詢' } });
    expect(consult.hours).toEqual(consult.fileHours);
  });

  it('an edit closes a service now: issuing refused, the board says closed and carries the hours; opening it again issues', async () => {
    expect((await issue()).status).toBe(201);
    const board = await watchLive(t, ['queue.board']);
    try {
      // Thursday closed (the rest of the week 08:30–17:00).
      const closed = await admin.put<{ service: ServiceHours }>(hoursPath('consult'), { hours: [{ days: [1, 2, 3, 5], from: '08:30', to: '17:00' }] });
      expect(closed.status, JSON.stringify(closed.body)).toBe(200);
      expect(closed.body.service).toMatchObject({ edited: true, hours: [{ days: [1, 2, 3, 5], from: '08:30', to: '17:00' }] });
      const refused = await issue();
      expect(refused.status).toBe(503);
      expect(refused.body.message).toMatch(/closed now/);
      const row = await waitFor(() => board.get<QueueBoard>('queue.board')?.services.find((s) => s.serviceId === 'consult'), (r) => !r.open);
      expect(row.hours).toEqual([{ days: [1, 2, 3, 5], from: '08:30', to: '17:00' }]);
      const site = await httpClient(t.url).get<PublicSite>(ROUTES.site.path);
      expect(site.body.services.find((s) => s.id === 'consult')!.hours).toEqual([{ days: [1, 2, 3, 5], from: '08:30', to: '17:00' }]);

      // Thursday 09:00–12:00 and 13:00–18:00: open at 10:00.
      const open = await admin.put<{ service: ServiceHours }>(hoursPath('consult'), {
        hours: [
          { days: [4], from: '13:00', to: '18:00' },
          { days: [4], from: '09:00', to: '12:00' },
        ],
      });
      expect(open.status).toBe(200);
      expect((await issue()).status).toBe(201);
      await waitFor(() => board.get<QueueBoard>('queue.board')?.services.find((s) => s.serviceId === 'consult'), (r) => r.open);
    } finally {
      board.close();
    }
  });

  it('always open (null) issues whatever the day; back to the site file’s hours (here: none, always open) on reset', async () => {
    expect((await admin.put(hoursPath('consult'), { hours: [{ days: [4], from: '08:00', to: '09:00' }] })).status).toBe(200);
    expect((await issue()).status).toBe(503);
    const always = await admin.put<{ service: ServiceHours }>(hoursPath('consult'), { hours: null });
    expect(always.body.service).toMatchObject({ edited: true, hours: null });
    expect((await issue()).status).toBe(201);
    const reset = await admin.del<{ service: ServiceHours }>(hoursPath('consult'));
    expect(reset.status).toBe(200);
    expect(reset.body.service).toMatchObject({ edited: false, updatedAt: null });
    expect(reset.body.service.hours).toEqual(reset.body.service.fileHours);
  });

  it('refuses hours that end before they start, overlap, or name an unknown service; only admins may edit', async () => {
    const backwards = await admin.put<{ message: string }>(hoursPath('consult'), { hours: [{ days: [1], from: '17:00', to: '08:00' }] });
    expect(backwards.status).toBe(400);
    expect(backwards.body.message).toMatch(/closes after it opens/);
    const overlap = await admin.put<{ message: string }>(hoursPath('consult'), {
      hours: [
        { days: [1, 2], from: '08:00', to: '12:00' },
        { days: [2], from: '11:00', to: '13:00' },
      ],
    });
    expect(overlap.status).toBe(400);
    expect(overlap.body.message).toMatch(/overlap on weekday 2/);
    expect((await admin.put(hoursPath('ghost'), { hours: null })).status).toBe(404);
    expect((await httpClient(t.url).put(hoursPath('consult'), { hours: null })).status).toBe(401);
  });

  it('each change is audited with what the hours were and became', async () => {
    const audit = await admin.get<{ entries: AuditEntry[] }>(`${ROUTES.listAudit.path}?action=hours.`);
    expect(audit.status).toBe(200);
    const actions = audit.body.entries.map((e) => `${e.action} ${e.target}`);
    expect(actions.filter((a) => a === 'hours.set service:consult')).toHaveLength(4);
    expect(actions).toContain('hours.reset service:consult');
    // In words, as the audit tab shows it.
    const reset = audit.body.entries.find((e) => e.action === 'hours.reset')!;
    expect(reset.summary.zh).toMatch(/把服務 consult 的營業時間改回站台設定檔$/);
    expect(reset.summary.en).toMatch(/set the opening hours of service consult back to the site file's$/);
    const first = audit.body.entries.filter((e) => e.action === 'hours.set').at(-1)!;
    expect(JSON.parse(first.detail)).toMatchObject({ after: [{ days: [1, 2, 3, 5], from: '08:30', to: '17:00' }] });
  });

  it('an edit is read back by the next start (the same database)', async () => {
    const db = openDb(':memory:');
    const accounts = createAccounts({ db, clock, bus: createEventBus() });
    const chen = await accounts.setupFirstAdmin({ setupCode: accounts.ensureSetupCode()!, username: 'chen', displayName: '陳主任', password: 'a-long-password' });
    const services = [{ id: 'documents', name: { zh: '書類', en: 'Documents' }, hours: null }];
    const deps = { db, clock, bus: createEventBus(), timeZone: 'Asia/Taipei', services };
    createOpeningHours(deps).set(chen.id, 'documents', [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '11:00' }]);
    const next = createOpeningHours(deps);
    expect(next.of('documents')).toEqual([{ days: [1, 2, 3, 4, 5], from: '09:00', to: '11:00' }]);
    expect(next.list()[0]).toMatchObject({ edited: true, fileHours: null, updatedAt: '2026-11-26T10:00:00+08:00' });
  });
});

describe('kiosk set-up links', () => {
  it('carry the name staff gave, and the device is listed by it once set up', async () => {
    const link = await admin.post<{ url: string; expiresAt: string }>(ROUTES.provisionKiosk.path, { purpose: 'tickets', name: '大廳取號機' });
    expect(link.status).toBe(200);
    const url = new URL(link.body.url);
    expect(url.searchParams.get('name')).toBe('大廳取號機');
    const opened = await fetch(`${t.url}${url.pathname}${url.search}`, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    const list = await admin.get<{ kiosks: { name: string; purpose: string }[] }>(ROUTES.listKiosks.path);
    expect(list.body.kiosks[0]).toMatchObject({ name: '大廳取號機', purpose: 'tickets' });
  });
});
