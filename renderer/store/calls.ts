/** The call board's store: site + live queue board + what the announcer is doing. */
import { create } from 'zustand';
import type { Announcer, AnnouncerState } from '../audio/announcer';
import { createApiClient, type ApiClient } from './api';
import { createLiveSlice, createSiteSlice, type LiveSlice, type SiteSlice } from './slices';

export interface SoundSlice {
  /** The announcer's state: `blocked` shows the tap-to-enable overlay; `log` feeds `data-announced`. */
  sound: AnnouncerState;
  /** From a user gesture: let the board play sound again. */
  unlockSound: () => void;
}

export type CallsState = SiteSlice & LiveSlice & SoundSlice;

const SILENT: AnnouncerState = { blocked: false, current: null, pending: 0, log: [] };

/**
 * With an announcer, the store feeds it every `queue.board` snapshot and
 * connection change, and mirrors its state (bridged once, outside React).
 */
export function createCallsStore(api: ApiClient = createApiClient(), announcer: Announcer | null = null) {
  const store = create<CallsState>()((...a) => ({
    ...createSiteSlice<CallsState>(api)(...a),
    ...createLiveSlice<CallsState>()(...a),
    sound: announcer?.state ?? SILENT,
    unlockSound: () => announcer?.unlock(),
  }));
  if (announcer) {
    announcer.subscribe(() => store.setState({ sound: announcer.state }));
    store.subscribe((s, prev) => {
      if (s.connection !== prev.connection) announcer.onConnection(s.connection);
      const board = s.snapshots['queue.board'];
      if (board && board !== prev.snapshots['queue.board']) announcer.onBoard(board);
    });
  }
  return store;
}

export type CallsStore = ReturnType<typeof createCallsStore>;
