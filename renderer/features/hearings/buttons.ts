/** What a bailiff or clerk may tap for a hearing: the moves of the shared transition table, and the undo of 庭畢. */
import { HEARING_TRANSITIONS, HEARING_UNDO, type HearingState } from '../../../core/contract';

type Pair = { zh: string; en: string };

export function nextStates(state: HearingState): readonly HearingState[] {
  return HEARING_TRANSITIONS[state] ?? [];
}

export interface HearingButton {
  to: HearingState;
  label: Pair;
  /** 'go' starts or resumes, 'pause' a recess, 'done' finishes, 'step' checks in, 'stop' ends without a hearing. */
  tone: 'go' | 'pause' | 'done' | 'step' | 'stop';
  /**
   * Postponing or cancelling cannot be undone (nothing follows them), so the
   * button asks for a second tap; every other move is one tap.
   */
  confirm: boolean;
}

/** The one-tap buttons for a hearing in `state`, in the order they are shown. */
export function hearingButtons(state: HearingState): HearingButton[] {
  return nextStates(state).map((to): HearingButton => {
    switch (to) {
      case 'checked_in':
        return { to, label: { zh: '報到', en: 'Check in' }, tone: 'step', confirm: false };
      case 'waiting':
        return { to, label: { zh: '候訊', en: 'Waiting' }, tone: 'step', confirm: false };
      case 'in_session':
        return state === 'recess'
          ? { to, label: { zh: '續開', en: 'Resume' }, tone: 'go', confirm: false }
          : { to, label: { zh: '開庭', en: 'Start' }, tone: 'go', confirm: false };
      case 'recess':
        return { to, label: { zh: '休庭', en: 'Recess' }, tone: 'pause', confirm: false };
      case 'finished':
        return { to, label: { zh: '庭畢', en: 'Finish' }, tone: 'done', confirm: false };
      case 'postponed':
        return { to, label: { zh: '改期', en: 'Postpone' }, tone: 'stop', confirm: true };
      case 'cancelled':
        return { to, label: { zh: '取消', en: 'Cancel' }, tone: 'stop', confirm: true };
      default:
        return { to, label: { zh: to, en: to }, tone: 'step', confirm: false };
    }
  });
}

/** A 庭畢 tapped too soon, taken back: one button per state the shared undo table allows (the server checks the day). */
export interface UndoButton {
  to: HearingState;
  label: Pair;
}

export function undoButtons(state: HearingState): UndoButton[] {
  return (HEARING_UNDO[state] ?? []).map((to): UndoButton => {
    switch (to) {
      case 'in_session':
        return { to, label: { zh: '復原：開庭中', en: 'Undo: back in session' } };
      case 'waiting':
        return { to, label: { zh: '復原：候訊', en: 'Undo: back to waiting' } };
      default:
        return { to, label: { zh: `復原：${to}`, en: `Undo: ${to}` } };
    }
  });
}
