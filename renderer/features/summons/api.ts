/** One hearing by its case number and the code on the summons (public, rate-limited). */
import { ROUTES, type HearingLookup } from '../../../core/contract';
import type { Call } from '../../client/call';
import type { SummonsRef } from './case-number';

export function createSummonsApi(call: Call) {
  return {
    /** From a kiosk the look-up counts against its own budget, not its address's (phones share that one). */
    phoneHearing: (ref: SummonsRef, signal?: AbortSignal): Promise<HearingLookup> =>
      call(ROUTES.lookupHearing, { query: { c: ref.caseNumber, v: ref.code } }, { signal, asKiosk: true }),
  };
}
export type SummonsApi = ReturnType<typeof createSummonsApi>;
