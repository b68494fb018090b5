/**
 * The simulator panel's controls: the printer fault buttons, the simulated
 * caller keypads and the LED signs' offline switch. Each acts as the admin
 * signed in at /staff in this browser: the session cookie, and the CSRF token
 * read from /me just before.
 */
import type { StateCreator } from 'zustand';
import { ROUTES, rolesPass, type Access, type SimFault, type SimKeypadRequest } from '../../../core/contract';
import { ApiError, errorMessage } from '../../client/call';
import type { AuthApi } from '../auth/api';
import type { SimApi } from './api';

/** Why a simulator control did nothing: no admin session (sign in at /staff), no such simulated device, a bad entry, or else. */
export type SimErrorKind = 'signin' | 'not-simulated' | 'invalid' | 'other';
export type SignControlError = { kind: 'signin' | 'not-simulated' | 'other'; message: string };

export interface SimFaultSlice {
  /** The fault being sent now ('clear' for null). */
  faultBusy: SimFault | 'clear' | null;
  /**
   * Why the last fault could not be set: 'signin' (no admin session: sign in at
   * /staff), 'not-simulated' (the site has a real printer) or 'other'.
   */
  faultError: SignControlError | null;
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

export interface SimSignSlice {
  /** Take a simulated sign offline (or back); resolves with why it did nothing, or null. */
  setSignOffline: (id: string, offline: boolean) => Promise<SignControlError | null>;
}

/** The simulator's HTTP calls and where the CSRF token of the admin session is kept between them. */
export interface SimDeps {
  api: Pick<AuthApi, 'me'> & SimApi;
  setCsrf: (token: string | null) => void;
}

const NOT_ADMIN = 'not signed in as an administrator';

/** Make sure someone the control's route lets through is signed in (the /staff session cookie) and take its CSRF token. */
async function signedInFor(access: Access, { api, setCsrf }: SimDeps): Promise<boolean> {
  const me = await api.me();
  if (!me.user || !rolesPass(access, me.user.roles)) return false;
  setCsrf(me.csrfToken);
  return true;
}

function errorKind(err: unknown): 'signin' | 'not-simulated' | 'other' {
  if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return 'signin';
  if (err instanceof ApiError && err.status === 404) return 'not-simulated';
  return 'other';
}

export function createSimFaultSlice(deps: SimDeps): StateCreator<SimFaultSlice, [], [], SimFaultSlice> {
  return (set, get) => ({
    faultBusy: null,
    faultError: null,
    setFault: async (fault) => {
      if (get().faultBusy) return false;
      set({ faultBusy: fault ?? 'clear', faultError: null });
      try {
        if (!(await signedInFor(ROUTES.simPrinterFault.access, deps))) {
          set({ faultBusy: null, faultError: { kind: 'signin', message: NOT_ADMIN } });
          return false;
        }
        await deps.api.simPrinterFault(fault);
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

export function createKeypadSlice(deps: SimDeps): StateCreator<KeypadSlice, [], [], KeypadSlice> {
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
        if (!(await signedInFor(ROUTES.simKeypadPress.access, deps))) {
          done({ address, kind: 'signin', message: NOT_ADMIN });
          return false;
        }
        await deps.api.simKeypadPress(number !== undefined ? { address, key, arg: number } : { address, key });
        done(null);
        return true;
      } catch (err) {
        done({ address, kind: errorKind(err), message: errorMessage(err) });
        return false;
      }
    },
  });
}

export function createSimSignSlice(deps: SimDeps): StateCreator<SimSignSlice, [], [], SimSignSlice> {
  return () => ({
    setSignOffline: async (id, offline) => {
      try {
        if (!(await signedInFor(ROUTES.simSign.access, deps))) return { kind: 'signin', message: NOT_ADMIN };
        await deps.api.simSign(id, offline);
        return null;
      } catch (err) {
        return { kind: errorKind(err), message: errorMessage(err) };
      }
    },
  });
}
