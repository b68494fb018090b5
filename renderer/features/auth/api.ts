/** Who is signed in (and the CSRF token of that session), first-run set-up, sign-in and sign-out. */
import { z } from 'zod';
import { API, meResponseSchema, type LoginRequest, type MeResponse, type SetupRequest } from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';

const anyBody = z.unknown();

export function createAuthApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = o.baseUrl ?? '';
  const post = (path: string, body: unknown) => request(fetchFn, base + path, anyBody, { method: 'POST', body, csrfToken: o.csrfToken?.() ?? null });
  return {
    me: (): Promise<MeResponse> => request(fetchFn, base + API.staffMe, meResponseSchema, { method: 'GET' }),
    setup: (req: SetupRequest): Promise<unknown> => post(API.staffSetup, req),
    login: (req: LoginRequest): Promise<unknown> => post(API.staffLogin, req),
    logout: (): Promise<unknown> => post(API.staffLogout, {}),
  };
}
export type AuthApi = ReturnType<typeof createAuthApi>;
