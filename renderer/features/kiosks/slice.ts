/**
 * The admin's 取號機與平板 Kiosks & tablets tab: the devices set up, a one-time set-up
 * link for a new ticket kiosk or a counter's rating tablet (shown with its QR and
 * expiry until the next one), and revoking a device.
 */
import type { StateCreator } from 'zustand';
import type { KioskProvisionRequest, KioskProvisionResponse } from '../../../core/contract';
import { errorMessage } from '../../client/call';
import { whenSessionLost, type OnSessionLost } from '../auth/session';
import type { KiosksApi } from './api';

export type KioskRow = Awaited<ReturnType<KiosksApi['kiosks']>>[number];

export interface KiosksSlice {
  /** Newest first, revoked ones too (marked); null until loaded. */
  kiosks: KioskRow[] | null;
  kiosksError: string | null;
  /** 'link' while a link is being made, or the id being revoked. */
  kioskBusy: 'link' | number | null;
  /** The last link made, with what it is for; it is shown once, until another is made or the tab is left. */
  kioskLink: (KioskProvisionResponse & { request: KioskProvisionRequest }) | null;
  /** The server's words for the last link or revoke that failed. */
  kioskActionError: string | null;
  loadKiosks: () => Promise<void>;
  provisionKiosk: (req: KioskProvisionRequest) => Promise<boolean>;
  revokeKiosk: (id: number) => Promise<boolean>;
  forgetKioskLink: () => void;
}

/** What the console forgets on sign-out: a set-up link above all. */
export const KIOSKS_SIGNED_OUT = { kiosks: null, kioskLink: null, kioskActionError: null } satisfies Partial<KiosksSlice>;

export function createKiosksSlice(api: KiosksApi, onSessionLost: OnSessionLost): StateCreator<KiosksSlice, [], [], KiosksSlice> {
  const lost = (err: unknown) => whenSessionLost(err, onSessionLost);
  return (set, get) => ({
    kiosks: null,
    kiosksError: null,
    kioskBusy: null,
    kioskLink: null,
    kioskActionError: null,
    loadKiosks: async () => {
      try {
        set({ kiosks: await api.kiosks(), kiosksError: null });
      } catch (err) {
        set({ kiosksError: errorMessage(err) });
        lost(err);
      }
    },
    provisionKiosk: async (req) => {
      if (get().kioskBusy !== null) return false;
      set({ kioskBusy: 'link', kioskActionError: null, kioskLink: null });
      try {
        const link = await api.provisionKiosk(req);
        set({ kioskBusy: null, kioskLink: { ...link, request: req } });
        return true;
      } catch (err) {
        set({ kioskBusy: null, kioskActionError: errorMessage(err) });
        lost(err);
        return false;
      }
    },
    revokeKiosk: async (id) => {
      if (get().kioskBusy !== null) return false;
      set({ kioskBusy: id, kioskActionError: null });
      try {
        await api.revokeKiosk(id);
        set({ kioskBusy: null });
        await get().loadKiosks();
        return true;
      } catch (err) {
        set({ kioskBusy: null, kioskActionError: errorMessage(err) });
        lost(err);
        return false;
      }
    },
    forgetKioskLink: () => set({ kioskLink: null }),
  });
}
