/** A public board's one store (/hearings, /detainees): the site (agency, rooms) and the live snapshots. */
import { create } from 'zustand';
import { createCaller } from '../../client/call';
import { createLiveSlice, type LiveSlice } from '../../features/live/slice';
import { createSiteApi, type SiteApi } from '../../features/site/api';
import { createSiteSlice, type SiteSlice } from '../../features/site/slice';

export type BoardState = SiteSlice & LiveSlice;

export function createBoardStore(api: Pick<SiteApi, 'site'> = createSiteApi(createCaller())) {
  return create<BoardState>()((...a) => ({
    ...createSiteSlice(api)(...a),
    ...createLiveSlice()(...a),
  }));
}
