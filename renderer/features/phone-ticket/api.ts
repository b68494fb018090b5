/** One ticket by the token of its phone link (public; reveals nothing about other tickets). */
import { API, phoneTicketSchema, type PhoneTicket } from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';

export function createPhoneTicketApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    phoneTicket: (token: string, signal?: AbortSignal): Promise<PhoneTicket> =>
      request(fetchFn, (o.baseUrl ?? '') + API.phoneTicket(token), phoneTicketSchema, { method: 'GET', signal }),
  };
}
export type PhoneTicketApi = ReturnType<typeof createPhoneTicketApi>;
