/** The staff console's store: auth, counter console, admin panels, live board. */
import { create, type StateCreator } from 'zustand';
import type {
  AuditEntry,
  Call,
  CreateUserRequest,
  LoginRequest,
  MeResponse,
  PrintJob,
  Role,
  SetupRequest,
  StaffUser,
  Topic,
} from '../../core/contract';
import { ApiError, createApiClient, errorMessage, type ApiClient, type FetchLike } from './api';
import type { LiveClient, LiveClientOptions } from './live';
import { bridgeLive, createLiveSlice, createSiteSlice, type LiveSlice, type SiteSlice } from './slices';

const COUNTER_KEY = 'lobby.staff.counterId';

function readCounter(): string | null {
  try {
    return globalThis.localStorage?.getItem(COUNTER_KEY) ?? null;
  } catch {
    return null;
  }
}
function writeCounter(id: string | null): void {
  try {
    if (id) globalThis.localStorage?.setItem(COUNTER_KEY, id);
    else globalThis.localStorage?.removeItem(COUNTER_KEY);
  } catch {
    /* private mode: not remembered */
  }
}

// ---- auth -------------------------------------------------------------------------

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

// ---- counter console -------------------------------------------------------------

export interface CounterSlice {
  counterId: string | null;
  /** The last call this console made (the board may not have caught up yet). */
  lastCall: Call | null;
  /** True when the last call-next found nobody waiting. */
  queueEmpty: boolean;
  calling: boolean;
  callError: string | null;
  setCounter: (id: string | null) => void;
  callNext: () => Promise<void>;
}

// ---- admin -----------------------------------------------------------------------

export interface AdminSlice {
  users: StaffUser[] | null;
  usersError: string | null;
  userBusy: boolean;
  createError: string | null;
  audit: AuditEntry[] | null;
  auditError: string | null;
  loadUsers: () => Promise<void>;
  createUser: (req: CreateUserRequest) => Promise<boolean>;
  loadAudit: () => Promise<void>;
}

// ---- devices: printer health and reprints ---------------------------------------------

/** Roles that may reprint a ticket (the server checks again). */
export const REPRINT_ROLES: readonly Role[] = ['admin', 'counter', 'desk'];

/** Where a reprint was asked for: its result is shown there. */
export type ReprintSource = 'list' | 'form';

export interface ReprintSlice {
  /** The ticket number being reprinted now. */
  reprinting: string | null;
  /** The last reprint the server accepted. */
  reprintDone: { number: string; job: PrintJob; source: ReprintSource } | null;
  reprintError: { number: string; message: string; source: ReprintSource } | null;
  /** Reprint today's ticket `number`; resolves true when the server accepted it. */
  reprint: (number: string, source?: ReprintSource) => Promise<boolean>;
  clearReprint: () => void;
}

export type StaffState = SiteSlice & LiveSlice & AuthSlice & CounterSlice & AdminSlice & ReprintSlice;

/** A 401 means the session ended (expired, signed out elsewhere): show the sign-in form again. */
function onSessionLost(err: unknown, get: () => StaffState): void {
  if (err instanceof ApiError && err.status === 401) void get().refreshMe().catch(() => undefined);
}

const createAuthSlice =
  (api: ApiClient): StateCreator<StaffState, [], [], AuthSlice> =>
  (set, get) => {
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
        set((st) => ({
          users: null,
          audit: null,
          lastCall: null,
          queueEmpty: false,
          reprintDone: null,
          reprintError: null,
          // staff-only data does not outlive the session on screen
          snapshots: { ...st.snapshots, 'devices.health': undefined },
        }));
        await get()
          .refreshMe()
          .catch(() => undefined);
      },
    };
  };

const createCounterSlice =
  (api: ApiClient): StateCreator<StaffState, [], [], CounterSlice> =>
  (set, get) => ({
    counterId: readCounter(),
    lastCall: null,
    queueEmpty: false,
    calling: false,
    callError: null,
    setCounter: (id) => {
      writeCounter(id);
      set({ counterId: id, lastCall: null, queueEmpty: false, callError: null });
    },
    callNext: async () => {
      const { counterId, calling } = get();
      if (calling || !counterId) return;
      set({ calling: true, callError: null });
      try {
        const res = await api.callNext(counterId);
        set({ calling: false, lastCall: res.call, queueEmpty: res.call === null });
      } catch (err) {
        set({ calling: false, callError: errorMessage(err) });
        onSessionLost(err, get);
      }
    },
  });

const createAdminSlice =
  (api: ApiClient): StateCreator<StaffState, [], [], AdminSlice> =>
  (set, get) => ({
    users: null,
    usersError: null,
    userBusy: false,
    createError: null,
    audit: null,
    auditError: null,
    loadUsers: async () => {
      try {
        set({ users: await api.users(), usersError: null });
      } catch (err) {
        set({ usersError: errorMessage(err) });
        onSessionLost(err, get);
      }
    },
    createUser: async (req) => {
      if (get().userBusy) return false;
      set({ userBusy: true, createError: null });
      try {
        await api.createUser(req);
        set({ userBusy: false });
        await get().loadUsers();
        return true;
      } catch (err) {
        set({ userBusy: false, createError: errorMessage(err) });
        onSessionLost(err, get);
        return false;
      }
    },
    loadAudit: async () => {
      try {
        set({ audit: await api.audit(), auditError: null });
      } catch (err) {
        set({ auditError: errorMessage(err) });
        onSessionLost(err, get);
      }
    },
  });

const createReprintSlice =
  (api: ApiClient): StateCreator<StaffState, [], [], ReprintSlice> =>
  (set, get) => ({
    reprinting: null,
    reprintDone: null,
    reprintError: null,
    reprint: async (raw, source = 'form') => {
      const number = raw.trim().toUpperCase();
      if (get().reprinting) return false;
      set({ reprinting: number, reprintDone: null, reprintError: null });
      try {
        const res = await api.reprint(number);
        set({ reprinting: null, reprintDone: { number, job: res.job, source } });
        return true;
      } catch (err) {
        set({ reprinting: null, reprintError: { number, message: errorMessage(err), source } });
        onSessionLost(err, get);
        return false;
      }
    },
    clearReprint: () => set({ reprintDone: null, reprintError: null }),
  });

export function createStaffStore(opts: { fetch?: FetchLike } = {}) {
  // The api reads the CSRF token from the store at call time.
  let getState: () => StaffState = () => {
    throw new Error('store not ready');
  };
  const api = createApiClient({ fetch: opts.fetch, csrfToken: () => getState().me?.csrfToken ?? null });
  const store = create<StaffState>()((...a) => ({
    ...createSiteSlice<StaffState>(api)(...a),
    ...createLiveSlice<StaffState>()(...a),
    ...createAuthSlice(api)(...a),
    ...createCounterSlice(api)(...a),
    ...createAdminSlice(api)(...a),
    ...createReprintSlice(api)(...a),
  }));
  getState = store.getState;
  return store;
}

export type StaffStore = ReturnType<typeof createStaffStore>;

/** Public topics for everyone at the console; `devices.health` only with a signed-in session. */
export function staffTopics(signedIn: boolean): Topic[] {
  return signedIn ? ['queue.board', 'devices.health'] : ['queue.board'];
}

/**
 * The staff console's one live socket. The server checks the session cookie
 * when the socket opens, so whenever the signed-in user changes the socket is
 * reopened with the topics that user may see.
 */
export function bindStaffLive(store: StaffStore, options: Partial<LiveClientOptions> = {}): LiveClient {
  let userId = store.getState().me?.user?.id ?? null;
  const live = bridgeLive(store, staffTopics(userId !== null), options);
  store.subscribe((s) => {
    const id = s.me?.user?.id ?? null;
    if (id === userId) return;
    userId = id;
    if (id === null) store.setState((st) => ({ snapshots: { ...st.snapshots, 'devices.health': undefined } }));
    live.reopen(staffTopics(id !== null));
  });
  return live;
}

/** The call this counter is serving: the newer of our own last call and the board's. */
export function currentCallFor(counterId: string | null, lastCall: Call | null, recent: readonly Call[] | undefined): Call | null {
  if (!counterId) return null;
  const mine = lastCall && lastCall.counterId === counterId ? lastCall : null;
  const fromBoard = (recent ?? [])
    .filter((c) => c.counterId === counterId)
    .reduce<Call | null>((best, c) => (!best || c.calledAt > best.calledAt ? c : best), null);
  if (!mine) return fromBoard;
  if (!fromBoard) return mine;
  return fromBoard.calledAt > mine.calledAt ? fromBoard : mine;
}
