/** Reprinting one of today's tickets (counter, desk or admin). */
import { API, reprintResponseSchema, type ReprintResponse } from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';

export function createReprintApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    reprint: (number: string): Promise<ReprintResponse> =>
      request(fetchFn, (o.baseUrl ?? '') + API.staffReprint, reprintResponseSchema, { method: 'POST', body: { number }, csrfToken: o.csrfToken?.() ?? null }),
  };
}
export type ReprintApi = ReturnType<typeof createReprintApi>;
