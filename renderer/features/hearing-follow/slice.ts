/**
 * The phone page of one summons (/phone/hearing?c=&v=): the look-up of that
 * case and what it last said. A refresh that fails keeps the last good answer.
 */
import type { StateCreator } from 'zustand';
import type { HearingLookup } from '../../../core/contract';
import type { SummonsApi } from '../summons/api';
import type { SummonsRef } from '../summons/case-number';
import { lookupProblemOf, type LookupProblem } from '../summons/problems';

export interface HearingFollowSlice {
  ref: SummonsRef | null;
  lookup: HearingLookup | null;
  problem: LookupProblem | null;
  /** A refresh failed but the last good answer is still shown. */
  stale: boolean;
  loading: boolean;
  lookedUpAt: number | null;
  /** When the recent look-ups went out (newest last; at most 20 kept). */
  fetches: number[];
  /** Look up `ref` (a new case replaces the old one); resolves when answered. */
  look: (ref: SummonsRef) => Promise<void>;
  /** Forget the case (the form shows again). */
  resetLookup: () => void;
}

export function createHearingFollowSlice(api: Pick<SummonsApi, 'phoneHearing'>): StateCreator<HearingFollowSlice, [], [], HearingFollowSlice> {
  let seq = 0;
  return (set, get) => ({
    ref: null,
    lookup: null,
    problem: null,
    stale: false,
    loading: false,
    lookedUpAt: null,
    fetches: [],
    look: async (ref) => {
      const same = get().ref?.caseNumber === ref.caseNumber && get().ref?.code === ref.code;
      const mine = ++seq;
      set((s) => ({ ref, loading: true, fetches: [...s.fetches, Date.now()].slice(-20), ...(same ? {} : { lookup: null, problem: null, stale: false }) }));
      try {
        const lookup = await api.phoneHearing(ref);
        if (mine !== seq) return;
        set({ lookup, problem: null, stale: false, loading: false, lookedUpAt: Date.now() });
      } catch (err) {
        if (mine !== seq) return;
        const problem = lookupProblemOf(err);
        // A refresh that fails keeps the last good answer on screen (marked stale);
        // not found stays not found.
        if (get().lookup && problem !== 'not_found') set({ stale: true, loading: false, problem });
        else set({ lookup: null, problem, loading: false });
      }
    },
    resetLookup: () => {
      seq++;
      set({ ref: null, lookup: null, problem: null, stale: false, loading: false, lookedUpAt: null });
    },
  });
}
