/** One ticket by the token of its phone link (public; reveals nothing about other tickets). */
import { ROUTES, type PhoneTicket } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createPhoneTicketApi(call: Call) {
  return {
    phoneTicket: (token: string, signal?: AbortSignal): Promise<PhoneTicket> => call(ROUTES.phoneTicket, { params: { token } }, { signal }),
  };
}
export type PhoneTicketApi = ReturnType<typeof createPhoneTicketApi>;
