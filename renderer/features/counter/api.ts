/** A counter's actions: call the next citizen, recall, skip, transfer, start, finish. */
import { ROUTES, type CallNextResponse, type CounterAction, type CounterActionResponse } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createCounterApi(call: Call) {
  return {
    callNext: (counterId: string): Promise<CallNextResponse> => call(ROUTES.callNext, { body: { counterId } }),
    /** One counter action (next, recall, call-number, skip, transfer, start, finish). */
    counterAction: (action: CounterAction): Promise<CounterActionResponse> => call(ROUTES.counterAction, { body: action }),
  };
}
export type CounterApi = ReturnType<typeof createCounterApi>;
