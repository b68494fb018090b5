/**
 * The kiosk's ticket: one tap issues one ticket (never two for a double tap),
 * the result or the server's reason is shown, and the kiosk is calm again.
 */
import type { StateCreator, StoreApi } from 'zustand';
import type { IssuedTicket } from '../../../core/contract';
import { ApiError, errorMessage } from '../../client/call';
import { inShell } from '../../client/shell';
import type { LiveSlice } from '../live/slice';
import type { TicketsApi } from './api';

export type KioskPhase = 'home' | 'issuing' | 'result' | 'error';

export interface IssueSlice {
  phase: KioskPhase;
  /** 博愛 (elderly, disabled, pregnant) chosen for the next ticket; off again after every ticket. */
  priority: boolean;
  /** When the last `queue.board` snapshot arrived (kiosk clock), to know how fresh its `open` flags are. */
  boardAt: number | null;
  /** The service of the last failed issue (to explain a 503 for a closed service). */
  issueErrorService: string | null;
  ticket: IssuedTicket | null;
  issueError: string | null;
  /** The server's error code for the last failed issue ('unavailable' when the printer cannot print). */
  issueErrorCode: string | null;
  /** null until the server answered; true in the Electron kiosk window. */
  provisioned: boolean | null;
  /**
   * Issue a ticket; ignored unless the kiosk is on its home screen (no double
   * tickets) and the server lets the kiosk issue (topic `kiosk.status`).
   */
  issue: (serviceId: string) => Promise<void>;
  backHome: () => void;
  setPriority: (on: boolean) => void;
  /** Ask the server whether this browser may issue tickets. */
  checkProvisioned: () => Promise<void>;
}

/**
 * Whether the kiosk offers its services now. Until the first `kiosk.status`
 * snapshot arrives the kiosk stays open (the server refuses a ticket it
 * cannot print anyway); paper near end keeps canIssue true on the server.
 */
export function kioskCanIssue(s: Pick<LiveSlice, 'snapshots'>): boolean {
  return s.snapshots['kiosk.status']?.canIssue !== false;
}

export function createIssueSlice(api: Pick<TicketsApi, 'issueTicket' | 'kioskStatus'>): StateCreator<IssueSlice & LiveSlice, [], [], IssueSlice> {
  return (set, get) => ({
    phase: 'home',
    ticket: null,
    issueError: null,
    issueErrorCode: null,
    issueErrorService: null,
    priority: false,
    boardAt: null,
    provisioned: null,
    issue: async (serviceId) => {
      if (get().phase !== 'home') return; // a request is in flight or a result is showing
      if (!kioskCanIssue(get())) return; // paused: the buttons are not offered
      const priority = get().priority;
      set({ phase: 'issuing', issueError: null, issueErrorCode: null, issueErrorService: null, ticket: null });
      try {
        const ticket = await api.issueTicket(serviceId, priority);
        // the next citizen starts without priority, whatever this one chose
        set({ phase: 'result', ticket, priority: false });
      } catch (err) {
        set({
          phase: 'error',
          priority: false,
          issueError: errorMessage(err),
          issueErrorCode: err instanceof ApiError ? err.code : null,
          issueErrorService: serviceId,
        });
      }
    },
    backHome: () => {
      if (get().phase === 'issuing') return;
      set({ phase: 'home', ticket: null, issueError: null, issueErrorCode: null, issueErrorService: null, priority: false });
    },
    setPriority: (on) => {
      if (get().phase !== 'home') return;
      set({ priority: on });
    },
    checkProvisioned: async () => {
      try {
        const { provisioned } = await api.kioskStatus();
        set({ provisioned: provisioned || inShell() });
      } catch {
        // Unreachable server: the kiosk shows its offline notice anyway; do not claim "not set up".
        set({ provisioned: null });
      }
    },
  });
}

/** Note when each `queue.board` snapshot arrives (see `boardAt`). */
export function trackBoardTime(store: StoreApi<IssueSlice & LiveSlice>, now: () => number = Date.now): () => void {
  return store.subscribe((s, prev) => {
    if (s.snapshots['queue.board'] !== prev.snapshots['queue.board']) store.setState({ boardAt: now() });
  });
}
