/**
 * The one HTTP client: `call(ROUTES.x, input)` fills the path and the query
 * from the route's entry, sends the CSRF token with every change and the kiosk
 * credential where the entry is a kiosk's, checks the answer with the entry's
 * response schema and throws the server's own words.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { KIOSK_CREDENTIAL_HEADER, ROUTES, type Hearing, type PublicSite } from '../../core/contract';
import { ApiError, createCaller, errorMessage, type FetchLike } from '../../renderer/client/call';

type Sent = { url: string; init: RequestInit | undefined };

function fakeFetch(respond: (url: string, init?: RequestInit) => Response | Promise<Response>) {
  const calls: Sent[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return respond(url, init);
  };
  return { fetch, calls };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const headersOf = (c: Sent | undefined) => (c?.init?.headers ?? {}) as Record<string, string>;

const ticket = {
  number: 'A001',
  serviceId: 'general',
  serviceName: { zh: '綜合服務', en: 'General services' },
  waitingAhead: 2,
  priority: false,
  estimatedWaitMinutes: null,
  issuedAt: '2026-11-26T14:05:00+08:00',
  phoneUrl: 'http://lobby.local/phone/t/abcdefghijkl',
  print: 'printed',
};

const call1 = {
  id: 2,
  number: 'A002',
  serviceId: 'general',
  counterId: 'c1',
  counterNumber: 1,
  calledAt: '2026-11-26T14:06:00+08:00',
  recall: false,
  priority: false,
  announcement: { zh: '來賓 A002 號，請到 1 號櫃台', en: 'Number A002, please go to counter 1', clips: [] },
};

describe('call(route, input)', () => {
  it('posts JSON to the entry’s path and answers what its response schema parses', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, ticket));
    const call = createCaller({ fetch });
    await expect(call(ROUTES.issueTicket, { body: { serviceId: 'general' } })).resolves.toEqual(ticket);
    expect(calls[0]?.url).toBe('/api/tickets');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(headersOf(calls[0])['content-type']).toBe('application/json');
    expect(calls[0]?.init?.body).toBe(JSON.stringify({ serviceId: 'general' }));
  });

  it('fills the path’s parameters (encoded) and the query, skipping absent values, after the base URL', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { date: '2026-11-26', entries: [], shifts: [], roles: [] }));
    const call = createCaller({ fetch, baseUrl: 'http://lobby:8080' });
    await call(ROUTES.rosterDay, { query: { date: '2026-11-26' } });
    await call(ROUTES.phoneTicket, { params: { token: 'ab/cd efghij' } }).catch(() => undefined);
    await call(ROUTES.signPreview, { query: { zh: '公告 & ?', en: undefined } }).catch(() => undefined);
    expect(calls.map((c) => c.url)).toEqual([
      'http://lobby:8080/api/staff/roster?date=2026-11-26',
      'http://lobby:8080/api/phone/t/ab%2Fcd%20efghij',
      `http://lobby:8080/api/staff/marquee/sign-preview?zh=${encodeURIComponent('公告 & ?').replace(/%20/g, '+')}`,
    ]);
  });

  it('a DELETE carries no body and no content type', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { ok: true }));
    await createCaller({ fetch, csrfToken: () => 't' })(ROUTES.deleteMarquee, { params: { id: 7 } });
    expect(calls[0]).toMatchObject({ url: '/api/staff/marquee/7', init: { method: 'DELETE', body: undefined } });
    expect(Object.keys(headersOf(calls[0])).map((h) => h.toLowerCase())).not.toContain('content-type');
  });

  it("throws the server's own message on 4xx, with its code and per-row details", async () => {
    const { fetch } = fakeFetch(() => json(400, { error: 'invalid', message: '2 of 3 rows are not valid', details: [{ row: 3, message: 'caseNumber' }] }));
    const err = (await createCaller({ fetch })(ROUTES.importHearings, { body: { format: 'csv', contentBase64: '' } }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect([err.status, err.code, err.message]).toEqual([400, 'invalid', '2 of 3 rows are not valid']);
    expect(err.details).toEqual([{ row: 3, message: 'caseNumber' }]);
    const { fetch: paperOut } = fakeFetch(() => json(503, { error: 'unavailable', message: '印表機缺紙 Printer out of paper' }));
    const e2 = (await createCaller({ fetch: paperOut })(ROUTES.issueTicket, { body: { serviceId: 'general' } }).catch((e: unknown) => e)) as ApiError;
    expect([e2.status, e2.code, errorMessage(e2)]).toEqual([503, 'unavailable', '印表機缺紙 Printer out of paper']);
  });

  it('copes with a non-JSON error body', async () => {
    const { fetch } = fakeFetch(() => new Response('Bad Gateway', { status: 502, statusText: 'Bad Gateway' }));
    const err = (await createCaller({ fetch })(ROUTES.site).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect([err.status, err.code, err.message]).toEqual([502, 'http_502', 'Bad Gateway']);
  });

  it('reports a network failure as status 0, in both languages', async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const err = (await createCaller({ fetch })(ROUTES.site).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect([err.status, err.code, err.message]).toEqual([0, 'network', '無法連線至伺服器 Cannot reach the server']);
  });

  it('refuses an answer its entry’s schema does not parse', async () => {
    const { fetch } = fakeFetch(() => json(201, { ...ticket, print: 'maybe' }));
    const err = (await createCaller({ fetch })(ROUTES.issueTicket, { body: { serviceId: 'general' } }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('bad_response');
    expect(err.message).toBe('伺服器回應格式不符 Unexpected response from the server (/api/tickets)');
  });

  it('takes the users list in the contract’s one shape only', async () => {
    const user = { id: 1, username: 'admin', displayName: 'Admin', roles: ['admin'] };
    const wrapped = createCaller({ fetch: fakeFetch(() => json(200, { users: [user] })).fetch });
    const bare = createCaller({ fetch: fakeFetch(() => json(200, [user])).fetch });
    await expect(wrapped(ROUTES.listUsers)).resolves.toEqual({ users: [user] });
    await expect(bare(ROUTES.listUsers)).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('sends the CSRF token, read at call time, with every change and never with a read', async () => {
    let token: string | null = null;
    const { fetch, calls } = fakeFetch((url) => (url.endsWith('/call-next') ? json(200, { call: call1 }) : json(200, { user: null, needsSetup: false, csrfToken: null })));
    const call = createCaller({ fetch, csrfToken: () => token });
    token = 'tok-123';
    const res = await call(ROUTES.callNext, { body: { counterId: 'c1' } });
    expect(res.call?.number).toBe('A002');
    await call(ROUTES.me);
    expect(headersOf(calls[0])['x-csrf-token']).toBe('tok-123');
    expect(headersOf(calls[1])['x-csrf-token']).toBeUndefined();
  });

  it('sends the kiosk credential to a kiosk’s routes and to a public one asked to, not elsewhere', async () => {
    const { fetch, calls } = fakeFetch((url) => (url === '/api/tickets' ? json(201, ticket) : json(404, { error: 'not_found', message: 'no' })));
    const call = createCaller({ fetch, kioskCredential: async () => 'k-123' });
    await call(ROUTES.issueTicket, { body: { serviceId: 'general' } });
    await call(ROUTES.lookupHearing, { query: { c: '115年度偵字第1號', v: 'ABC123' } }, { asKiosk: true }).catch(() => undefined);
    await call(ROUTES.lookupHearing, { query: { c: '115年度偵字第1號', v: 'ABC123' } }).catch(() => undefined);
    await call(ROUTES.site).catch(() => undefined);
    expect(calls.map((c) => headersOf(c)[KIOSK_CREDENTIAL_HEADER])).toEqual(['k-123', 'k-123', undefined, undefined]);
    // A phone's caller has no credential to send.
    const phone = fakeFetch(() => json(201, ticket));
    await createCaller({ fetch: phone.fetch })(ROUTES.issueTicket, { body: { serviceId: 'general' } });
    expect(headersOf(phone.calls[0])).not.toHaveProperty(KIOSK_CREDENTIAL_HEADER);
  });

  it('types the answer from the route table', () => {
    const call = createCaller({ fetch: async () => json(200, {}) });
    expectTypeOf(() => call(ROUTES.site)).returns.resolves.toEqualTypeOf<PublicSite>();
    expectTypeOf(() => call(ROUTES.moveHearing, { params: { id: 1 }, body: { to: 'finished' } })).returns.resolves.toEqualTypeOf<{ hearing: Hearing }>();
    // @ts-expect-error a route whose body is required cannot be called without it
    expectTypeOf(() => call(ROUTES.moveHearing, { params: { id: 1 } })).returns.toBeObject();
  });
});
