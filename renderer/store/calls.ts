/** The call board's store: site + live queue board. */
import { create } from 'zustand';
import { createApiClient, type ApiClient } from './api';
import { createLiveSlice, createSiteSlice, type LiveSlice, type SiteSlice } from './slices';

export type CallsState = SiteSlice & LiveSlice;

export function createCallsStore(api: ApiClient = createApiClient()) {
  return create<CallsState>()((...a) => ({
    ...createSiteSlice<CallsState>(api)(...a),
    ...createLiveSlice<CallsState>()(...a),
  }));
}

export type CallsStore = ReturnType<typeof createCallsStore>;
