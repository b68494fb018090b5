/**
 * The instant rating (即時評價) as a pure state machine: face → reasons →
 * thanks. A rating carries a score and reasons only: the counter tablet
 * answers the prompt the server opened when the counter finished a ticket;
 * the kiosk names a service. Never a ticket, never a person.
 */
import { RATING_REASONS, type CounterRatingRequest, type KioskRatingRequest, type RatingPrompts } from '../../../core/contract';

export type RatingReason = (typeof RATING_REASONS)[number];
export type Score = 1 | 2 | 3 | 4 | 5;
export const SCORES: readonly Score[] = [1, 2, 3, 4, 5];

/** Seconds after a face is tapped before the rating is sent by itself (face and any chosen reasons). */
export const AUTO_SUBMIT_SECONDS = 8;
/** Seconds the thanks (or a failure note) stays up before the screen is calm again. */
export const THANKS_SECONDS = 4;

/** What is being rated: the counter's open prompt, or (on the kiosk) a service. */
export type RatingTarget = { promptId: string } | { serviceId: string };

export type RateFlow =
  | { step: 'idle' }
  /** On the kiosk: which service to rate. */
  | { step: 'service' }
  | { step: 'faces'; target: RatingTarget }
  | { step: 'reasons'; target: RatingTarget; score: Score; reasons: RatingReason[] }
  | { step: 'sending'; target: RatingTarget; score: Score; reasons: RatingReason[] }
  | { step: 'thanks' }
  | { step: 'failed' };

export type RateEvent =
  /** The counter's open prompt (null: none), from topic rating.prompts. */
  | { type: 'prompt'; promptId: string | null }
  | { type: 'open-kiosk' }
  | { type: 'service'; serviceId: string }
  | { type: 'face'; score: Score }
  | { type: 'reason'; reason: RatingReason }
  | { type: 'submit' }
  | { type: 'sent' }
  | { type: 'failed' }
  /** The thanks (or failure) time is up, or the citizen left: calm again. */
  | { type: 'done' };

export const IDLE: RateFlow = { step: 'idle' };

/**
 * One transition. `answered` holds prompts already rated on this screen: a
 * prompt the server still lists after its rating is not offered twice (one
 * tap, one rating).
 */
export function rateReducer(state: RateFlow, ev: RateEvent, answered: ReadonlySet<string> = new Set()): RateFlow {
  switch (ev.type) {
    case 'prompt': {
      const id = ev.promptId && !answered.has(ev.promptId) ? ev.promptId : null;
      if (state.step === 'idle') return id ? { step: 'faces', target: { promptId: id } } : state;
      // An open face screen follows the prompt: gone (expired, or the next ticket's) → calm, or the new one.
      if (state.step === 'faces' && 'promptId' in state.target) {
        if (!id) return IDLE;
        return id === state.target.promptId ? state : { step: 'faces', target: { promptId: id } };
      }
      // A face chosen: the citizen finishes (the server says whether the prompt is still open) —
      // unless the counter already finished the next ticket: that citizen is the one to ask now.
      if (state.step === 'reasons' && 'promptId' in state.target && id && id !== state.target.promptId) {
        return { step: 'faces', target: { promptId: id } };
      }
      return state;
    }
    case 'open-kiosk':
      return state.step === 'idle' ? { step: 'service' } : state;
    case 'service':
      return state.step === 'service' ? { step: 'faces', target: { serviceId: ev.serviceId } } : state;
    case 'face':
      if (state.step === 'faces') return { step: 'reasons', target: state.target, score: ev.score, reasons: [] };
      if (state.step === 'reasons') return { ...state, score: ev.score };
      return state;
    case 'reason':
      if (state.step !== 'reasons') return state;
      return {
        ...state,
        reasons: state.reasons.includes(ev.reason)
          ? state.reasons.filter((r) => r !== ev.reason)
          : RATING_REASONS.filter((r) => r === ev.reason || state.reasons.includes(r)),
      };
    case 'submit':
      return state.step === 'reasons' ? { step: 'sending', target: state.target, score: state.score, reasons: state.reasons } : state;
    case 'sent':
      return state.step === 'sending' ? { step: 'thanks' } : state;
    case 'failed':
      return state.step === 'sending' ? { step: 'failed' } : state;
    case 'done':
      return IDLE;
  }
}

/** The request body for a flow that is sending, or null. */
export function ratingRequest(state: RateFlow): CounterRatingRequest | KioskRatingRequest | null {
  if (state.step !== 'sending') return null;
  return 'promptId' in state.target
    ? { promptId: state.target.promptId, score: state.score, reasons: state.reasons }
    : { serviceId: state.target.serviceId, score: state.score, reasons: state.reasons };
}

/** The open prompt for one counter in a rating.prompts snapshot (null when none or not listed). */
export function promptFor(prompts: RatingPrompts | undefined, counterId: string): { id: string; serviceId: string; expiresAt: string } | null {
  return prompts?.counters.find((c) => c.counterId === counterId)?.prompt ?? null;
}

/** '/rate/c1' → 'c1'; '/rate' or junk → null. */
export function counterIdFromPath(pathname: string): string | null {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] !== 'rate' || !parts[1]) return null;
  const id = decodeURIComponent(parts[1]);
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}
