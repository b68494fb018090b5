/** The call board's one store: site + live queue board + what the announcer is doing. */
import { create } from 'zustand';
import type { Announcer } from '../../audio/announcer';
import { createCaller } from '../../client/call';
import { bindAnnouncer, createSoundSlice, type SoundSlice } from '../../features/announcer/slice';
import { createLiveSlice, type LiveSlice } from '../../features/live/slice';
import { createSiteApi, type SiteApi } from '../../features/site/api';
import { createSiteSlice, type SiteSlice } from '../../features/site/slice';

export type CallsState = SiteSlice & LiveSlice & SoundSlice;

/**
 * With an announcer, the store feeds it every `queue.board` snapshot and
 * connection change, and mirrors its state (bridged once, outside React).
 */
export function createCallsStore(api: Pick<SiteApi, 'site'> = createSiteApi(createCaller()), announcer: Announcer | null = null) {
  const store = create<CallsState>()((...a) => ({
    ...createSiteSlice(api)(...a),
    ...createLiveSlice()(...a),
    ...createSoundSlice(announcer)(...a),
  }));
  if (announcer) bindAnnouncer(store, announcer);
  return store;
}

export type CallsStore = ReturnType<typeof createCallsStore>;
