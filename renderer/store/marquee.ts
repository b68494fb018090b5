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
 *
 * What a draft will look like on each LED sign comes from the server, which
 * runs the signs' own encoders (GET API.staffMarqueeSignPreview): the slice
 * asks as staff type, debounced, and the latest answer wins.
 */
import { z } from 'zod';
import { createStore, type StateCreator } from 'zustand/vanilla';
import {
  API,
  emergencySchema,
  marqueeMessageSchema,
  signPreviewResponseSchema,
  type Emergency,
  type MarqueeMessage,
  type MarqueeMessageInput,
  type RaiseEmergencyRequest,
  type SignPreview,
  type SignPreviewQuery,
} from '../../core/contract';
import { ApiError, errorMessage, request, type FetchLike } from './api';
import { bridgeLive, createLiveSlice, screenLive, type LiveSlice, type ScreenLive } from './slices';

// ---- HTTP -------------------------------------------------------------------------

const listSchema = z.object({ messages: z.array(marqueeMessageSchema) }).transform((o) => o.messages);
const oneSchema = z.object({ message: marqueeMessageSchema }).transform((o) => o.message);
const raisedSchema = z.object({ emergency: emergencySchema }).transform((o) => o.emergency);
const meSchema = z.object({ user: z.object({ roles: z.array(z.string()) }).nullable(), csrfToken: z.string().nullable() });
const anyBody = z.unknown();
const signPreviewsSchema = signPreviewResponseSchema.transform((o) => o.signs);

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
    /** What each configured sign would show for a draft (read-only: a GET, no CSRF token). */
    signPreview: (draft: SignPreviewQuery, signal?: AbortSignal): Promise<SignPreview[]> => {
      const q = new URLSearchParams();
      if (draft.zh !== undefined) q.set('zh', draft.zh);
      if (draft.en !== undefined) q.set('en', draft.en);
      const query = q.toString();
      return request(fetchFn, url(API.staffMarqueeSignPreview + (query ? `?${query}` : '')), signPreviewsSchema, { method: 'GET', signal });
    },
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

/** How long typing must pause before the sign preview is asked for. */
export const SIGN_PREVIEW_DEBOUNCE_MS = 250;

export interface SignPreviewState {
  /** Each configured sign's preview, from the last answer; null before the first one (or once the draft is empty). */
  signs: SignPreview[] | null;
  /** The (trimmed) draft text `signs` is for. */
  for: { zh: string; en: string } | null;
  /** A newer draft is waiting for its answer; `signs` still shows the previous one. */
  loading: boolean;
  /** Why the last request failed (shown as a note beside the last preview); null when it did not. */
  error: string | null;
}

export const NO_SIGN_PREVIEW: SignPreviewState = { signs: null, for: null, loading: false, error: null };

export interface MarqueeSliceOptions {
  /** Default SIGN_PREVIEW_DEBOUNCE_MS. */
  previewDebounceMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

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

  signPreview: SignPreviewState;
  /**
   * The draft's text changed: ask the server what each sign would show, once
   * typing pauses; an answer to an older draft is dropped. Both sides empty:
   * no preview (and nothing asked).
   */
  previewSigns: (zh: string, en: string) => void;

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
  options: MarqueeSliceOptions = {},
): StateCreator<S, [], [], MarqueeSlice> {
  const debounceMs = options.previewDebounceMs ?? SIGN_PREVIEW_DEBOUNCE_MS;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  return (set, get) => {
    const set_ = (p: Partial<MarqueeSlice>) => set(p as Partial<S>);
    const lost = (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) onSessionLost();
    };

    // The sign preview: one timer, one request in flight; `latest` numbers the drafts asked for.
    let timer: unknown = null;
    let inFlight: AbortController | null = null;
    let latest = 0;
    let wanted = '';
    const setPreview = (p: Partial<SignPreviewState>) => set_({ signPreview: { ...get().signPreview, ...p } });
    const fetchPreview = async (seq: number, zh: string, en: string) => {
      const controller = typeof AbortController === 'undefined' ? null : new AbortController();
      inFlight = controller;
      try {
        const signs = await api.signPreview({ ...(zh ? { zh } : {}), ...(en ? { en } : {}) }, controller?.signal);
        if (seq !== latest) return;
        set_({ signPreview: { signs, for: { zh, en }, loading: false, error: null } });
      } catch (err) {
        if (seq !== latest) return;
        wanted = ''; // the same text again asks again
        setPreview({ loading: false, error: errorMessage(err) });
        lost(err);
      } finally {
        if (inFlight === controller) inFlight = null;
      }
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

      signPreview: NO_SIGN_PREVIEW,
      previewSigns: (zhRaw, enRaw) => {
        const zh = zhRaw.trim();
        const en = enRaw.trim();
        const key = JSON.stringify([zh, en]);
        if (key === wanted) return;
        wanted = key;
        // A newer draft: whatever is pending or on its way is for an older one.
        const seq = ++latest;
        if (timer !== null) clearTimer(timer);
        timer = null;
        inFlight?.abort();
        inFlight = null;
        if (!zh && !en) {
          set_({ signPreview: NO_SIGN_PREVIEW });
          return;
        }
        setPreview({ loading: true });
        timer = setTimer(() => {
          timer = null;
          void fetchPreview(seq, zh, en);
        }, debounceMs);
      },

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
