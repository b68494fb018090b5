/** The simulator panel's store: the live `devices.sim` snapshot and the printer fault buttons. */
import { create, type StateCreator } from 'zustand';
import type { SimFault } from '../../core/contract';
import { ApiError, createApiClient, errorMessage, type ApiClient, type FetchLike } from './api';
import { createLiveSlice, type LiveSlice } from './slices';

export interface SimFaultSlice {
  /** The fault being sent now ('clear' for null). */
  faultBusy: SimFault | 'clear' | null;
  /**
   * Why the last fault could not be set: 'signin' (no admin session: sign in at
   * /staff), 'not-simulated' (the site has a real printer) or 'other'.
   */
  faultError: { kind: 'signin' | 'not-simulated' | 'other'; message: string } | null;
  /** Inject `fault` (null clears it) with the staff session and its CSRF token. */
  setFault: (fault: SimFault | null) => Promise<boolean>;
}

export type DevicesState = LiveSlice & SimFaultSlice;

export function createSimFaultSlice(
  api: Pick<ApiClient, 'me' | 'simPrinterFault'>,
  setCsrf: (token: string | null) => void,
): StateCreator<DevicesState, [], [], SimFaultSlice> {
  return (set, get) => ({
    faultBusy: null,
    faultError: null,
    setFault: async (fault) => {
      if (get().faultBusy) return false;
      set({ faultBusy: fault ?? 'clear', faultError: null });
      try {
        // the session lives in the /staff cookie; its CSRF token comes with /me
        const me = await api.me();
        if (!me.user || !me.user.roles.includes('admin')) {
          set({ faultBusy: null, faultError: { kind: 'signin', message: 'not signed in as an administrator' } });
          return false;
        }
        setCsrf(me.csrfToken);
        await api.simPrinterFault(fault);
        set({ faultBusy: null });
        return true;
      } catch (err) {
        const kind =
          err instanceof ApiError && (err.status === 401 || err.status === 403)
            ? 'signin'
            : err instanceof ApiError && err.status === 404
              ? 'not-simulated'
              : 'other';
        set({ faultBusy: null, faultError: { kind, message: errorMessage(err) } });
        return false;
      }
    },
  });
}

export function createDevicesStore(opts: { fetch?: FetchLike } = {}) {
  let csrf: string | null = null;
  const api = createApiClient({ fetch: opts.fetch, csrfToken: () => csrf });
  return create<DevicesState>()((...a) => ({
    ...createLiveSlice<DevicesState>()(...a),
    ...createSimFaultSlice(api, (t) => {
      csrf = t;
    })(...a),
  }));
}

export type DevicesStore = ReturnType<typeof createDevicesStore>;
