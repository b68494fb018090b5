/** Issuing a ticket at the kiosk, and whether this browser (or window) may issue at all. */
import { ROUTES, type IssuedTicket } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createTicketsApi(call: Call) {
  return {
    /** `priority`: a 博愛 ticket (elderly, disabled, pregnant). */
    issueTicket: (serviceId: string, priority = false): Promise<IssuedTicket> => call(ROUTES.issueTicket, { body: priority ? { serviceId, priority } : { serviceId } }),
    /** Whether this browser (or window) may issue tickets. */
    kioskStatus: (): Promise<{ provisioned: boolean }> => call(ROUTES.kioskStatus),
  };
}
export type TicketsApi = ReturnType<typeof createTicketsApi>;
