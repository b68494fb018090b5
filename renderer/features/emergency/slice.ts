/** The admin's 緊急廣播 tab: raise or clear the broadcast every public screen shows (topic `emergency`). */
import type { StateCreator } from 'zustand';
import type { Emergency, RaiseEmergencyRequest } from '../../../core/contract';
import { errorMessage } from '../../client/call';
import { whenSessionLost, type OnSessionLost } from '../auth/session';
import type { EmergencyApi } from './api';

export interface EmergencySlice {
  emergencyBusy: 'raise' | 'clear' | null;
  emergencyError: string | null;
  raiseEmergency: (req: RaiseEmergencyRequest) => Promise<Emergency | null>;
  clearEmergency: () => Promise<boolean>;
}

export function createEmergencySlice(api: EmergencyApi, onSessionLost: OnSessionLost = () => undefined): StateCreator<EmergencySlice, [], [], EmergencySlice> {
  const lost = (err: unknown) => whenSessionLost(err, onSessionLost);
  return (set, get) => ({
    emergencyBusy: null,
    emergencyError: null,
    raiseEmergency: async (req) => {
      if (get().emergencyBusy) return null;
      set({ emergencyBusy: 'raise', emergencyError: null });
      try {
        const e = await api.raiseEmergency(req);
        set({ emergencyBusy: null });
        return e;
      } catch (err) {
        set({ emergencyBusy: null, emergencyError: errorMessage(err) });
        lost(err);
        return null;
      }
    },
    clearEmergency: async () => {
      if (get().emergencyBusy) return false;
      set({ emergencyBusy: 'clear', emergencyError: null });
      try {
        await api.clearEmergency();
        set({ emergencyBusy: null });
        return true;
      } catch (err) {
        set({ emergencyBusy: null, emergencyError: errorMessage(err) });
        lost(err);
        return false;
      }
    },
  });
}
