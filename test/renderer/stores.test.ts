import { describe, expect, it } from 'vitest';
import type { Call, IssuedTicket } from '../../core/contract';
import { createKioskStore, type KioskApi } from '../../renderer/apps/kiosk/store';
import { ApiError } from '../../renderer/client/call';
import { currentCallFor } from '../../renderer/features/counter/current';
import { issuedTicket } from '../helpers/fixtures';
import { deferred } from '../helpers/deferred';

const ticket = issuedTicket({ serviceId: 'general', serviceName: { zh: '綜合服務', en: 'General services' }, issuedAt: '2026-11-26T14:05:00+08:00' });

describe('kiosk store', () => {
  it('issues one ticket for a double tap', async () => {
    const d = deferred<IssuedTicket>();
    let calls = 0;
    const api = { issueTicket: () => (calls++, d.promise) } as unknown as KioskApi;
    const store = createKioskStore(api);
    const first = store.getState().issue('general');
    const second = store.getState().issue('general');
    expect(store.getState().phase).toBe('issuing');
    d.resolve(ticket);
    await Promise.all([first, second]);
    expect(calls).toBe(1);
    expect(store.getState().phase).toBe('result');
    expect(store.getState().ticket?.number).toBe('A001');
    // a tap on a service while the result shows does nothing either
    await store.getState().issue('general');
    expect(calls).toBe(1);
    store.getState().backHome();
    expect(store.getState().phase).toBe('home');
  });

  it("shows the server's message when issuing fails", async () => {
    const api = {
      issueTicket: () => Promise.reject(new ApiError(503, 'unavailable', 'Printer out of paper')),
    } as unknown as KioskApi;
    const store = createKioskStore(api);
    await store.getState().issue('general');
    expect(store.getState().phase).toBe('error');
    expect(store.getState().issueError).toBe('Printer out of paper');
  });
});

describe('currentCallFor', () => {
  let id = 0;
  const call = (number: string, counterId: string, at: string): Call => ({
    id: ++id,
    number,
    serviceId: 'general',
    counterId,
    counterNumber: 1,
    calledAt: at,
    recall: false,
    priority: false,
    announcement: { zh: `來賓 ${number} 號`, en: `Number ${number}`, clips: [] },
  });
  it('takes the newer of our own call and the board', () => {
    const mine = call('A003', 'c1', '2026-11-26T10:00:00+08:00');
    const recent = [call('A002', 'c1', '2026-11-26T09:00:00+08:00'), call('A004', 'c2', '2026-11-26T11:00:00+08:00')];
    expect(currentCallFor('c1', mine, recent)?.number).toBe('A003');
    expect(currentCallFor('c1', null, recent)?.number).toBe('A002');
    expect(currentCallFor('c2', mine, recent)?.number).toBe('A004');
    expect(currentCallFor(null, mine, recent)).toBeNull();
  });
});

describe('staff store', () => {
  it('signs in, picks up the new CSRF token and sends it with call-next', async () => {
    const { createStaffStore } = await import('../../renderer/apps/staff/store');
    let signedIn = false;
    const seen: { url: string; csrf: string | undefined }[] = [];
    const fetch = async (url: string, init?: RequestInit) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      seen.push({ url, csrf: headers['x-csrf-token'] });
      const body = (b: unknown, status = 200) => new Response(JSON.stringify(b), { status });
      if (url === '/api/staff/me')
        return body({
          user: signedIn ? { id: 1, username: 'clerk1', displayName: '陳○華', roles: ['counter'] } : null,
          needsSetup: false,
          csrfToken: signedIn ? 'csrf-after-login' : null,
        });
      if (url === '/api/staff/login') {
        signedIn = true;
        return body({ user: { id: 1, username: 'clerk1', displayName: '陳○華', roles: ['counter'] } });
      }
      if (url === '/api/staff/counter/call-next') return body({ call: null });
      return body({ error: 'not_found', message: 'no' }, 404);
    };
    const store = createStaffStore({ fetch });
    await store.getState().refreshMe();
    expect(store.getState().me?.user).toBeNull();
    expect(await store.getState().login({ username: 'clerk1', password: 'secret-password' })).toBe(true);
    expect(store.getState().me?.csrfToken).toBe('csrf-after-login');
    store.getState().setCounter('c1');
    await store.getState().callNext();
    expect(seen.at(-1)).toEqual({ url: '/api/staff/counter/call-next', csrf: 'csrf-after-login' });
    expect(store.getState().queueEmpty).toBe(true);
  });

  it('shows the server message inline when sign-in fails', async () => {
    const { createStaffStore } = await import('../../renderer/apps/staff/store');
    const fetch = async () =>
      new Response(JSON.stringify({ error: 'unauthorized', message: 'Wrong username or password.' }), { status: 401 });
    const store = createStaffStore({ fetch });
    expect(await store.getState().login({ username: 'x', password: 'y' })).toBe(false);
    expect(store.getState().authError).toBe('Wrong username or password.');
  });
});
