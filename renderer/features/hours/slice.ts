/** The admin's 營業時間 Opening hours tab: each service's hours, saving a week or going back to the site file's. */
import type { StateCreator } from 'zustand';
import type { ServiceHours, SetHoursRequest } from '../../../core/contract';
import { errorMessage } from '../../client/call';
import { whenSessionLost, type OnSessionLost } from '../auth/session';
import type { HoursApi } from './api';

export interface HoursSlice {
  /** Each service's hours, in the site's order; null until loaded. */
  serviceHours: ServiceHours[] | null;
  hoursError: string | null;
  /** The service being saved or reset. */
  hoursBusy: string | null;
  /** The last save or reset: which service, or why it failed. */
  hoursSaved: { serviceId: string; at: number } | { serviceId: string; error: string } | null;
  loadHours: () => Promise<void>;
  saveHours: (serviceId: string, req: SetHoursRequest) => Promise<boolean>;
  resetHours: (serviceId: string) => Promise<boolean>;
}

export const HOURS_SIGNED_OUT = { serviceHours: null, hoursSaved: null } satisfies Partial<HoursSlice>;

export function createHoursSlice(api: HoursApi, onSessionLost: OnSessionLost): StateCreator<HoursSlice, [], [], HoursSlice> {
  const lost = (err: unknown) => whenSessionLost(err, onSessionLost);
  const replace = (list: ServiceHours[] | null, s: ServiceHours) => (list ?? []).map((x) => (x.serviceId === s.serviceId ? s : x));
  const change = (set: (p: Partial<HoursSlice>) => void, get: () => HoursSlice, serviceId: string, run: () => Promise<ServiceHours>) => async () => {
    if (get().hoursBusy !== null) return false;
    set({ hoursBusy: serviceId, hoursSaved: null });
    try {
      const saved = await run();
      set({ hoursBusy: null, serviceHours: replace(get().serviceHours, saved), hoursSaved: { serviceId, at: Date.now() } });
      return true;
    } catch (err) {
      set({ hoursBusy: null, hoursSaved: { serviceId, error: errorMessage(err) } });
      lost(err);
      return false;
    }
  };
  return (set, get) => ({
    serviceHours: null,
    hoursError: null,
    hoursBusy: null,
    hoursSaved: null,
    loadHours: async () => {
      try {
        set({ serviceHours: await api.serviceHours(), hoursError: null });
      } catch (err) {
        set({ hoursError: errorMessage(err) });
        lost(err);
      }
    },
    saveHours: (serviceId, req) => change(set, get, serviceId, () => api.setHours(serviceId, req))(),
    resetHours: (serviceId) => change(set, get, serviceId, () => api.resetHours(serviceId))(),
  });
}
