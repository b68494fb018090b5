import { describe, expect, it } from 'vitest';
import { ApiError, type FetchLike, type HttpOptions } from '../../renderer/client/http';
import { createAccountsApi } from '../../renderer/features/accounts/api';
import { createCounterApi } from '../../renderer/features/counter/api';
import { createSiteApi } from '../../renderer/features/site/api';
import { createTicketsApi } from '../../renderer/features/tickets/api';

const createApiClient = (o: HttpOptions) => ({ ...createSiteApi(o), ...createTicketsApi(o), ...createCounterApi(o), ...createAccountsApi(o) });

type Call = { url: string; init: RequestInit | undefined };

function fakeFetch(respond: (url: string, init?: RequestInit) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return respond(url, init);
  };
  return { fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

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

describe('api client', () => {
  it('posts JSON and validates the response', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, ticket));
    const api = createApiClient({ fetch });
    await expect(api.issueTicket('general')).resolves.toEqual(ticket);
    expect(calls[0]?.url).toBe('/api/tickets');
    expect(calls[0]?.init?.method).toBe('POST');
    expect((calls[0]?.init?.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(calls[0]?.init?.body).toBe(JSON.stringify({ serviceId: 'general' }));
  });

  it("throws the server's own message on 4xx", async () => {
    const { fetch } = fakeFetch(() => json(503, { error: 'unavailable', message: '印表機缺紙 Printer out of paper' }));
    const api = createApiClient({ fetch });
    const err = await api.issueTicket('general').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(503);
    expect((err as ApiError).code).toBe('unavailable');
    expect((err as ApiError).message).toBe('印表機缺紙 Printer out of paper');
  });

  it('copes with a non-JSON error body', async () => {
    const { fetch } = fakeFetch(() => new Response('Bad Gateway', { status: 502, statusText: 'Bad Gateway' }));
    const err = (await createApiClient({ fetch })
      .site()
      .catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(502);
    expect(err.message).toBe('Bad Gateway');
  });

  it('reports a network failure as status 0', async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const err = (await createApiClient({ fetch })
      .site()
      .catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(0);
    expect(err.code).toBe('network');
  });

  it('refuses a response that does not match the contract', async () => {
    const { fetch } = fakeFetch(() => json(201, { ...ticket, print: 'maybe' }));
    const err = (await createApiClient({ fetch })
      .issueTicket('general')
      .catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('bad_response');
  });

  it('sends the CSRF token on staff changes, read at call time', async () => {
    let token: string | null = null;
    const { fetch, calls } = fakeFetch(() =>
      json(200, {
        call: {
          id: 2,
          number: 'A002',
          serviceId: 'general',
          counterId: 'c1',
          counterNumber: 1,
          calledAt: '2026-11-26T14:06:00+08:00',
          recall: false,
          priority: false,
          announcement: { zh: '來賓 A002 號，請到 1 號櫃台', en: 'Number A002, please go to counter 1', clips: [] },
        },
      }),
    );
    const api = createApiClient({ fetch, csrfToken: () => token });
    token = 'tok-123';
    const res = await api.callNext('c1');
    expect(res.call?.number).toBe('A002');
    expect((calls[0]?.init?.headers as Record<string, string>)['x-csrf-token']).toBe('tok-123');
  });

  it('does not send a CSRF token on public requests', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, ticket));
    await createApiClient({ fetch, csrfToken: () => 'secret' }).issueTicket('general');
    expect((calls[0]?.init?.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
  });

  it('accepts the users list wrapped or bare', async () => {
    const user = { id: 1, username: 'admin', displayName: 'Admin', roles: ['admin'] };
    const wrapped = createApiClient({ fetch: fakeFetch(() => json(200, { users: [user] })).fetch });
    const bare = createApiClient({ fetch: fakeFetch(() => json(200, [user])).fetch });
    await expect(wrapped.users()).resolves.toEqual([user]);
    await expect(bare.users()).resolves.toEqual([user]);
  });
});
