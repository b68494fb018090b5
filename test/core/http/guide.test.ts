import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf, ROUTES, type GuideResponse, type GuideSearchResponse } from '../../../core/contract';
import { httpClient, startTestLobby, type TestLobby } from '../../helpers/lobby';

let t: TestLobby;
let admin: ReturnType<typeof httpClient>;
let desk: ReturnType<typeof httpClient>;
let counter: ReturnType<typeof httpClient>;
let anon: ReturnType<typeof httpClient>;

async function as(username: string, roles: string[]) {
  await admin.post(ROUTES.createUser.path, { username, displayName: username, password: 'staff-password', roles });
  const c = httpClient(t.url);
  await c.post(ROUTES.login.path, { username, password: 'staff-password' });
  await c.refreshCsrf();
  return c;
}

beforeAll(async () => {
  t = await startTestLobby();
  admin = httpClient(t.url);
  await admin.post(ROUTES.setup.path, { setupCode: t.setupCode, username: 'chen', displayName: '陳主任', password: 'a-long-password' });
  await admin.refreshCsrf();
  desk = await as('desk1', ['desk']);
  counter = await as('counter1', ['counter']);
  anon = httpClient(t.url);
});
afterAll(async () => {
  await t.stop();
});

const search = (q: string) => anon.get<GuideSearchResponse & { error?: string; message?: string }>(`${ROUTES.searchGuide.path}?q=${encodeURIComponent(q)}`);

describe('guide API', () => {
  it('GET /api/guide is public: the whole content with a way to every office', async () => {
    const res = await anon.get<GuideResponse>(ROUTES.guide.path);
    expect(res.status).toBe(200);
    expect(res.body.content.offices.offices.some((o) => o.id === 'service-center')).toBe(true);
    expect(res.body.content.faq.length).toBeGreaterThanOrEqual(8);
    expect(res.body.routes['service-center']!.legs[0]!.floor).toBe('1f');
    expect(res.body.edited).toEqual([]);
  });

  it('search works in Chinese and English and is validated', async () => {
    const zh = await search('保證金');
    expect(zh.status).toBe(200);
    expect(zh.body.results[0]!.id).toMatch(/^bail-/);
    const en = await search('Bail');
    expect(en.body.results[0]!.id).toMatch(/^bail-/);
    expect((await search('ＢＡＩＬ')).body.results[0]!.id).toMatch(/^bail-/); // full-width letters fold
  });

  it('hostile or malformed searches get a 4xx, never a 500', async () => {
    expect((await search('x'.repeat(101))).status).toBe(400);
    expect((await search('')).status).toBe(400);
    expect((await search('   ')).status).toBe(400);
    expect((await anon.get(ROUTES.searchGuide.path)).status).toBe(400);
    expect((await anon.get(`${ROUTES.searchGuide.path}?q=a&q=b`)).status).toBe(400);
    expect((await anon.get(`${ROUTES.searchGuide.path}?q=a&extra=1`)).status).toBe(400);
    expect((await anon.get(`${ROUTES.searchGuide.path}?q[$ne]=1`)).status).toBe(400);
    const odd = await search("'; DROP TABLE guide_overrides; -- <script>");
    expect(odd.status).toBe(200);
    expect(odd.body.results).toEqual([]);
    expect((await search('\u0000\u0001')).status).toBe(400);
  });

  it('only desk staff and admins edit a section; every change is validated and audited', async () => {
    const current = (await anon.get<GuideResponse>(ROUTES.guide.path)).body.content;
    const faq = [...current.faq, { id: 'wifi', q: { zh: '有免費無線網路嗎？', en: 'Is there free Wi-Fi?' }, a: { zh: '有，請洽服務台。', en: 'Yes, ask at the desk.' } }];
    expect((await anon.put(pathOf(ROUTES.saveGuideSection, { section: 'faq' }), { value: faq })).status).toBe(401);
    expect((await counter.put(pathOf(ROUTES.saveGuideSection, { section: 'faq' }), { value: faq })).status).toBe(403);
    const ok = await desk.put<GuideResponse>(pathOf(ROUTES.saveGuideSection, { section: 'faq' }), { value: faq });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.edited.map((e) => e.by)).toEqual(['desk1']);
    expect((await search('無線網路')).body.results[0]!.id).toBe('wifi');

    const bad = await desk.put<{ error: string; message: string }>(pathOf(ROUTES.saveGuideSection, { section: 'faq' }), { value: [{ id: 'x', q: { zh: '問' }, a: { zh: '答', en: 'A' } }] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/faq\.0\.q\.en/);
    expect((await desk.put(pathOf(ROUTES.saveGuideSection, { section: 'secrets' }), { value: [] })).status).toBe(400);
    expect((await desk.put(pathOf(ROUTES.saveGuideSection, { section: 'faq' }), {})).status).toBe(400);
    expect((await desk.put(pathOf(ROUTES.saveGuideSection, { section: 'faq' }), { value: faq, more: 1 })).status).toBe(400);
    const broken = await desk.put<{ message: string }>(pathOf(ROUTES.saveGuideSection, { section: 'offices' }), { value: { ...current.offices, offices: current.offices.offices.filter((o) => o.id !== 'service-center') } });
    expect(broken.status).toBe(400);
    expect(broken.body.message).toMatch(/no office service-center/);

    const reset = await admin.put<GuideResponse>(pathOf(ROUTES.saveGuideSection, { section: 'faq' }), { reset: true });
    expect(reset.status).toBe(200);
    expect(reset.body.content.faq).toEqual(current.faq);

    const audit = await admin.get<{ action: string; actor: string }[] | { entries: { action: string; actor: string }[] }>(ROUTES.listAudit.path);
    const rows = Array.isArray(audit.body) ? audit.body : audit.body.entries;
    const mine = rows.filter((a) => a.action.startsWith('guide.'));
    expect(mine.map((a) => [a.action, a.actor])).toEqual([
      ['guide.section.reset', 'chen'],
      ['guide.section.update', 'desk1'],
    ]);
  });

  it('a staff change without the CSRF token is refused', async () => {
    desk.dropCsrf();
    expect((await desk.put(pathOf(ROUTES.saveGuideSection, { section: 'faq' }), { reset: true })).status).toBe(403);
    await desk.refreshCsrf();
  });
});
