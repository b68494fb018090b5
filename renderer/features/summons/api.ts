/** One hearing by its case number and the code on the summons (public, rate-limited). */
import { API, hearingLookupSchema, type HearingLookup } from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';
import type { SummonsRef } from './case-number';

export function createSummonsApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    /** From a kiosk the look-up counts against its own budget, not its address's (phones share that one). */
    phoneHearing: async (ref: SummonsRef, signal?: AbortSignal): Promise<HearingLookup> =>
      request(fetchFn, `${o.baseUrl ?? ''}${API.phoneHearing}?c=${encodeURIComponent(ref.caseNumber)}&v=${encodeURIComponent(ref.code)}`, hearingLookupSchema, {
        method: 'GET',
        signal,
        kioskCredential: (await o.kioskCredential?.()) ?? null,
      }),
  };
}
export type SummonsApi = ReturnType<typeof createSummonsApi>;
