/** The kiosk's store: site + live board + language + issuing a ticket. */
import { create, type StateCreator } from 'zustand';
import type { IssuedTicket } from '../../core/contract';
import { createApiClient, errorMessage, type ApiClient } from './api';
import {
  createLangSlice,
  createLiveSlice,
  createSiteSlice,
  type LangSlice,
  type LiveSlice,
  type SiteSlice,
} from './slices';

export type KioskPhase = 'home' | 'issuing' | 'result' | 'error';

export interface IssueSlice {
  phase: KioskPhase;
  ticket: IssuedTicket | null;
  issueError: string | null;
  /** Issue a ticket; ignored unless the kiosk is on its home screen (no double tickets). */
  issue: (serviceId: string) => Promise<void>;
  backHome: () => void;
}

export type KioskState = SiteSlice & LiveSlice & LangSlice & IssueSlice;

export function createIssueSlice(api: Pick<ApiClient, 'issueTicket'>): StateCreator<KioskState, [], [], IssueSlice> {
  return (set, get) => ({
    phase: 'home',
    ticket: null,
    issueError: null,
    issue: async (serviceId) => {
      if (get().phase !== 'home') return; // a request is in flight or a result is showing
      set({ phase: 'issuing', issueError: null, ticket: null });
      try {
        const ticket = await api.issueTicket(serviceId);
        set({ phase: 'result', ticket });
      } catch (err) {
        set({ phase: 'error', issueError: errorMessage(err) });
      }
    },
    backHome: () => {
      if (get().phase === 'issuing') return;
      set({ phase: 'home', ticket: null, issueError: null });
    },
  });
}

export function createKioskStore(api: ApiClient = createApiClient()) {
  return create<KioskState>()((...a) => ({
    ...createSiteSlice<KioskState>(api)(...a),
    ...createLiveSlice<KioskState>()(...a),
    ...createLangSlice<KioskState>('zh-TW')(...a),
    ...createIssueSlice(api)(...a),
  }));
}

export type KioskStore = ReturnType<typeof createKioskStore>;
