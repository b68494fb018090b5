/**
 * The staff 跑馬燈 tab: the messages (showing, scheduled, ended), saving and
 * deleting one, and what each LED sign would show for the draft being typed.
 *
 * What a draft will look like on each LED sign comes from the server, which
 * runs the signs' own encoders: the slice asks as staff type, debounced, and
 * the latest answer wins.
 */
import type { StateCreator } from 'zustand';
import type { MarqueeMessage, MarqueeMessageInput, SignPreview } from '../../../core/contract';
import { errorMessage } from '../../client/call';
import { whenSessionLost, type OnSessionLost } from '../auth/session';
import type { MarqueeApi } from './api';

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
}

/** `onSessionLost` is called on a 401 (the session ended: the console shows the sign-in form again). */
export function createMarqueeSlice(api: MarqueeApi, onSessionLost: OnSessionLost = () => undefined, options: MarqueeSliceOptions = {}): StateCreator<MarqueeSlice, [], [], MarqueeSlice> {
  const debounceMs = options.previewDebounceMs ?? SIGN_PREVIEW_DEBOUNCE_MS;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  return (set, get) => {
    const lost = (err: unknown) => whenSessionLost(err, onSessionLost);

    // The sign preview: one timer, one request in flight; `latest` numbers the drafts asked for.
    let timer: unknown = null;
    let inFlight: AbortController | null = null;
    let latest = 0;
    let wanted = '';
    const setPreview = (p: Partial<SignPreviewState>) => set({ signPreview: { ...get().signPreview, ...p } });
    const fetchPreview = async (seq: number, zh: string, en: string) => {
      const controller = typeof AbortController === 'undefined' ? null : new AbortController();
      inFlight = controller;
      try {
        const signs = await api.signPreview({ ...(zh ? { zh } : {}), ...(en ? { en } : {}) }, controller?.signal);
        if (seq !== latest) return;
        set({ signPreview: { signs, for: { zh, en }, loading: false, error: null } });
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
          set({ marqueeMessages: await api.marqueeMessages(), marqueeLoadError: null });
        } catch (err) {
          set({ marqueeLoadError: errorMessage(err) });
          lost(err);
        }
      },
      saveMarquee: async (id, input) => {
        if (get().marqueeBusy !== null) return null;
        set({ marqueeBusy: 'save', marqueeError: null });
        try {
          const saved = id === null ? await api.createMarquee(input) : await api.updateMarquee(id, input);
          set({ marqueeBusy: null });
          await get().loadMarquee();
          return saved;
        } catch (err) {
          set({ marqueeBusy: null, marqueeError: errorMessage(err) });
          lost(err);
          return null;
        }
      },
      deleteMarquee: async (id) => {
        if (get().marqueeBusy !== null) return false;
        set({ marqueeBusy: id, marqueeError: null });
        try {
          await api.deleteMarquee(id);
          set({ marqueeBusy: null });
          await get().loadMarquee();
          return true;
        } catch (err) {
          set({ marqueeBusy: null, marqueeError: errorMessage(err) });
          lost(err);
          return false;
        }
      },
      clearMarqueeError: () => set({ marqueeError: null }),

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
          set({ signPreview: NO_SIGN_PREVIEW });
          return;
        }
        setPreview({ loading: true });
        timer = setTimer(() => {
          timer = null;
          void fetchPreview(seq, zh, en);
        }, debounceMs);
      },
    };
  };
}
