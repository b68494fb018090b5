/** Issuing a ticket at the kiosk, and whether this browser (or window) may issue at all. */
import { API, issuedTicketSchema, kioskStatusResponseSchema, type IssuedTicket } from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';

export function createTicketsApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = o.baseUrl ?? '';
  return {
    /** `priority`: a 博愛 ticket (elderly, disabled, pregnant). */
    issueTicket: async (serviceId: string, priority = false): Promise<IssuedTicket> =>
      request(fetchFn, base + API.tickets, issuedTicketSchema, {
        method: 'POST',
        body: priority ? { serviceId, priority } : { serviceId },
        kioskCredential: (await o.kioskCredential?.()) ?? null,
      }),
    /** Whether this browser (or window) may issue tickets. */
    kioskStatus: async (): Promise<{ provisioned: boolean }> =>
      request(fetchFn, base + API.kioskStatus, kioskStatusResponseSchema, { method: 'GET', kioskCredential: (await o.kioskCredential?.()) ?? null }),
  };
}
export type TicketsApi = ReturnType<typeof createTicketsApi>;
