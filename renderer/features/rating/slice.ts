/** The rating flow on a screen (the counter tablet, the kiosk's overlay): its state and the one send. */
import type { StateCreator } from 'zustand';
import type { CounterRatingRequest, KioskRatingRequest } from '../../../core/contract';
import { errorMessage } from '../../client/call';
import { IDLE, rateReducer, ratingRequest, type RateEvent, type RateFlow } from './flow';

export interface RateFlowSlice {
  flow: RateFlow;
  /** Prompts already rated here. */
  answered: ReadonlySet<string>;
  dispatch: (ev: RateEvent) => void;
  /** Send the rating being chosen (the submit button, or the 8-second timer). */
  submit: () => Promise<void>;
}

export function createRateFlowSlice(send: (req: CounterRatingRequest | KioskRatingRequest) => Promise<unknown>): StateCreator<RateFlowSlice, [], [], RateFlowSlice> {
  return (set, get) => ({
    flow: IDLE,
    answered: new Set(),
    dispatch: (ev) => {
      const { flow, answered } = get();
      const next = rateReducer(flow, ev, answered);
      if (next !== flow) set({ flow: next });
    },
    submit: async () => {
      const before = get().flow;
      if (before.step !== 'reasons') return; // only the tap that moves reasons → sending sends
      get().dispatch({ type: 'submit' });
      const req = ratingRequest(get().flow);
      if (!req) return;
      if ('promptId' in req) set({ answered: new Set([...get().answered, req.promptId]) });
      try {
        await send(req);
        get().dispatch({ type: 'sent' });
      } catch (err) {
        console.warn(`rating not recorded: ${errorMessage(err)}`);
        get().dispatch({ type: 'failed' });
      }
    },
  });
}
