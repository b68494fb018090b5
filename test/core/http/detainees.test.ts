/**
 * The staff detainees list carries the site's own stages and outcomes, so the
 * staff screen offers what this site configured (site.json `detainees`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffDetaineesSchema, type StaffDetainees } from '../../../core/contract';
import { manualClock } from '../../../core/store/clock';
import { detaineeChoices } from '../../../renderer/features/detainees/steps';
import { httpClient, sampleSiteWith, startTestLobby, type TestLobby } from '../../helpers/lobby';
import { tempDir } from '../../helpers/tmp';

const PRISON_STEPS = {
  stages: [
    { id: 'intake', zh: '入監', en: 'Intake' },
    { id: 'search', zh: '檢身', en: 'Searched' },
    { id: 'health', zh: '健康檢查', en: 'Health check' },
  ],
  outcomes: [
    { id: 'housed', zh: '配房', en: 'Assigned a cell' },
    { id: 'hospital', zh: '戒護就醫', en: 'Taken to hospital' },
  ],
};

async function bailiffOf(t: TestLobby) {
  const admin = httpClient(t.url, { kiosk: t.kioskToken });
  await admin.post('/api/staff/setup', { setupCode: t.setupCode, username: 'admin', displayName: '系統管理員', password: 'a-long-password' });
  await admin.refreshCsrf();
  await admin.post('/api/staff/users', { username: 'bailiff1', displayName: '黃法警', password: 'staff-password', roles: ['bailiff'] });
  const bailiff = httpClient(t.url, { kiosk: t.kioskToken });
  await bailiff.post('/api/staff/login', { username: 'bailiff1', password: 'staff-password' });
  await bailiff.refreshCsrf();
  return bailiff;
}

describe('a site with its own detainee stages', () => {
  const tmp = tempDir();
  let t: TestLobby;
  let bailiff: Awaited<ReturnType<typeof bailiffOf>>;

  beforeAll(async () => {
    t = await startTestLobby({
      sitePath: sampleSiteWith(tmp.dir, { detainees: { ...PRISON_STEPS, retentionDays: 7 } }),
      clock: manualClock('2026-11-26T10:00:00+08:00'),
    });
    bailiff = await bailiffOf(t);
  });
  afterAll(async () => {
    await t.stop();
    tmp.cleanup();
  });

  it('sends its stages and outcomes with the list, and the staff screen offers those', async () => {
    const created = await bailiff.post<{ detainee: { id: number; stage: string } }>('/api/staff/detainees', { name: '王小明', broughtAt: '08:15', agency: '臺東縣警察局臺東分局' });
    expect(created.status).toBe(201);
    expect(created.body.detainee.stage).toBe('intake');

    const res = await bailiff.get<StaffDetainees>('/api/staff/detainees');
    expect(res.status).toBe(200);
    const list = staffDetaineesSchema.parse(res.body);
    expect(list.stages).toEqual(PRISON_STEPS.stages);
    expect(list.outcomes).toEqual(PRISON_STEPS.outcomes);
    expect(list.detainees.map((d) => d.stage)).toEqual(['intake']);
    // What the staff panel offers for this person, from what the server sent.
    expect(detaineeChoices('intake', list).options.map((o) => o.zh)).toEqual(['檢身', '健康檢查']);

    const id = created.body.detainee.id;
    expect((await bailiff.post(`/api/staff/detainees/${id}/stage`, { stage: 'health' })).status).toBe(200);
    const after = staffDetaineesSchema.parse((await bailiff.get('/api/staff/detainees')).body);
    expect(detaineeChoices(after.detainees[0]!.stage, after)).toEqual({ kind: 'outcomes', options: PRISON_STEPS.outcomes });
    // The default office's stages are not this site's.
    expect((await bailiff.post(`/api/staff/detainees/${id}/stage`, { stage: 'questioned' })).status).toBe(400);
  });
});

describe('the sample site', () => {
  let t: TestLobby;
  beforeAll(async () => {
    t = await startTestLobby();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('sends the configured stages, 解送到署 → 候訊 → 訊問中 → 訊畢, and its outcomes', async () => {
    const bailiff = await bailiffOf(t);
    const list = staffDetaineesSchema.parse((await bailiff.get('/api/staff/detainees')).body);
    expect(list.stages.map((s) => s.zh)).toEqual(['解送到署', '候訊', '訊問中', '訊畢']);
    expect(list.outcomes.map((o) => o.id)).toContain('bail');
  });

  it('sends nothing to a visitor who is not signed in', async () => {
    expect((await httpClient(t.url, { kiosk: t.kioskToken }).get('/api/staff/detainees')).status).toBe(401);
  });
});
