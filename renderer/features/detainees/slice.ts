/** The staff 新收人犯 tab: the day's people, recording one, correcting or deleting one, moving one a stage on. */
import type { StateCreator } from 'zustand';
import type { Detainee, DetaineeInput } from '../../../core/contract';
import { errorMessage } from '../../client/call';
import { whenSessionLost, type OnSessionLost } from '../auth/session';
import type { DetaineesApi } from './api';
import type { DetaineeSteps } from './steps';

export interface DetaineesSlice {
  detainees: Detainee[] | null;
  /** The site's stages and outcomes, sent with the list; null until it has loaded. */
  detaineeSteps: DetaineeSteps | null;
  detaineesError: string | null;
  recording: boolean;
  recordError: string | null;
  staging: number | null;
  stageError: { id: number; message: string } | null;
  /** The record whose correction is on its way, and why the last one was refused. */
  savingDetainee: number | null;
  detaineeEditError: { id: number; message: string } | null;
  loadDetainees: () => Promise<void>;
  recordDetainee: (input: DetaineeInput) => Promise<boolean>;
  setDetaineeStage: (id: number, stage: string) => Promise<boolean>;
  updateDetainee: (id: number, input: DetaineeInput) => Promise<boolean>;
  /** Deletes a record entered by mistake (its row's busy mark and error are the stage's). */
  deleteDetainee: (id: number) => Promise<boolean>;
}

/** What the tab shows before anything loaded, and again once signed out. */
export const DETAINEES_CLEARED = {
  detainees: null,
  detaineeSteps: null,
  detaineesError: null,
  recording: false,
  recordError: null,
  staging: null,
  stageError: null,
  savingDetainee: null,
  detaineeEditError: null,
} satisfies Partial<DetaineesSlice>;

export function createDetaineesSlice(api: DetaineesApi, onSessionLost: OnSessionLost): StateCreator<DetaineesSlice, [], [], DetaineesSlice> {
  const lost = (err: unknown) => whenSessionLost(err, onSessionLost);
  return (set, get) => ({
    ...DETAINEES_CLEARED,
    loadDetainees: async () => {
      try {
        const res = await api.detainees();
        set({ detainees: res.detainees, detaineeSteps: { stages: res.stages, outcomes: res.outcomes }, detaineesError: null });
      } catch (err) {
        set({ detaineesError: errorMessage(err) });
        lost(err);
      }
    },
    recordDetainee: async (input) => {
      if (get().recording) return false;
      set({ recording: true, recordError: null });
      try {
        const d = await api.recordDetainee(input);
        set((s) => ({ recording: false, detainees: s.detainees ? [...s.detainees.filter((x) => x.id !== d.id), d] : [d] }));
        void get().loadDetainees();
        return true;
      } catch (err) {
        set({ recording: false, recordError: errorMessage(err) });
        lost(err);
        return false;
      }
    },
    updateDetainee: async (id, input) => {
      if (get().savingDetainee !== null) return false;
      set({ savingDetainee: id, detaineeEditError: null });
      try {
        const d = await api.updateDetainee(id, input);
        set((s) => ({ savingDetainee: null, detainees: s.detainees?.map((x) => (x.id === d.id ? d : x)) ?? s.detainees }));
        void get().loadDetainees(); // a new time moves the person in the day's order
        return true;
      } catch (err) {
        set({ savingDetainee: null, detaineeEditError: { id, message: errorMessage(err) } });
        lost(err);
        return false;
      }
    },
    deleteDetainee: async (id) => {
      if (get().staging !== null) return false;
      set({ staging: id, stageError: null });
      try {
        await api.deleteDetainee(id);
        set((s) => ({ staging: null, detainees: s.detainees?.filter((x) => x.id !== id) ?? s.detainees }));
        return true;
      } catch (err) {
        set({ staging: null, stageError: { id, message: errorMessage(err) } });
        lost(err);
        void get().loadDetainees();
        return false;
      }
    },
    setDetaineeStage: async (id, stage) => {
      if (get().staging !== null) return false;
      set({ staging: id, stageError: null });
      try {
        const d = await api.setDetaineeStage(id, stage);
        set((s) => ({ staging: null, detainees: s.detainees?.map((x) => (x.id === d.id ? d : x)) ?? s.detainees }));
        return true;
      } catch (err) {
        set({ staging: null, stageError: { id, message: errorMessage(err) } });
        lost(err);
        void get().loadDetainees();
        return false;
      }
    },
  });
}
