/**
 * The device view's one command: forget a screen listed quietly. The line goes
 * when the next devices.health snapshot comes (the server publishes one).
 */
import type { StateCreator } from 'zustand';
import { errorMessage } from '../../client/call';
import { whenSessionLost, type OnSessionLost } from '../auth/session';
import type { DevicesHealthApi } from './api';

export interface DevicesHealthSlice {
  /** The screen line being forgotten while the request is on its way. */
  forgettingScreen: string | null;
  /** Why the last forget was refused, beside that line. */
  forgetScreenError: { id: string; message: string } | null;
  forgetScreen: (id: string) => Promise<boolean>;
}

export const DEVICES_HEALTH_SIGNED_OUT = { forgettingScreen: null, forgetScreenError: null } satisfies Partial<DevicesHealthSlice>;

export function createDevicesHealthSlice(api: DevicesHealthApi, onSessionLost: OnSessionLost): StateCreator<DevicesHealthSlice, [], [], DevicesHealthSlice> {
  return (set, get) => ({
    ...DEVICES_HEALTH_SIGNED_OUT,
    forgetScreen: async (id) => {
      if (get().forgettingScreen !== null) return false;
      set({ forgettingScreen: id, forgetScreenError: null });
      try {
        await api.forgetScreen(id);
        set({ forgettingScreen: null });
        return true;
      } catch (err) {
        set({ forgettingScreen: null, forgetScreenError: { id, message: errorMessage(err) } });
        whenSessionLost(err, onSessionLost);
        return false;
      }
    },
  });
}
