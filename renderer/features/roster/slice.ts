/** The staff 值班表 tab: one day's roster as editable rows, checked before it is saved. */
import type { StateCreator } from 'zustand';
import type { RosterDayResponse } from '../../../core/contract';
import { errorMessage } from '../../client/call';
import { whenSessionLost, type OnSessionLost } from '../auth/session';
import type { RosterApi } from './api';
import { rosterRequestFrom, rosterRowsFrom, type RosterRow } from './form';

export interface RosterSlice {
  roster: { date: string; rows: RosterRow[]; shifts: RosterDayResponse['shifts']; roles: RosterDayResponse['roles'] } | null;
  rosterLoading: boolean;
  rosterError: string | null;
  rosterRowErrors: { index: number; message: string }[];
  rosterSaving: boolean;
  rosterSavedAt: number | null;
  rosterDirty: boolean;
  loadRoster: (date: string) => Promise<void>;
  setRosterRows: (rows: RosterRow[]) => void;
  saveRoster: () => Promise<boolean>;
}

/** What the tab shows before anything loaded, and again once signed out. */
export const ROSTER_CLEARED = {
  roster: null,
  rosterLoading: false,
  rosterError: null,
  rosterRowErrors: [],
  rosterSaving: false,
  rosterSavedAt: null,
  rosterDirty: false,
} satisfies Partial<RosterSlice>;

export function createRosterSlice(api: RosterApi, onSessionLost: OnSessionLost): StateCreator<RosterSlice, [], [], RosterSlice> {
  const lost = (err: unknown) => whenSessionLost(err, onSessionLost);
  return (set, get) => ({
    ...ROSTER_CLEARED,
    loadRoster: async (date) => {
      set({ rosterLoading: true, rosterError: null, rosterRowErrors: [], rosterSavedAt: null });
      try {
        const res = await api.roster(date);
        set({
          rosterLoading: false,
          rosterDirty: false,
          roster: { date: res.date, rows: rosterRowsFrom(res.entries), shifts: res.shifts, roles: res.roles },
        });
      } catch (err) {
        set({ rosterLoading: false, rosterError: errorMessage(err) });
        lost(err);
      }
    },
    setRosterRows: (rows) => set((s) => (s.roster ? { roster: { ...s.roster, rows }, rosterDirty: true, rosterSavedAt: null, rosterRowErrors: [] } : {})),
    saveRoster: async () => {
      const roster = get().roster;
      if (!roster || get().rosterSaving) return false;
      const form = rosterRequestFrom(roster.rows);
      if (!form.ok) {
        set({ rosterRowErrors: form.errors, rosterError: null });
        return false;
      }
      set({ rosterSaving: true, rosterError: null, rosterRowErrors: [] });
      try {
        const res = await api.saveRoster(roster.date, form.request);
        set((s) => ({
          rosterSaving: false,
          rosterDirty: false,
          rosterSavedAt: Date.now(),
          roster: s.roster && s.roster.date === res.date ? { ...s.roster, rows: rosterRowsFrom(res.entries) } : s.roster,
        }));
        return true;
      } catch (err) {
        set({ rosterSaving: false, rosterError: errorMessage(err) });
        lost(err);
        return false;
      }
    },
  });
}
