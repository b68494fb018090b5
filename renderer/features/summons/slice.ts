/**
 * The kiosk's summons look-up: a citizen scans the QR code on a summons (the
 * server's USB scanner publishes `kiosk.scan`; a keyboard-wedge scanner types
 * into the page) or types the case number and code, and sees where to go.
 */
import type { StateCreator } from 'zustand';
import type { HearingLookup, KioskScan } from '../../../core/contract';
import type { SummonsApi } from './api';
import { parseSummons, type SummonsRef } from './case-number';
import { lookupProblemOf, scanProblemOf, type LookupProblem } from './problems';

export type SummonsPhase = 'closed' | 'prompt' | 'manual' | 'looking' | 'result' | 'problem';

export interface SummonsSlice {
  summonsPhase: SummonsPhase;
  summonsResult: HearingLookup | null;
  summonsProblem: LookupProblem | null;
  /** Grows with every look-up shown, so the idle timer restarts for each. */
  summonsShown: number;
  openSummons: () => void;
  openSummonsManual: () => void;
  closeSummons: () => void;
  /** A scanned text (wedge): parse it and look it up. */
  summonsScanned: (text: string) => Promise<void>;
  lookUpSummons: (ref: SummonsRef) => Promise<void>;
  /** A new `kiosk.scan` snapshot from the server's scanner. */
  showScan: (scan: KioskScan) => void;
}

export function createSummonsSlice(api: Pick<SummonsApi, 'phoneHearing'>): StateCreator<SummonsSlice, [], [], SummonsSlice> {
  let seq = 0;
  return (set, get) => ({
    summonsPhase: 'closed',
    summonsResult: null,
    summonsProblem: null,
    summonsShown: 0,
    openSummons: () => set({ summonsPhase: 'prompt', summonsResult: null, summonsProblem: null }),
    openSummonsManual: () => set({ summonsPhase: 'manual', summonsResult: null, summonsProblem: null }),
    closeSummons: () => {
      seq++;
      set({ summonsPhase: 'closed', summonsResult: null, summonsProblem: null });
    },
    summonsScanned: async (text) => {
      const ref = parseSummons(text);
      if (!ref) {
        seq++;
        set((s) => ({ summonsPhase: 'problem', summonsResult: null, summonsProblem: 'unreadable', summonsShown: s.summonsShown + 1 }));
        return;
      }
      await get().lookUpSummons(ref);
    },
    lookUpSummons: async (ref) => {
      const mine = ++seq;
      set({ summonsPhase: 'looking', summonsResult: null, summonsProblem: null });
      try {
        const result = await api.phoneHearing(ref);
        if (mine !== seq) return;
        set((s) => ({ summonsPhase: 'result', summonsResult: result, summonsShown: s.summonsShown + 1 }));
      } catch (err) {
        if (mine !== seq) return;
        set((s) => ({ summonsPhase: 'problem', summonsProblem: lookupProblemOf(err), summonsShown: s.summonsShown + 1 }));
      }
    },
    showScan: (scan) => {
      seq++;
      if (scan.result) set((s) => ({ summonsPhase: 'result', summonsResult: scan.result, summonsProblem: null, summonsShown: s.summonsShown + 1 }));
      else set((s) => ({ summonsPhase: 'problem', summonsResult: null, summonsProblem: scanProblemOf(scan.error), summonsShown: s.summonsShown + 1 }));
    },
  });
}
