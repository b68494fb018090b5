/** The phone status page's store: one ticket, polled. Reveals nothing about other tickets. */
import { create, type StateCreator } from 'zustand';
import type { PhoneTicket } from '../../core/contract';
import { guessLang } from '../i18n';
import { ApiError, createApiClient, errorMessage, type ApiClient } from './api';
import { createLangSlice, createSiteSlice, type LangSlice, type SiteSlice } from './slices';

export interface PhoneSlice {
  ticket: PhoneTicket | null;
  notFound: boolean;
  phoneError: string | null;
  updatedAt: number | null;
  refresh: (token: string) => Promise<void>;
}

export type PhoneState = SiteSlice & LangSlice & PhoneSlice;

export function createPhoneSlice(api: Pick<ApiClient, 'phoneTicket'>): StateCreator<PhoneState, [], [], PhoneSlice> {
  return (set) => ({
    ticket: null,
    notFound: false,
    phoneError: null,
    updatedAt: null,
    refresh: async (token) => {
      try {
        const ticket = await api.phoneTicket(token);
        set({ ticket, notFound: false, phoneError: null, updatedAt: Date.now() });
      } catch (err) {
        if (err instanceof ApiError && (err.status === 404 || err.status === 410)) {
          set({ ticket: null, notFound: true, phoneError: null });
        } else {
          set({ phoneError: errorMessage(err) }); // keep the last good ticket on screen
        }
      }
    },
  });
}

export function createPhoneStore(api: ApiClient = createApiClient()) {
  const initial = typeof navigator !== 'undefined' ? guessLang(navigator.languages) : 'zh-TW';
  return create<PhoneState>()((...a) => ({
    ...createSiteSlice<PhoneState>(api)(...a),
    ...createLangSlice<PhoneState>(initial)(...a),
    ...createPhoneSlice(api)(...a),
  }));
}

export type PhoneStore = ReturnType<typeof createPhoneStore>;
