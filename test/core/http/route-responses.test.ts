import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROUTES,
  pathOf,
  queryString,
  routeKey,
  type RatingPrompts,
  type RouteDef,
  type RouteInput,
  type RouteName,
  type RouteOutput,
  type Routes,
} from '../../../core/contract';
import { manualClock } from '../../../core/store/clock';
import { httpClient, startTestLobby, TEST_ADMIN, TEST_PUBLIC_BASE_URL, watchLive, type HttpClient, type Res, type TestLobby } from '../../helpers/lobby';

/**
 * Walks the route table against a running lobby: every route is called with valid input by a
 * caller its access lets through, answers with its entry's status, and its body is exactly
 * what the entry's response schema describes (it parses, and parsing drops nothing).
 */

let t: TestLobby;
let admin: HttpClient;
/** Signs in and out on its own, so the admin's session lives through the walk. */
let guest: HttpClient;

const TODAY = '2026-11-26';
const CASE = '115年度偵字第1234號';
const CODE = 'A1B2C3';

/** What earlier answers taught the later calls. */
const seen = {
  ticketNumber: '',
  ticketToken: '',
  userId: 0,
  spareKioskId: 0,
  tabletCode: '',
  tabletToken: '',
  promptId: '',
  marqueeId: 0,
  hearingId: 0,
  detaineeId: 0,
  lastStage: '',
  roster: null as RouteOutput<Routes['rosterDay']> | null,
};

type Who = 'anyone' | 'kiosk' | 'tablet' | 'admin' | 'guest';

interface Step<D extends RouteDef> {
  who: Who;
  input?: () => RouteInput<D>;
  /** Keeps what a later step needs from the answer. */
  then?: (body: RouteOutput<D>) => void | Promise<void>;
}

/** In walking order: each step may use what the ones before it created. */
const STEPS: { [K in RouteName]: Step<Routes[K]> } = {
  setup: {
    who: 'admin',
    input: () => ({ body: { setupCode: t.setupCode, ...TEST_ADMIN } }),
    then: () => admin.refreshCsrf(),
  },
  me: { who: 'admin' },
  site: { who: 'anyone' },
  health: { who: 'anyone' },
  guide: { who: 'anyone' },
  searchGuide: { who: 'anyone', input: () => ({ query: { q: '保證金' } }) },
  kioskStatus: { who: 'kiosk' },
  issueTicket: {
    who: 'kiosk',
    input: () => ({ body: { serviceId: 'consult' } }),
    then: (b) => {
      seen.ticketNumber = b.number;
      seen.ticketToken = new URL(b.phoneUrl!).pathname.split('/').pop()!;
    },
  },
  phoneTicket: { who: 'anyone', input: () => ({ params: { token: seen.ticketToken } }) },
  rateAtKiosk: { who: 'kiosk', input: () => ({ body: { serviceId: 'consult', score: 4, reasons: ['fast'] } }) },
  reprint: { who: 'admin', input: () => ({ body: { number: seen.ticketNumber } }) },
  callNext: { who: 'admin', input: () => ({ body: { counterId: 'c1' } }) },
  counterAction: { who: 'admin', input: () => ({ body: { action: 'finish', counterId: 'c1' } }) },

  createUser: {
    who: 'admin',
    input: () => ({ body: { username: 'clerk1', displayName: 'Clerk One', password: 'staff-password', roles: ['clerk'] } }),
    then: (b) => {
      seen.userId = b.user.id;
    },
  },
  listUsers: { who: 'admin' },
  updateUser: { who: 'admin', input: () => ({ params: { id: seen.userId }, body: { roles: ['clerk', 'bailiff'] } }) },
  unlockUser: { who: 'admin', input: () => ({ params: { id: seen.userId }, body: {} }) },
  login: { who: 'guest', input: () => ({ body: { username: 'clerk1', password: 'staff-password' } }) },
  logout: { who: 'guest', input: () => ({ body: {} }) },
  resetPassword: { who: 'admin', input: () => ({ params: { id: seen.userId }, body: { password: 'another-staff-password' } }) },
  changeOwnPassword: { who: 'admin', input: () => ({ body: { currentPassword: TEST_ADMIN.password, newPassword: 'a-newer-admin-password' } }) },

  listKiosks: {
    who: 'admin',
    then: (b) => {
      seen.spareKioskId = b.kiosks.find((k) => k.name === 'spare kiosk')!.id;
    },
  },
  revokeKiosk: { who: 'admin', input: () => ({ params: { id: seen.spareKioskId }, body: {} }) },
  provisionKiosk: {
    who: 'admin',
    input: () => ({ body: { purpose: 'rating:c1' } }),
    then: (b) => {
      seen.tabletCode = new URL(b.url).searchParams.get('code')!;
    },
  },
  kioskProvision: { who: 'anyone', input: () => ({ query: { code: seen.tabletCode, name: 'c1 tablet' } }) },
  rateCounter: { who: 'tablet', input: () => ({ body: { promptId: seen.promptId, score: 5, reasons: ['friendly'] } }) },
  listHours: { who: 'admin' },
  // Open all week, then back to the file's: the steps after still issue tickets at 10:00.
  setHours: { who: 'admin', input: () => ({ params: { serviceId: 'consult' }, body: { hours: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '23:59' }] } }) },
  resetHours: { who: 'admin', input: () => ({ params: { serviceId: 'consult' } }) },

  simPrinterFault: { who: 'admin', input: () => ({ body: { fault: null } }) },
  simKeypadPress: { who: 'admin', input: () => ({ body: { address: 1, key: 'RECALL' } }) },
  simSign: { who: 'admin', input: () => ({ body: { id: 'lobby-led', offline: false } }) },
  simScan: { who: 'admin', input: () => ({ body: { text: 'not a summons' } }) },
  forgetScreen: { who: 'admin', input: () => ({ body: { id: 'screen:calls /calls/retired @10.0.0.9' } }) },

  stats: { who: 'admin', input: () => ({ query: { from: TODAY, to: TODAY } }) },
  statsCsv: { who: 'admin', input: () => ({ query: { from: TODAY, to: TODAY } }) },

  createMarquee: {
    who: 'admin',
    input: () => ({
      body: {
        zh: '本署今日照常上班',
        en: 'Open as usual today',
        category: 'news',
        priority: 3,
        startsAt: null,
        endsAt: null,
        days: [],
        hoursFrom: null,
        hoursTo: null,
        targets: ['screen:calls', 'sign:lobby-led'],
      },
    }),
    then: (b) => {
      seen.marqueeId = b.message.id;
    },
  },
  listMarquee: { who: 'admin' },
  updateMarquee: {
    who: 'admin',
    input: () => ({
      params: { id: seen.marqueeId },
      body: {
        zh: '本署今日照常上班',
        en: 'Open as usual',
        category: 'service',
        priority: 4,
        startsAt: null,
        endsAt: null,
        days: [1, 2, 3, 4, 5],
        hoursFrom: '08:00',
        hoursTo: '17:00',
        targets: ['screen:calls'],
      },
    }),
  },
  signPreview: { who: 'admin', input: () => ({ query: { zh: '開庭通知', en: 'Court notice' } }) },
  deleteMarquee: { who: 'admin', input: () => ({ params: { id: seen.marqueeId } }) },
  raiseEmergency: { who: 'admin', input: () => ({ body: { kind: 'notice', zh: '請依指示疏散', en: 'Please follow the staff', endsAt: null } }) },
  emergencyState: { who: 'admin' },
  clearEmergency: { who: 'admin', input: () => ({ body: {} }) },

  createHearing: {
    who: 'admin',
    input: () => ({
      body: {
        date: TODAY,
        time: '14:00',
        courtroomId: 'r1',
        caseNumber: CASE,
        division: '信',
        prosecutor: '林檢察官',
        persons: [{ name: '王小明', role: 'defendant', code: CODE }],
      },
    }),
    then: (b) => {
      seen.hearingId = b.hearing.id;
    },
  },
  importHearings: {
    who: 'admin',
    input: () => ({
      body: {
        format: 'json',
        contentBase64: Buffer.from(
          JSON.stringify([{ date: TODAY, time: '15:00', courtroomId: 'r2', caseNumber: '115年度偵字第99號', division: '忠', prosecutor: '陳檢察官', persons: [] }]),
        ).toString('base64'),
      },
    }),
  },
  listHearings: { who: 'admin', input: () => ({ query: { date: TODAY } }) },
  lookupHearing: { who: 'anyone', input: () => ({ query: { c: CASE, v: CODE } }) },
  moveHearing: { who: 'admin', input: () => ({ params: { id: seen.hearingId }, body: { to: 'checked_in' } }) },
  updateHearing: {
    who: 'admin',
    input: () => ({
      params: { id: seen.hearingId },
      body: { date: TODAY, time: '14:30', courtroomId: '第一偵查庭', caseNumber: CASE, division: '信', prosecutor: '林檢察官', persons: [{ name: '王小明', role: 'defendant', code: CODE }] },
    }),
  },
  deleteHearing: { who: 'admin', input: () => ({ params: { id: seen.hearingId } }) },

  recordDetainee: {
    who: 'admin',
    input: () => ({ body: { name: '陳大文', broughtAt: '09:30', agency: '臺東縣警察局臺東分局', offence: '竊盜' } }),
    then: (b) => {
      seen.detaineeId = b.detainee.id;
    },
  },
  listDetainees: {
    who: 'admin',
    input: () => ({ query: {} }),
    then: (b) => {
      seen.lastStage = b.stages.at(-1)!.id;
    },
  },
  setDetaineeStage: { who: 'admin', input: () => ({ params: { id: seen.detaineeId }, body: { stage: seen.lastStage } }) },
  updateDetainee: { who: 'admin', input: () => ({ params: { id: seen.detaineeId }, body: { name: '陳大同', broughtAt: '09:35', agency: '臺東縣警察局臺東分局' } }) },
  deleteDetainee: { who: 'admin', input: () => ({ params: { id: seen.detaineeId } }) },
  rosterDay: {
    who: 'admin',
    input: () => ({ query: { date: TODAY } }),
    then: (b) => {
      seen.roster = b;
    },
  },
  saveRosterDay: {
    who: 'admin',
    input: () => ({ params: { date: TODAY }, body: { entries: [{ shiftId: seen.roster!.shifts[0]!.id, roleId: seen.roster!.roles[0]!.id, name: '張三豐' }] } }),
  },

  staffGuide: { who: 'admin' },
  saveGuideSection: { who: 'admin', input: () => ({ params: { section: 'faq' }, body: { reset: true } }) },
  listAudit: { who: 'admin', input: () => ({ query: { action: 'user.', page: 1, pageSize: 20 } }) },
  checklist: { who: 'admin' },
};

beforeAll(async () => {
  // 10:00 on a weekday in Taipei: the services are open, so the kiosk issues tickets.
  t = await startTestLobby({ clock: manualClock(`${TODAY}T10:00:00+08:00`), siteWith: { publicBaseUrl: TEST_PUBLIC_BASE_URL } });
  admin = httpClient(t.url);
  guest = httpClient(t.url);
  t.lobby.issueKioskCredential('spare kiosk');
});
afterAll(async () => {
  await t?.stop();
});

function clientFor(who: Who): HttpClient {
  if (who === 'admin') return admin;
  if (who === 'guest') return guest;
  if (who === 'kiosk') return httpClient(t.url, { kiosk: t.kioskToken });
  if (who === 'tablet') return httpClient(t.url, { kiosk: seen.tabletToken });
  return httpClient(t.url);
}

interface Input {
  params?: Record<string, string | number>;
  query?: Record<string, unknown>;
  body?: unknown;
}

async function call(def: RouteDef, who: Who, input: Input): Promise<Res> {
  const path = pathOf(def, input.params) + queryString(input.query);
  if (def.reply === 'redirect') {
    // A page a browser opens: its answer is the redirect itself, not the page it leads to.
    const res = await fetch(t.url + path, { redirect: 'manual' });
    return { status: res.status, body: await res.text(), headers: res.headers };
  }
  const client = clientFor(who);
  if (def.method === 'GET') return client.get(path);
  if (def.method === 'DELETE') return client.del(path);
  if (def.method === 'PUT') return client.put(path, input.body ?? {});
  return client.post(path, input.body ?? {});
}

/** c1's open prompt, as c1's rating tablet sees it on the live socket. */
async function promptOfC1(): Promise<string> {
  const live = await watchLive(t, ['rating.prompts'], { cookie: `lobby_kiosk=${seen.tabletToken}` });
  try {
    const deadline = Date.now() + 5000;
    for (;;) {
      const snap = live.get<RatingPrompts>('rating.prompts');
      const id = snap?.counters.find((c) => c.counterId === 'c1')?.prompt?.id;
      if (id) return id;
      if (Date.now() > deadline) throw new Error('no rating prompt for c1');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    live.close();
  }
}

describe('every route answers what its entry says', () => {
  it('the walk covers every entry of the table once', () => {
    expect(Object.keys(STEPS).sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.keys(STEPS) as RouteName[])('%s', async (name) => {
    const def: RouteDef = ROUTES[name];
    const step = STEPS[name] as unknown as Step<RouteDef>;
    if (name === 'rateCounter') seen.promptId = await promptOfC1();
    const res = await call(def, step.who, (step.input?.() ?? {}) as Input);
    const what = `${routeKey(def)}: ${typeof res.body === 'string' ? res.body.slice(0, 300) : JSON.stringify(res.body).slice(0, 300)}`;
    if (def.reply === 'redirect') {
      expect(res.status, what).toBe(303);
      seen.tabletToken = /lobby_kiosk=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
      return;
    }
    expect(res.status, what).toBe(def.status ?? 200);
    if (def.reply === 'text') {
      expect(res.headers.get('content-type')).toBe(def.contentType);
      expect(typeof res.body).toBe('string');
    } else {
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
    const parsed = def.response.safeParse(res.body);
    expect(parsed.success, `${what}\n${parsed.error?.message ?? ''}`).toBe(true);
    // Nothing the schema does not name: what reaches a screen is exactly the contract.
    expect(parsed.data, what).toEqual(res.body);
    await step.then?.(parsed.data as never);
  });
});

describe('the server and the table', () => {
  it('serve the same routes: each entry registered once, and no other /api route', () => {
    const served = t.lobby.app.lobbyRoutes.filter((r) => r.url.startsWith('/api/') || r.url === ROUTES.kioskProvision.path).map((r) => `${r.method} ${r.url}`);
    expect(served.sort()).toEqual(Object.values(ROUTES).map(routeKey).sort());
  });
});
