/**
 * The simulator panel's store: the live `devices.sim` snapshot, the site (its
 * counters are the keypads' and displays' addresses), the printer fault
 * buttons and the simulated caller keypads.
 */
import { create, type StateCreator } from 'zustand';
import type { SimFault, SimKeypadRequest } from '../../core/contract';
import { ApiError, createApiClient, errorMessage, type ApiClient, type FetchLike } from './api';
import { createLiveSlice, createSiteSlice, type LiveSlice, type SiteSlice } from './slices';

/** Why a simulator control did nothing: no admin session (sign in at /staff), no such simulated device, a bad entry, or else. */
export type SimErrorKind = 'signin' | 'not-simulated' | 'invalid' | 'other';

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

export type KeypadKey = SimKeypadRequest['key'];

export interface KeypadSlice {
  /** The key being sent now, by keypad address. */
  keyBusy: Readonly<Record<number, KeypadKey>>;
  /** Why the last key press on a keypad did nothing. */
  keyError: { address: number; kind: SimErrorKind; message: string } | null;
  /** Press `key` on the simulated keypad at `address`; CALL takes a ticket number (A012). */
  pressKey: (address: number, key: KeypadKey, arg?: string) => Promise<boolean>;
}

export type DevicesState = LiveSlice & SiteSlice & SimFaultSlice & KeypadSlice;

type AdminApi = Pick<ApiClient, 'me'>;

/** Make sure an admin is signed in (the /staff session cookie) and take its CSRF token. */
async function asAdmin(api: AdminApi, setCsrf: (token: string | null) => void): Promise<boolean> {
  const me = await api.me();
  if (!me.user || !me.user.roles.includes('admin')) return false;
  setCsrf(me.csrfToken);
  return true;
}

function errorKind(err: unknown): 'signin' | 'not-simulated' | 'other' {
  if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return 'signin';
  if (err instanceof ApiError && err.status === 404) return 'not-simulated';
  return 'other';
}

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
        if (!(await asAdmin(api, setCsrf))) {
          set({ faultBusy: null, faultError: { kind: 'signin', message: 'not signed in as an administrator' } });
          return false;
        }
        await api.simPrinterFault(fault);
        set({ faultBusy: null });
        return true;
      } catch (err) {
        set({ faultBusy: null, faultError: { kind: errorKind(err), message: errorMessage(err) } });
        return false;
      }
    },
  });
}

const TICKET_NUMBER = /^[A-Z][0-9]{3}$/;

export function createKeypadSlice(
  api: Pick<ApiClient, 'me' | 'simKeypadPress'>,
  setCsrf: (token: string | null) => void,
): StateCreator<DevicesState, [], [], KeypadSlice> {
  const setBusy = (busy: Readonly<Record<number, KeypadKey>>, address: number, key: KeypadKey | null) => {
    const next = { ...busy };
    if (key) next[address] = key;
    else delete next[address];
    return next;
  };
  return (set, get) => ({
    keyBusy: {},
    keyError: null,
    pressKey: async (address, key, arg) => {
      if (get().keyBusy[address]) return false;
      const number = key === 'CALL' ? (arg ?? '').trim().toUpperCase() : undefined;
      if (number !== undefined && !TICKET_NUMBER.test(number)) {
        set({ keyError: { address, kind: 'invalid', message: 'a ticket number looks like A012' } });
        return false;
      }
      set({ keyBusy: setBusy(get().keyBusy, address, key), keyError: null });
      const done = (error: KeypadSlice['keyError']) => set({ keyBusy: setBusy(get().keyBusy, address, null), keyError: error });
      try {
        if (!(await asAdmin(api, setCsrf))) {
          done({ address, kind: 'signin', message: 'not signed in as an administrator' });
          return false;
        }
        await api.simKeypadPress(number !== undefined ? { address, key, arg: number } : { address, key });
        done(null);
        return true;
      } catch (err) {
        done({ address, kind: errorKind(err), message: errorMessage(err) });
        return false;
      }
    },
  });
}

export function createDevicesStore(opts: { fetch?: FetchLike } = {}) {
  let csrf: string | null = null;
  const api = createApiClient({ fetch: opts.fetch, csrfToken: () => csrf });
  const setCsrf = (t: string | null) => {
    csrf = t;
  };
  return create<DevicesState>()((...a) => ({
    ...createLiveSlice<DevicesState>()(...a),
    ...createSiteSlice<DevicesState>(api)(...a),
    ...createSimFaultSlice(api, setCsrf)(...a),
    ...createKeypadSlice(api, setCsrf)(...a),
  }));
}

export type DevicesStore = ReturnType<typeof createDevicesStore>;
