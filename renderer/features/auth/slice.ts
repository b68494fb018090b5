/** The staff console's session: who is signed in, first-run set-up, sign-in and sign-out. */
import type { StateCreator } from 'zustand';
import type { LoginRequest, MeResponse, SetupRequest } from '../../../core/contract';
import { errorMessage } from '../../client/call';
import type { AuthApi } from './api';

export interface AuthSlice {
  me: MeResponse | null;
  meError: string | null;
  authBusy: boolean;
  authError: string | null;
  refreshMe: () => Promise<void>;
  setup: (req: SetupRequest) => Promise<boolean>;
  login: (req: LoginRequest) => Promise<boolean>;
  logout: () => Promise<void>;
}

/** `forget`: drop the staff-only data the other slices hold (called on sign-out, before asking who is signed in). */
export function createAuthSlice(api: AuthApi, forget: () => void): StateCreator<AuthSlice, [], [], AuthSlice> {
  return (set, get) => {
    const run = async (fn: () => Promise<unknown>): Promise<boolean> => {
      if (get().authBusy) return false;
      set({ authBusy: true, authError: null });
      try {
        await fn();
        await get().refreshMe(); // new session → new CSRF token
        set({ authBusy: false });
        return true;
      } catch (err) {
        set({ authBusy: false, authError: errorMessage(err) });
        return false;
      }
    };
    return {
      me: null,
      meError: null,
      authBusy: false,
      authError: null,
      refreshMe: async () => {
        try {
          const me = await api.me();
          set({ me, meError: null });
        } catch (err) {
          set({ meError: errorMessage(err) });
          throw err;
        }
      },
      setup: (req) => run(() => api.setup(req)),
      login: (req) => run(() => api.login(req)),
      logout: async () => {
        try {
          await api.logout();
        } catch {
          /* the session may already be gone */
        }
        forget();
        await get()
          .refreshMe()
          .catch(() => undefined);
      },
    };
  };
}
