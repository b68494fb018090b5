/** Reprinting one of today's tickets (counter, desk or admin). */
import { ROUTES, type ReprintResponse } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createReprintApi(call: Call) {
  return {
    reprint: (number: string): Promise<ReprintResponse> => call(ROUTES.reprint, { body: { number } }),
  };
}
export type ReprintApi = ReturnType<typeof createReprintApi>;
