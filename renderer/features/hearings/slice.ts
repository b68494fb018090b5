/** The staff 開庭進度 tab: the day's hearings, one move at a time, imports, hearings entered by hand and corrected. */
import type { StateCreator } from 'zustand';
import type { Hearing, HearingImportRequest, HearingImportResult, HearingInput, HearingState } from '../../../core/contract';
import { ApiError, errorMessage } from '../../client/call';
import { whenSessionLost, type OnSessionLost } from '../auth/session';
import type { HearingsApi } from './api';

export interface HearingsSlice {
  hearings: Hearing[] | null;
  hearingsError: string | null;
  /** The hearing whose move is on its way. */
  moving: number | null;
  moveError: { id: number; message: string } | null;
  importing: boolean;
  importResult: (HearingImportResult & { file: string }) | null;
  importError: { file: string; message: string; rows: { row: number | null; message: string }[] } | null;
  creating: boolean;
  hearingCreateError: string | null;
  createdCase: string | null;
  /** The hearing whose correction is on its way, and why the last one was refused. */
  saving: number | null;
  editError: { id: number; message: string } | null;
  loadHearings: () => Promise<void>;
  moveHearing: (id: number, to: HearingState) => Promise<boolean>;
  /** Deletes a hearing (its row's busy mark and error are the move's). */
  deleteHearing: (id: number) => Promise<boolean>;
  importFile: (file: string, req: HearingImportRequest) => Promise<boolean>;
  createHearing: (input: HearingInput) => Promise<boolean>;
  updateHearing: (id: number, input: HearingInput) => Promise<boolean>;
}

/** What the tab shows before anything loaded, and again once signed out. */
export const HEARINGS_CLEARED = {
  hearings: null,
  hearingsError: null,
  moving: null,
  moveError: null,
  importing: false,
  importResult: null,
  importError: null,
  creating: false,
  hearingCreateError: null,
  createdCase: null,
  saving: null,
  editError: null,
} satisfies Partial<HearingsSlice>;

export function createHearingsSlice(api: HearingsApi, onSessionLost: OnSessionLost): StateCreator<HearingsSlice, [], [], HearingsSlice> {
  const lost = (err: unknown) => whenSessionLost(err, onSessionLost);
  return (set, get) => ({
    ...HEARINGS_CLEARED,
    loadHearings: async () => {
      try {
        set({ hearings: await api.hearings(), hearingsError: null });
      } catch (err) {
        set({ hearingsError: errorMessage(err) });
        lost(err);
      }
    },
    moveHearing: async (id, to) => {
      if (get().moving !== null) return false;
      set({ moving: id, moveError: null });
      try {
        const h = await api.moveHearing(id, to);
        set((s) => ({ moving: null, hearings: s.hearings?.map((x) => (x.id === h.id ? h : x)) ?? s.hearings }));
        void get().loadHearings(); // estimates of the room's other hearings moved too
        return true;
      } catch (err) {
        set({ moving: null, moveError: { id, message: errorMessage(err) } });
        lost(err);
        void get().loadHearings(); // someone else may have moved it first
        return false;
      }
    },
    deleteHearing: async (id) => {
      if (get().moving !== null) return false;
      set({ moving: id, moveError: null });
      try {
        await api.deleteHearing(id);
        set((s) => ({ moving: null, hearings: s.hearings?.filter((x) => x.id !== id) ?? s.hearings }));
        return true;
      } catch (err) {
        set({ moving: null, moveError: { id, message: errorMessage(err) } });
        lost(err);
        void get().loadHearings();
        return false;
      }
    },
    importFile: async (file, req) => {
      if (get().importing) return false;
      set({ importing: true, importResult: null, importError: null });
      try {
        const res = await api.importHearings(req);
        set({ importing: false, importResult: { ...res, file } });
        void get().loadHearings();
        return true;
      } catch (err) {
        const rows = err instanceof ApiError ? err.details.map((d) => ({ row: d.row ?? null, message: d.message })) : [];
        set({ importing: false, importError: { file, message: errorMessage(err), rows } });
        lost(err);
        return false;
      }
    },
    updateHearing: async (id, input) => {
      if (get().saving !== null) return false;
      set({ saving: id, editError: null });
      try {
        const h = await api.updateHearing(id, input);
        set((s) => ({ saving: null, hearings: s.hearings?.map((x) => (x.id === h.id ? h : x)) ?? s.hearings }));
        void get().loadHearings(); // a new time or room moves the estimates of the rooms' other hearings
        return true;
      } catch (err) {
        set({ saving: null, editError: { id, message: errorMessage(err) } });
        lost(err);
        return false;
      }
    },
    createHearing: async (input) => {
      if (get().creating) return false;
      set({ creating: true, hearingCreateError: null, createdCase: null });
      try {
        const h = await api.createHearing(input);
        set({ creating: false, createdCase: h.caseNumber });
        void get().loadHearings();
        return true;
      } catch (err) {
        set({ creating: false, hearingCreateError: errorMessage(err) });
        lost(err);
        return false;
      }
    },
  });
}
