/** Reprints from the device view's failed-print list or its form: one at a time, the result shown where it was asked. */
import type { StateCreator } from 'zustand';
import type { PrintJob } from '../../../core/contract';
import { errorMessage } from '../../client/call';
import { whenSessionLost, type OnSessionLost } from '../auth/session';
import type { ReprintApi } from './api';

/** Where a reprint was asked for: its result is shown there. */
export type ReprintSource = 'list' | 'form';

export interface ReprintSlice {
  /** The ticket number being reprinted now. */
  reprinting: string | null;
  /** The last reprint the server accepted. */
  reprintDone: { number: string; job: PrintJob; source: ReprintSource } | null;
  reprintError: { number: string; message: string; source: ReprintSource } | null;
  /** Reprint today's ticket `number`; resolves true when the server accepted it. */
  reprint: (number: string, source?: ReprintSource) => Promise<boolean>;
  clearReprint: () => void;
}

/** What the console forgets on sign-out. */
export const REPRINT_SIGNED_OUT = { reprintDone: null, reprintError: null } satisfies Partial<ReprintSlice>;

export function createReprintSlice(api: ReprintApi, onSessionLost: OnSessionLost): StateCreator<ReprintSlice, [], [], ReprintSlice> {
  return (set, get) => ({
    reprinting: null,
    reprintDone: null,
    reprintError: null,
    reprint: async (raw, source = 'form') => {
      const number = raw.trim().toUpperCase();
      if (get().reprinting) return false;
      set({ reprinting: number, reprintDone: null, reprintError: null });
      try {
        const res = await api.reprint(number);
        set({ reprinting: null, reprintDone: { number, job: res.job, source } });
        return true;
      } catch (err) {
        set({ reprinting: null, reprintError: { number, message: errorMessage(err), source } });
        whenSessionLost(err, onSessionLost);
        return false;
      }
    },
    clearReprint: () => set({ reprintDone: null, reprintError: null }),
  });
}
