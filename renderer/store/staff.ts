/** The staff console's store: auth, counter console, admin panels, live board. */
import { create, type StateCreator } from 'zustand';
import type {
  AuditEntry,
  Call,
  CounterAction,
  CounterTicket,
  CreateUserRequest,
  LoginRequest,
  MeResponse,
  PrintJob,
  QueueStaff,
  Role,
  SetupRequest,
  StaffUser,
  Topic,
} from '../../core/contract';
import { staffTopicsFor } from '../../core/contract';
import { ApiError, createApiClient, errorMessage, type ApiClient, type FetchLike } from './api';
import type { LiveClient, LiveClientOptions } from '../client/live';
import { bridgeLive, createLiveSlice, createSiteSlice, type LiveSlice, type SiteSlice } from './slices';
import { createMarqueeApi, createMarqueeSlice, type MarqueeSlice } from './marquee';

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

/** A counter action as the console asks for it: the store adds the chosen counter. */
export type ConsoleAction = CounterAction extends infer A ? (A extends CounterAction ? Omit<A, 'counterId'> : never) : never;
export type ConsoleActionName = CounterAction['action'];

/**
 * The server's answer to this console's last action. It stands for the
 * counter's state only until the next `queue.staff` snapshot arrives: `basis`
 * is the snapshot that was on screen when the answer came.
 */
export interface ActionAck {
  counterId: string;
  current: CounterTicket | null;
  basis: QueueStaff | undefined;
}

export interface CounterSlice {
  counterId: string | null;
  /** The last call this console made (the board may not have caught up yet). */
  lastCall: Call | null;
  /** True when the last call-next found nobody waiting. */
  queueEmpty: boolean;
  calling: boolean;
  callError: string | null;
  /** The action on its way to the server (one at a time). */
  acting: ConsoleActionName | null;
  /** The server's message for the last action that failed; cleared by the next one. */
  actionError: string | null;
  ack: ActionAck | null;
  /**
   * How far the server's clock is ahead of this one (≥ 0, a lower bound from
   * the times in what it sends), so grace countdowns and waited minutes read
   * right on a console whose clock is behind.
   */
  clockOffsetMs: number;
  setCounter: (id: string | null) => void;
  /** Call next through the first console's route (kept for the keypad-era API; the console uses act). */
  callNext: () => Promise<void>;
  /** Send one action for the chosen counter; resolves true when the server accepted it. */
  act: (action: ConsoleAction) => Promise<boolean>;
  clearActionError: () => void;
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
  /** The last unlock: whose, how many sign-in waits it ended, or why it failed. */
  unlocked: { username: string; cleared: number } | { username: string; error: string } | null;
  unlockUser: (user: StaffUser) => Promise<boolean>;
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

export type StaffState = SiteSlice & LiveSlice & AuthSlice & CounterSlice & AdminSlice & ReprintSlice & MarqueeSlice;

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
          ack: null,
          actionError: null,
          reprintDone: null,
          reprintError: null,
          // staff-only data does not outlive the session on screen
          snapshots: { ...st.snapshots, 'devices.health': undefined, 'queue.staff': undefined },
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
    acting: null,
    actionError: null,
    ack: null,
    clockOffsetMs: 0,
    setCounter: (id) => {
      writeCounter(id);
      set({ counterId: id, lastCall: null, queueEmpty: false, callError: null, actionError: null, ack: null });
    },
    act: async (action) => {
      const { counterId, acting } = get();
      if (acting || !counterId) return false;
      set({ acting: action.action, actionError: null, queueEmpty: false });
      try {
        const res = await api.counterAction({ ...action, counterId } as CounterAction);
        set((st) => ({
          acting: null,
          // the counter may have been changed meanwhile: the answer is then for another counter
          ack: { counterId, current: res.current, basis: st.snapshots['queue.staff'] },
          lastCall: res.call ?? st.lastCall,
          queueEmpty: action.action === 'next' && res.call === null,
          clockOffsetMs: raiseClockOffset(st.clockOffsetMs, res.call ? Date.parse(res.call.calledAt) : null, Date.now()),
        }));
        return true;
      } catch (err) {
        set({ acting: null, actionError: errorMessage(err) });
        onSessionLost(err, get);
        return false;
      }
    },
    clearActionError: () => set({ actionError: null }),
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
    unlocked: null,
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
    unlockUser: async (user) => {
      set({ unlocked: null });
      try {
        const { cleared } = await api.unlockUser(user.id);
        set({ unlocked: { username: user.username, cleared } });
        return true;
      } catch (err) {
        set({ unlocked: { username: user.username, error: errorMessage(err) } });
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
    ...createMarqueeSlice<StaffState>(
      createMarqueeApi({ fetch: opts.fetch, csrfToken: () => getState().me?.csrfToken ?? null }),
      () => void getState().refreshMe().catch(() => undefined),
    )(...a),
  }));
  getState = store.getState;
  return store;
}

export type StaffStore = ReturnType<typeof createStaffStore>;

/** Roles that work a counter (the server checks again). */
export const COUNTER_ROLES: readonly Role[] = ['admin', 'counter'];

/**
 * Public topics for everyone at the console; each staff topic only for the roles the
 * contract's TOPIC_ACCESS names (the server checks the same table, and again on every change).
 */
export function staffTopics(user: Pick<StaffUser, 'roles'> | null): Topic[] {
  if (!user) return ['queue.board'];
  const allowed = staffTopicsFor(user.roles);
  return ['queue.board', ...CONSOLE_TOPICS.filter((t) => allowed.includes(t))];
}

/** The staff topics the console shows (kiosk topics are for kiosks). */
const CONSOLE_TOPICS: readonly Topic[] = ['devices.health', 'queue.staff'];

const userKey = (user: StaffUser | null | undefined): string | null => (user ? `${user.id}:${user.roles.join(',')}` : null);

/**
 * The staff console's one live socket. The server checks the session cookie
 * when the socket opens, so whenever the signed-in user changes the socket is
 * reopened with the topics that user may see.
 */
export function bindStaffLive(store: StaffStore, options: Partial<LiveClientOptions> = {}): LiveClient {
  let key = userKey(store.getState().me?.user);
  const live = bridgeLive(store, staffTopics(store.getState().me?.user ?? null), {
    // The server took staff topics (signed out elsewhere, session expired, role removed):
    // their data leaves the screen now, and asking who is signed in shows the sign-in form
    // or reopens the socket with the topics the account still has.
    onStopped: (stopped) => {
      store.setState((st) => ({ snapshots: { ...st.snapshots, ...Object.fromEntries(stopped.topics.map((t) => [t, undefined])) } }));
      void store.getState().refreshMe().catch(() => undefined);
    },
    ...options,
  });
  store.subscribe((s, prev) => {
    const staff = s.snapshots['queue.staff'];
    if (staff && staff !== prev.snapshots['queue.staff']) {
      const offset = raiseClockOffset(s.clockOffsetMs, newestServerTime(staff), Date.now());
      if (offset !== s.clockOffsetMs) store.setState({ clockOffsetMs: offset });
    }
    const user = s.me?.user ?? null;
    const next = userKey(user);
    if (next === key) return;
    key = next;
    if (user === null) {
      store.setState((st) => ({ snapshots: { ...st.snapshots, 'devices.health': undefined, 'queue.staff': undefined } }));
    }
    live.reopen(staffTopics(user));
  });
  return live;
}

/**
 * What the counter is serving, as the server says: its answer to our last
 * action until a newer `queue.staff` snapshot arrives, then the snapshot
 * (so a reload or a second console shows the same ticket).
 */
export function currentTicketFor(counterId: string | null, staff: QueueStaff | undefined, ack: ActionAck | null): CounterTicket | null {
  if (!counterId) return null;
  if (ack && ack.counterId === counterId && ack.basis === staff) return ack.current;
  return staff?.counters.find((c) => c.counterId === counterId)?.current ?? null;
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

/** The latest instant a `queue.staff` snapshot mentions (the server's clock had reached it), or null. */
export function newestServerTime(staff: QueueStaff): number | null {
  let newest = -Infinity;
  const see = (iso: string | null | undefined) => {
    const t = iso ? Date.parse(iso) : NaN;
    if (Number.isFinite(t) && t > newest) newest = t;
  };
  for (const c of staff.counters) {
    see(c.current?.calledAt);
    see(c.current?.servingAt);
  }
  for (const l of staff.lines) {
    for (const w of l.waiting) see(w.waitingSince);
    for (const k of l.skipped) see(k.skippedAt);
  }
  return Number.isFinite(newest) ? newest : null;
}

/** Every server time seen on arrival is a lower bound of the server clock: keep the largest lead. */
export function raiseClockOffset(prev: number, serverTime: number | null, receivedAt: number): number {
  if (serverTime === null) return prev;
  return Math.max(prev, serverTime - receivedAt, 0);
}
