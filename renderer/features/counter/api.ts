/** A counter's actions: call the next citizen, recall, skip, transfer, start, finish. */
import { API, callNextResponseSchema, counterActionResponseSchema, type CallNextResponse, type CounterAction, type CounterActionResponse } from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';

export function createCounterApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = o.baseUrl ?? '';
  return {
    callNext: (counterId: string): Promise<CallNextResponse> =>
      request(fetchFn, base + API.counterCallNext, callNextResponseSchema, { method: 'POST', body: { counterId }, csrfToken: o.csrfToken?.() ?? null }),
    /** One counter action (next, recall, call-number, skip, transfer, start, finish). */
    counterAction: (action: CounterAction): Promise<CounterActionResponse> =>
      request(fetchFn, base + API.counterAction, counterActionResponseSchema, { method: 'POST', body: action, csrfToken: o.csrfToken?.() ?? null }),
  };
}
export type CounterApi = ReturnType<typeof createCounterApi>;
