/** The kiosk's store: site + live board + language + issuing a ticket. */
import { create, type StateCreator } from 'zustand';
import type { IssuedTicket } from '../../core/contract';
import { ApiError, createApiClient, errorMessage, type ApiClient } from './api';
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
  /** The server's error code for the last failed issue ('unavailable' when the printer cannot print). */
  issueErrorCode: string | null;
  /**
   * Issue a ticket; ignored unless the kiosk is on its home screen (no double
   * tickets) and the server lets the kiosk issue (topic `kiosk.status`).
   */
  issue: (serviceId: string) => Promise<void>;
  backHome: () => void;
}

export type KioskState = SiteSlice & LiveSlice & LangSlice & IssueSlice;

/**
 * Whether the kiosk offers its services now. Until the first `kiosk.status`
 * snapshot arrives the kiosk stays open (the server refuses a ticket it
 * cannot print anyway); paper near end keeps canIssue true on the server.
 */
export function kioskCanIssue(s: Pick<LiveSlice, 'snapshots'>): boolean {
  return s.snapshots['kiosk.status']?.canIssue !== false;
}

export function createIssueSlice(api: Pick<ApiClient, 'issueTicket'>): StateCreator<KioskState, [], [], IssueSlice> {
  return (set, get) => ({
    phase: 'home',
    ticket: null,
    issueError: null,
    issueErrorCode: null,
    issue: async (serviceId) => {
      if (get().phase !== 'home') return; // a request is in flight or a result is showing
      if (!kioskCanIssue(get())) return; // paused: the buttons are not offered
      set({ phase: 'issuing', issueError: null, issueErrorCode: null, ticket: null });
      try {
        const ticket = await api.issueTicket(serviceId);
        set({ phase: 'result', ticket });
      } catch (err) {
        set({ phase: 'error', issueError: errorMessage(err), issueErrorCode: err instanceof ApiError ? err.code : null });
      }
    },
    backHome: () => {
      if (get().phase === 'issuing') return;
      set({ phase: 'home', ticket: null, issueError: null, issueErrorCode: null });
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
