import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../../core/contract';
import { HEARING_LOOKUP_LIMITS } from '../../../core/http/routes/court';
import { manualClock } from '../../../core/store/clock';
import { httpClient, startTestLobby, type TestLobby } from '../../helpers/lobby';

const CASE = '113年度偵字第1234號';
const CODE = 'A1B2C3';
const lookupPath = `${ROUTES.lookupHearing.path}?c=${encodeURIComponent(CASE)}&v=${CODE}`;

let t: TestLobby;

beforeAll(async () => {
  t = await startTestLobby({ clock: manualClock('2026-11-26T10:00:00+08:00') });
  const admin = httpClient(t.url);
  await admin.post('/api/staff/setup', { setupCode: t.setupCode, username: 'admin', displayName: '系統管理員', password: 'a-long-password' });
  await admin.refreshCsrf();
  const created = await admin.post('/api/staff/hearings', {
    date: '2026-11-26',
    time: '10:30',
    courtroomId: 'r1',
    division: '信',
    prosecutor: '林美華',
    caseNumber: CASE,
    persons: [{ name: '王小明', role: 'defendant', code: CODE }],
  });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await t?.stop();
});

/** Status codes of `n` look-ups made by `get`, in order. */
async function statuses(n: number, get: () => Promise<{ status: number }>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await get()).status);
  return out;
}

describe('hearing look-up rate limits: per address for phones, per kiosk for kiosks', () => {
  it('a busy kiosk is not locked out by the address limit, and does not use up the phones\' budget', async () => {
    const { perAddress, perKiosk } = HEARING_LOOKUP_LIMITS;
    expect(perKiosk).toBeGreaterThan(perAddress);
    const kiosk = httpClient(t.url, { kiosk: t.kioskToken });
    const phone = httpClient(t.url); // same address (127.0.0.1), no credential

    // More look-ups than an address may make, all answered.
    const first = await statuses(perAddress + 5, () => kiosk.get(lookupPath));
    expect(new Set(first)).toEqual(new Set([200]));
    expect((await kiosk.get<{ caseNumber: string }>(lookupPath)).body).toMatchObject({ caseNumber: CASE });

    // The address budget is untouched by the kiosk: a phone still gets its full allowance, then 429.
    expect(await statuses(perAddress, () => phone.get(lookupPath))).toEqual(Array(perAddress).fill(200));
    const locked = await phone.get<{ message: string }>(lookupPath);
    expect(locked.status).toBe(429);
    expect(locked.body.message).toMatch(/查詢次數過多/);

    // A made-up credential is a phone like any other.
    expect((await httpClient(t.url, { kiosk: 'not-a-real-kiosk-credential' }).get(lookupPath)).status).toBe(429);

    // The kiosk goes on, with its credential in the header or as the provisioned browser's cookie (same kiosk, same budget).
    expect((await kiosk.get(lookupPath)).status).toBe(200);
    const byCookie = await fetch(t.url + lookupPath, { headers: { cookie: `${t.kioskCookie.name}=${t.kioskCookie.value}` } });
    expect(byCookie.status).toBe(200);
  });

  it('the kiosk budget is generous but bounded, and each kiosk has its own', async () => {
    const { perKiosk } = HEARING_LOOKUP_LIMITS;
    const kiosk = httpClient(t.url, { kiosk: t.kioskToken });
    // The first test used perAddress + 8 of this kiosk's look-ups; use up the rest.
    let answered = 0;
    let last = 200;
    while (last === 200 && answered <= perKiosk) {
      last = (await kiosk.get(lookupPath)).status;
      if (last === 200) answered++;
    }
    expect(last).toBe(429);
    expect(answered).toBe(perKiosk - (HEARING_LOOKUP_LIMITS.perAddress + 8));

    const other = httpClient(t.url, { kiosk: t.lobby.issueKioskCredential('second kiosk') });
    expect((await other.get(lookupPath)).status).toBe(200);
  });
});
