/**
 * The kiosk's summons look-up: a citizen scans the QR code on a summons (the
 * server's USB scanner publishes `kiosk.scan`; a keyboard-wedge scanner types
 * into this page) or types the case number and code, and sees where to go.
 * Also whether this browser may issue tickets at all (API.kioskStatus).
 */
import { create } from 'zustand';
import type { HearingLookup, KioskScan } from '../../../core/contract';
import { WedgeDetector, type WedgeDetectorOptions } from '../../components/wedge-detector';
import { createApiClient } from '../../store/api';
import {
  createCourtApi,
  lookupProblemOf,
  parseSummons,
  type CourtApi,
  type LookupProblem,
  type SummonsRef,
} from '../../store/court';
import { shellKioskCredential } from '../../client/shell';

export type SummonsPhase = 'closed' | 'prompt' | 'manual' | 'looking' | 'result' | 'problem';

export interface SummonsState {
  phase: SummonsPhase;
  result: HearingLookup | null;
  problem: LookupProblem | null;
  /** Grows with every look-up shown, so the idle timer restarts for each. */
  shown: number;
  /** null until the server answered; true in the Electron kiosk window. */
  provisioned: boolean | null;
  open: () => void;
  openManual: () => void;
  close: () => void;
  /** A scanned text (wedge): parse it and look it up. */
  scanned: (text: string) => Promise<void>;
  lookUp: (ref: SummonsRef) => Promise<void>;
  /** A new `kiosk.scan` snapshot from the server's scanner. */
  showScan: (scan: KioskScan) => void;
  checkProvisioned: () => Promise<void>;
}

/** The server's words for a scan it could not use, as one of the kiosk's own messages. */
export function scanProblemOf(error: string | null): LookupProblem {
  if (!error) return 'network';
  if (/查無|no hearing/i.test(error)) return 'not_found';
  if (/無法辨識|not a summons/i.test(error)) return 'unreadable';
  if (/過多|too many/i.test(error)) return 'too_many';
  return 'network';
}

/** The Electron shell's preload is there (its kiosk window always has a credential). */
export function inShell(): boolean {
  return typeof (globalThis as { lobbyShell?: unknown }).lobbyShell === 'object';
}

export function createSummonsStore(
  api: Pick<CourtApi, 'phoneHearing'> = createCourtApi({ kioskCredential: shellKioskCredential }),
  status: () => Promise<{ provisioned: boolean }> = createApiClient({ kioskCredential: shellKioskCredential }).kioskStatus,
) {
  let seq = 0;
  return create<SummonsState>()((set, get) => ({
    phase: 'closed',
    result: null,
    problem: null,
        shown: 0,
    provisioned: null,
    open: () => set({ phase: 'prompt', result: null, problem: null }),
    openManual: () => set({ phase: 'manual', result: null, problem: null }),
    close: () => {
      seq++;
      set({ phase: 'closed', result: null, problem: null });
    },
    scanned: async (text) => {
      const ref = parseSummons(text);
      if (!ref) {
        seq++;
        set((s) => ({ phase: 'problem', result: null, problem: 'unreadable', shown: s.shown + 1 }));
        return;
      }
      await get().lookUp(ref);
    },
    lookUp: async (ref) => {
      const mine = ++seq;
      set({ phase: 'looking', result: null, problem: null });
      try {
        const result = await api.phoneHearing(ref);
        if (mine !== seq) return;
        set((s) => ({ phase: 'result', result, shown: s.shown + 1 }));
      } catch (err) {
        if (mine !== seq) return;
        set((s) => ({ phase: 'problem', problem: lookupProblemOf(err), shown: s.shown + 1 }));
      }
    },
    showScan: (scan) => {
      seq++;
      if (scan.result) set((s) => ({ phase: 'result', result: scan.result, problem: null, shown: s.shown + 1 }));
      else set((s) => ({ phase: 'problem', result: null, problem: scanProblemOf(scan.error), shown: s.shown + 1 }));
    },
    checkProvisioned: async () => {
      try {
        const { provisioned } = await status();
        set({ provisioned: provisioned || inShell() });
      } catch {
        // Unreachable server: the kiosk shows its offline notice anyway; do not claim "not set up".
        set({ provisioned: null });
      }
    },
  }));
}

export type SummonsStore = ReturnType<typeof createSummonsStore>;

/**
 * Which `kiosk.scan` snapshots are new scans: the first one a page sees is
 * the last scan before it opened (ignored); after that every other seq is a
 * new scan — a restarted server starts again from 0, which is no scan.
 */
export function createScanWatcher(onScan: (scan: KioskScan) => void) {
  let last: number | null = null;
  return (scan: KioskScan | undefined) => {
    if (!scan) return;
    const before = last;
    last = scan.seq;
    if (before === null || scan.seq === before || scan.seq === 0) return;
    onScan(scan);
  };
}

/**
 * The detector's thresholds on the kiosk. A summons a wedge can read is its
 * percent-encoded URL (the Chinese of a bare case number cannot be typed as
 * keys), so a scan is long: at least 16 characters. A kiosk PC busy drawing
 * may space a scanner's keys out a little; a person still cannot type 16
 * keys at 25 ms apart on average (a fast typist is ~100 ms).
 */
export const KIOSK_WEDGE: WedgeDetectorOptions = { minLength: 16, maxGapMs: 80, maxMeanGapMs: 25 };

/**
 * The keyboard-wedge scanner: keys typed faster than a person can are a scan
 * and are swallowed; the scanned text is looked up. Returns the remover.
 */
export function bindWedge(
  onText: (text: string) => void,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  options: WedgeDetectorOptions = KIOSK_WEDGE,
): () => void {
  const wedge = new WedgeDetector(options);
  const off = wedge.onScan((scan) => onText(scan.text));
  const onKey = (e: KeyboardEvent) => {
    if (wedge.feed(e)) e.preventDefault();
  };
  const onBlur = () => wedge.flush();
  target.addEventListener('keydown', onKey as EventListener, true);
  target.addEventListener('blur', onBlur);
  return () => {
    off();
    wedge.dispose();
    target.removeEventListener('keydown', onKey as EventListener, true);
    target.removeEventListener('blur', onBlur);
  };
}

export const useSummons = createSummonsStore();
