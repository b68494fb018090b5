/** Sending a rating: a counter tablet answers its prompt, a kiosk rates a service. */
import { ROUTES, type CounterRatingRequest, type KioskRatingRequest } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createRatingApi(call: Call) {
  return {
    /** A counter tablet's answer to its prompt (the tablet's credential cookie: only its own counter's prompts). */
    rateCounter: (req: CounterRatingRequest) => call(ROUTES.rateCounter, { body: req }),
    /** A kiosk's rating of a service (the kiosk's credential, like issuing a ticket). */
    rateService: (req: KioskRatingRequest) => call(ROUTES.rateAtKiosk, { body: req }),
  };
}
export type RatingApi = ReturnType<typeof createRatingApi>;
