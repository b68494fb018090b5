/** The phone status page of one ticket: the ticket as the server last said, one request at a time. */
import type { StateCreator } from 'zustand';
import type { PhoneTicket, TicketStatus } from '../../../core/contract';
import { ApiError, errorMessage } from '../../client/call';
import type { PhoneTicketApi } from './api';

export interface PhoneTicketSlice {
  ticket: PhoneTicket | null;
  notFound: boolean;
  phoneError: string | null;
  updatedAt: number | null;
  refresh: (token: string) => Promise<void>;
}

/** Nothing more will happen to a ticket in these states. */
export const FINAL_STATUSES: readonly TicketStatus[] = ['done', 'no_show', 'expired'];

export function createPhoneTicketSlice(api: Pick<PhoneTicketApi, 'phoneTicket'>): StateCreator<PhoneTicketSlice, [], [], PhoneTicketSlice> {
  // One request at a time; a refresh asked for meanwhile runs once after it
  // (its answer may predate the change that asked).
  let inFlight: Promise<void> | null = null;
  let again = false;
  return (set, get) => ({
    ticket: null,
    notFound: false,
    phoneError: null,
    updatedAt: null,
    refresh: (token) => {
      if (inFlight) {
        again = true;
        return inFlight;
      }
      inFlight = (async () => {
        try {
          const ticket = await api.phoneTicket(token);
          set({ ticket, notFound: false, phoneError: null, updatedAt: Date.now() });
        } catch (err) {
          if (err instanceof ApiError && (err.status === 404 || err.status === 410)) {
            set({ ticket: null, notFound: true, phoneError: null });
          } else {
            set({ phoneError: errorMessage(err) }); // keep the last good ticket on screen
          }
        } finally {
          inFlight = null;
        }
        if (again) {
          again = false;
          await get().refresh(token);
        }
      })();
      return inFlight;
    },
  });
}
