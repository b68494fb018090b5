/**
 * Slices shared by the app stores. Each app combines the slices it needs into
 * one store (see kiosk.ts, calls.ts, staff.ts, devices.ts, phone.ts).
 */
import type { StateCreator, StoreApi } from 'zustand';
import type { PublicSite, Topic, TopicData } from '../../core/contract';
import { applyDocumentLang, type Lang } from '../i18n';
import { errorMessage, type ApiClient } from './api';
import { LiveClient, helloFor, liveUrl, type ConnectionStatus, type LiveClientOptions } from '../client/live';

// ---- site ---------------------------------------------------------------------

export interface SiteSlice {
  site: PublicSite | null;
  siteError: string | null;
  /** Load /api/site; on failure keep retrying every `retryMs` until it works. */
  loadSite: (retryMs?: number) => Promise<void>;
}

export function createSiteSlice<S extends SiteSlice>(
  api: Pick<ApiClient, 'site'>,
): StateCreator<S, [], [], SiteSlice> {
  let retry: ReturnType<typeof setTimeout> | null = null;
  return (set, get) => ({
    site: null,
    siteError: null,
    loadSite: async (retryMs = 10_000) => {
      if (retry) clearTimeout(retry);
      retry = null;
      try {
        const site = await api.site();
        set({ site, siteError: null } as Partial<S>);
      } catch (err) {
        set({ siteError: errorMessage(err) } as Partial<S>);
        retry = setTimeout(() => void get().loadSite(retryMs), retryMs);
      }
    },
  });
}

// ---- live snapshots ------------------------------------------------------------

export type Snapshots = { [T in Topic]?: TopicData[T] };

export interface LiveSlice {
  connection: ConnectionStatus;
  /** Last snapshot per topic; each new snapshot replaces its topic whole. */
  snapshots: Snapshots;
}

export function createLiveSlice<S extends LiveSlice>(): StateCreator<S, [], [], LiveSlice> {
  return () => ({ connection: 'idle', snapshots: {} });
}

/** The screen's one live socket and the store it feeds (the last one bridged on this page). */
export interface ScreenLive {
  store: StoreApi<LiveSlice>;
  client: LiveClient;
}
let screenBridge: ScreenLive | null = null;

/**
 * This page's live socket and store, for components any screen may mount
 * (the marquee band, the emergency overlay): they add their public topic to
 * it rather than open a second socket. Null before the screen bridged one.
 */
export function screenLive(): ScreenLive | null {
  return screenBridge;
}

/**
 * Bridge the live stream into a store, once, outside React: every snapshot and
 * connection change becomes a store.setState. The socket says hello with the
 * screen main.tsx routed to (document.body.dataset.screen) and its path.
 */
export function bridgeLive<S extends LiveSlice>(
  store: StoreApi<S>,
  topics: readonly Topic[],
  options: Partial<LiveClientOptions> = {},
): LiveClient {
  const doc = globalThis.document as Document | undefined;
  const hello = helloFor(doc?.body?.dataset.screen, globalThis.location?.pathname);
  const client = new LiveClient({
    url: options.url ?? liveUrl(),
    topics,
    onSnapshot: (snap) =>
      store.setState((s) => ({ snapshots: { ...s.snapshots, [snap.topic]: snap.data } }) as Partial<S>),
    onStatus: (connection) => store.setState({ connection } as Partial<S>),
    log: (m) => console.warn(m),
    ...(hello ? { hello } : {}),
    ...options,
  });
  screenBridge = { store: store as unknown as StoreApi<LiveSlice>, client };
  client.start();
  return client;
}

// ---- language -------------------------------------------------------------------

export interface LangSlice {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

export function createLangSlice<S extends LangSlice>(initial: Lang = 'zh-TW'): StateCreator<S, [], [], LangSlice> {
  return (set) => ({
    lang: initial,
    setLang: (lang) => {
      applyDocumentLang(lang);
      set({ lang } as Partial<S>);
    },
  });
}
