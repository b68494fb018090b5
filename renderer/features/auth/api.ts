/** Who is signed in (and the CSRF token of that session), first-run set-up, sign-in and sign-out. */
import { ROUTES, type LoginRequest, type MeResponse, type SetupRequest } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createAuthApi(call: Call) {
  return {
    me: (): Promise<MeResponse> => call(ROUTES.me),
    setup: (req: SetupRequest) => call(ROUTES.setup, { body: req }),
    login: (req: LoginRequest) => call(ROUTES.login, { body: req }),
    logout: () => call(ROUTES.logout, { body: {} }),
  };
}
export type AuthApi = ReturnType<typeof createAuthApi>;
