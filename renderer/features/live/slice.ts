/**
 * The screen's live snapshots: one socket per page (client/live.ts), bridged
 * once into the app's store outside React. Every snapshot replaces its topic
 * whole; components any screen may mount (the marquee band, the emergency
 * overlay) add their public topic to the same socket (screenLive()).
 */
import type { StateCreator, StoreApi } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Topic, TopicData } from '../../../core/contract';
import { LiveClient, helloFor, liveUrl, type ConnectionStatus, type LiveClientOptions } from '../../client/live';

export type Snapshots = { [T in Topic]?: TopicData[T] };

export interface LiveSlice {
  connection: ConnectionStatus;
  /** Last snapshot per topic; each new snapshot replaces its topic whole. */
  snapshots: Snapshots;
}

export function createLiveSlice(): StateCreator<LiveSlice, [], [], LiveSlice> {
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

/**
 * The screen's live socket; a screen that has none of its own (a notice
 * page) gets one here that follows 'emergency' only. Call after the screen's
 * start() and before the first render.
 */
export function ensureScreenLive(): ScreenLive {
  const existing = screenLive();
  if (existing) return existing;
  const store = createStore<LiveSlice>()((...a) => ({ ...createLiveSlice()(...a) }));
  bridgeLive(store, ['emergency']);
  return screenLive()!;
}
