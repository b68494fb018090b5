/** Sending a rating: a counter tablet answers its prompt, a kiosk rates a service. */
import { z } from 'zod';
import { API, type CounterRatingRequest, type KioskRatingRequest } from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';

const anyBody = z.unknown();

export function createRatingApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = o.baseUrl ?? '';
  return {
    /** A counter tablet's answer to its prompt (the tablet's credential cookie: only its own counter's prompts). */
    rateCounter: (req: CounterRatingRequest): Promise<unknown> => request(fetchFn, base + API.ratingsCounter, anyBody, { method: 'POST', body: req }),
    /** A kiosk's rating of a service (needs the kiosk credential, like issuing a ticket). */
    rateService: async (req: KioskRatingRequest): Promise<unknown> =>
      request(fetchFn, base + API.ratingsKiosk, anyBody, { method: 'POST', body: req, kioskCredential: (await o.kioskCredential?.()) ?? null }),
  };
}
export type RatingApi = ReturnType<typeof createRatingApi>;
