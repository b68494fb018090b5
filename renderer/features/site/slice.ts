/** The site every screen shows (its name, services, rooms), loaded once and retried until it comes. */
import type { StateCreator } from 'zustand';
import type { PublicSite } from '../../../core/contract';
import { errorMessage } from '../../client/call';
import type { SiteApi } from './api';

export interface SiteSlice {
  site: PublicSite | null;
  siteError: string | null;
  /** Load /api/site; on failure keep retrying every `retryMs` until it works. */
  loadSite: (retryMs?: number) => Promise<void>;
}

export function createSiteSlice(api: Pick<SiteApi, 'site'>): StateCreator<SiteSlice, [], [], SiteSlice> {
  let retry: ReturnType<typeof setTimeout> | null = null;
  return (set, get) => ({
    site: null,
    siteError: null,
    loadSite: async (retryMs = 10_000) => {
      if (retry) clearTimeout(retry);
      retry = null;
      try {
        const site = await api.site();
        set({ site, siteError: null });
      } catch (err) {
        set({ siteError: errorMessage(err) });
        retry = setTimeout(() => void get().loadSite(retryMs), retryMs);
      }
    },
  });
}
