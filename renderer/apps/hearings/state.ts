import { create } from 'zustand';
import { createApiClient, type ApiClient } from '../../store/api';
import { createLiveSlice, createSiteSlice, type LiveSlice, type SiteSlice } from '../../store/slices';

export type BoardState = SiteSlice & LiveSlice;

/** A public board's store: the site (agency, rooms) and the live snapshots. */
export function createBoardStore(api: Pick<ApiClient, 'site'> = createApiClient()) {
  return create<BoardState>()((...a) => ({
    ...createSiteSlice<BoardState>(api)(...a),
    ...createLiveSlice<BoardState>()(...a),
  }));
}

export const useHearingsBoard = createBoardStore();

/** Which room this TV shows (null: all of them) and whether names are shown; set once at start. */
export const view: { roomId: string | null; names: boolean } = { roomId: null, names: true };
