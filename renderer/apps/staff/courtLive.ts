/**
 * The court tabs follow the public boards: a change on `hearings.board` or
 * `detainees.board` means the staff list is out of date.
 */
import type { StoreApi } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { HearingsBoard } from '../../../core/contract';
import { LiveClient, liveUrl, type LiveClientOptions } from '../../client/live';
import type { DetaineesSlice } from '../../features/detainees/slice';
import type { HearingsSlice } from '../../features/hearings/slice';
import { screenLive, type LiveSlice, type ScreenLive } from '../../features/live/slice';

type CourtTabs = LiveSlice & Pick<HearingsSlice, 'loadHearings'> & Pick<DetaineesSlice, 'loadDetainees'>;

/** The part of a board that, when it changes, means the staff list is out of date. */
export function boardKey(store: StoreApi<LiveSlice>, topic: 'hearings.board' | 'detainees.board'): string {
  const snap = store.getState().snapshots[topic];
  if (!snap) return '';
  return topic === 'hearings.board'
    ? JSON.stringify((snap as HearingsBoard).rooms.map((r) => [r.current?.id, r.current?.state, r.next.map((h) => [h.id, h.state, h.persons.length, h.time])]))
    : JSON.stringify(snap);
}

/**
 * While a court tab is open: the public boards tell it that something changed
 * (another tablet moved a hearing, a clerk imported a file); the tab then
 * fetches its staff list again, debounced. The boards are re-sent every few
 * seconds unchanged, so only a real change fetches. The topics ride on the
 * page's own live socket (screenLive(), as the marquee band does); a page
 * without one (a unit test) gets a socket of its own.
 */
export function bindCourtLive(
  store: StoreApi<CourtTabs>,
  topics: readonly ('hearings.board' | 'detainees.board')[],
  o: { debounceMs?: number; live?: Partial<LiveClientOptions>; screen?: ScreenLive | null } = {},
): () => void {
  const keys = new Map<string, string>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const screen = o.screen === undefined ? screenLive() : o.screen;
  let own: LiveClient | null = null;
  let source: StoreApi<LiveSlice>;
  if (screen) {
    screen.client.addTopics(topics);
    source = screen.store;
  } else {
    source = createStore<LiveSlice>(() => ({ connection: 'idle', snapshots: {} }));
    own = new LiveClient({
      url: liveUrl(),
      topics,
      onSnapshot: (snap) => source.setState((s) => ({ snapshots: { ...s.snapshots, [snap.topic]: snap.data } })),
      onStatus: (connection) => source.setState({ connection }),
      ...o.live,
    });
    own.start();
  }
  const copy = (s: LiveSlice) => {
    const patch: Partial<LiveSlice['snapshots']> = {};
    let changed = false;
    for (const topic of topics) {
      if (s.snapshots[topic] && s.snapshots[topic] !== store.getState().snapshots[topic]) {
        (patch as Record<string, unknown>)[topic] = s.snapshots[topic];
        changed = true;
      }
    }
    if (changed) store.setState((st) => ({ snapshots: { ...st.snapshots, ...patch } }));
  };
  const unsubscribeCourt = store.subscribe((s, prev) => {
    for (const topic of topics) {
      if (s.snapshots[topic] === prev.snapshots[topic] || !s.snapshots[topic]) continue;
      const key = boardKey(store, topic);
      const before = keys.get(topic);
      keys.set(topic, key);
      if (before === undefined || before === key) continue;
      clearTimeout(timers.get(topic));
      timers.set(
        topic,
        setTimeout(() => {
          timers.delete(topic);
          void (topic === 'hearings.board' ? store.getState().loadHearings() : store.getState().loadDetainees());
        }, o.debounceMs ?? 300),
      );
    }
  });
  const unsubscribeSource = source.subscribe((s) => copy(s));
  copy(source.getState());
  return () => {
    unsubscribeCourt();
    unsubscribeSource();
    own?.stop();
    for (const t of timers.values()) clearTimeout(t);
  };
}
