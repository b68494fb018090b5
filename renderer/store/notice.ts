/** Store of the screens that are not open yet: the site name only. */
import { create } from 'zustand';
import { createApiClient, type ApiClient } from './api';
import { createSiteSlice, type SiteSlice } from './slices';

export type NoticeState = SiteSlice;

export function createNoticeStore(api: ApiClient = createApiClient()) {
  return create<NoticeState>()((...a) => ({ ...createSiteSlice<NoticeState>(api)(...a) }));
}
