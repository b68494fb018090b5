/**
 * The marquee (跑馬燈) and emergency broadcast, for the staff console and the
 * simulator panel: their HTTP calls, the staff store's slice, the LED sign
 * simulator's offline switch, and the public live feed every screen's
 * emergency overlay and marquee band read.
 *
 * Where the public screens get 'marquee' and 'emergency': each screen has one
 * live socket (store/slices.ts bridgeLive, registered as screenLive()). The
 * band and the overlay add their topic to it (LiveClient.addTopics) and read
 * the snapshot from that screen's store (components/marquee/useLiveTopic.ts),
 * so `<MarqueeBand screen="calls" />` works on any board without the board's
 * store knowing about it. Screens without a socket of their own (the notice
 * pages) get a small one from ensureScreenLive().
 */
import { z } from 'zod';
import { createStore, type StateCreator } from 'zustand/vanilla';
import {
  API,
  emergencySchema,
  marqueeMessageSchema,
  type Emergency,
  type MarqueeMessage,
  type MarqueeMessageInput,
  type RaiseEmergencyRequest,
} from '../../core/contract';
import { ApiError, errorMessage, request, type FetchLike } from './api';
import { bridgeLive, createLiveSlice, screenLive, type LiveSlice, type ScreenLive } from './slices';

// ---- HTTP -------------------------------------------------------------------------

const listSchema = z.object({ messages: z.array(marqueeMessageSchema) }).transform((o) => o.messages);
const oneSchema = z.object({ message: marqueeMessageSchema }).transform((o) => o.message);
const raisedSchema = z.object({ emergency: emergencySchema }).transform((o) => o.emergency);
const meSchema = z.object({ user: z.object({ roles: z.array(z.string()) }).nullable(), csrfToken: z.string().nullable() });
const anyBody = z.unknown();

export interface MarqueeApiOptions {
  fetch?: FetchLike;
  baseUrl?: string;
  /** The staff session's CSRF token, read at call time. */
  csrfToken: () => string | null;
}

export function createMarqueeApi(o: MarqueeApiOptions) {
  const fetchFn: FetchLike = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const url = (path: string) => (o.baseUrl ?? '') + path;
  const csrf = () => o.csrfToken();
  return {
    list: (): Promise<MarqueeMessage[]> => request(fetchFn, url(API.staffMarquee), listSchema, { method: 'GET' }),
    create: (input: MarqueeMessageInput): Promise<MarqueeMessage> =>
      request(fetchFn, url(API.staffMarquee), oneSchema, { method: 'POST', body: input, csrfToken: csrf() }),
    update: (id: number, input: MarqueeMessageInput): Promise<MarqueeMessage> =>
      request(fetchFn, url(API.staffMarqueeItem(id)), oneSchema, { method: 'PUT', body: input, csrfToken: csrf() }),
    /** DELETE carries no body (and so no content type). */
    remove: (id: number): Promise<unknown> => request(fetchFn, url(API.staffMarqueeItem(id)), anyBody, { method: 'DELETE', csrfToken: csrf() }),
    raiseEmergency: (req: RaiseEmergencyRequest): Promise<Emergency> =>
      request(fetchFn, url(API.staffEmergency), raisedSchema, { method: 'POST', body: req, csrfToken: csrf() }),
    clearEmergency: (): Promise<unknown> => request(fetchFn, url(API.staffEmergencyClear), anyBody, { method: 'POST', body: {}, csrfToken: csrf() }),
  };
}

export type MarqueeApi = ReturnType<typeof createMarqueeApi>;

// ---- the staff slice -----------------------------------------------------------------

export interface MarqueeSlice {
  /** Every message not deleted (showing, scheduled, ended); null until loaded. */
  marqueeMessages: MarqueeMessage[] | null;
  marqueeLoadError: string | null;
  /** 'save' or the id being deleted while a request is on its way. */
  marqueeBusy: 'save' | number | null;
  /** The server's message for the last save or delete that failed (it names the field). */
  marqueeError: string | null;
  loadMarquee: () => Promise<void>;
  /** Create (id null) or replace message `id`; resolves with the saved message, or null (see marqueeError). */
  saveMarquee: (id: number | null, input: MarqueeMessageInput) => Promise<MarqueeMessage | null>;
  deleteMarquee: (id: number) => Promise<boolean>;
  clearMarqueeError: () => void;

  emergencyBusy: 'raise' | 'clear' | null;
  emergencyError: string | null;
  raiseEmergency: (req: RaiseEmergencyRequest) => Promise<Emergency | null>;
  clearEmergency: () => Promise<boolean>;
}

/**
 * The staff store's marquee and emergency slice. `onSessionLost` is called on
 * a 401 (the session ended: the console shows the sign-in form again).
 */
export function createMarqueeSlice<S extends MarqueeSlice>(
  api: MarqueeApi,
  onSessionLost: () => void = () => undefined,
): StateCreator<S, [], [], MarqueeSlice> {
  return (set, get) => {
    const set_ = (p: Partial<MarqueeSlice>) => set(p as Partial<S>);
    const lost = (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) onSessionLost();
    };
    return {
      marqueeMessages: null,
      marqueeLoadError: null,
      marqueeBusy: null,
      marqueeError: null,
      loadMarquee: async () => {
        try {
          set_({ marqueeMessages: await api.list(), marqueeLoadError: null });
        } catch (err) {
          set_({ marqueeLoadError: errorMessage(err) });
          lost(err);
        }
      },
      saveMarquee: async (id, input) => {
        if (get().marqueeBusy !== null) return null;
        set_({ marqueeBusy: 'save', marqueeError: null });
        try {
          const saved = id === null ? await api.create(input) : await api.update(id, input);
          set_({ marqueeBusy: null });
          await get().loadMarquee();
          return saved;
        } catch (err) {
          set_({ marqueeBusy: null, marqueeError: errorMessage(err) });
          lost(err);
          return null;
        }
      },
      deleteMarquee: async (id) => {
        if (get().marqueeBusy !== null) return false;
        set_({ marqueeBusy: id, marqueeError: null });
        try {
          await api.remove(id);
          set_({ marqueeBusy: null });
          await get().loadMarquee();
          return true;
        } catch (err) {
          set_({ marqueeBusy: null, marqueeError: errorMessage(err) });
          lost(err);
          return false;
        }
      },
      clearMarqueeError: () => set_({ marqueeError: null }),

      emergencyBusy: null,
      emergencyError: null,
      raiseEmergency: async (req) => {
        if (get().emergencyBusy) return null;
        set_({ emergencyBusy: 'raise', emergencyError: null });
        try {
          const e = await api.raiseEmergency(req);
          set_({ emergencyBusy: null });
          return e;
        } catch (err) {
          set_({ emergencyBusy: null, emergencyError: errorMessage(err) });
          lost(err);
          return null;
        }
      },
      clearEmergency: async () => {
        if (get().emergencyBusy) return false;
        set_({ emergencyBusy: 'clear', emergencyError: null });
        try {
          await api.clearEmergency();
          set_({ emergencyBusy: null });
          return true;
        } catch (err) {
          set_({ emergencyBusy: null, emergencyError: errorMessage(err) });
          lost(err);
          return false;
        }
      },
    };
  };
}

// ---- the LED sign simulator (the /devices panel) ------------------------------------------

export type SignControlError = { kind: 'signin' | 'not-simulated' | 'other'; message: string };

/**
 * Take a simulated sign offline (or back), as the admin signed in at /staff
 * in this browser: the session cookie, and the CSRF token read from /me.
 */
export async function setSimSignOffline(
  id: string,
  offline: boolean,
  o: { fetch?: FetchLike; baseUrl?: string } = {},
): Promise<SignControlError | null> {
  const fetchFn: FetchLike = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = o.baseUrl ?? '';
  try {
    const me = await request(fetchFn, base + API.staffMe, meSchema, { method: 'GET' });
    if (!me.user || !me.user.roles.includes('admin')) return { kind: 'signin', message: 'not signed in as an administrator' };
    await request(fetchFn, base + API.simSign, anyBody, { method: 'POST', body: { id, offline }, csrfToken: me.csrfToken });
    return null;
  } catch (err) {
    const status = err instanceof ApiError ? err.status : 0;
    return {
      kind: status === 401 || status === 403 ? 'signin' : status === 404 ? 'not-simulated' : 'other',
      message: errorMessage(err),
    };
  }
}

// ---- every public screen ---------------------------------------------------------------------

/**
 * The screen's live socket; a screen that has none of its own (a notice
 * page) gets one here that follows 'emergency' only. Call after the screen's
 * start() and before the first render.
 */
export function ensureScreenLive(): ScreenLive {
  const existing = screenLive();
  if (existing) return existing;
  const store = createStore<LiveSlice>()((...a) => ({ ...createLiveSlice<LiveSlice>()(...a) }));
  bridgeLive(store, ['emergency']);
  return screenLive()!;
}
