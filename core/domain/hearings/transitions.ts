import { HEARING_TRANSITIONS, HEARING_UNDO, type HearingState } from '../../contract';

/** The states as a refused move names them (both languages, in one line of an error). */
export const HEARING_STATE_NAMES: { readonly [S in HearingState]: string } = {
  scheduled: '排定 scheduled',
  checked_in: '已報到 checked in',
  waiting: '候訊 waiting',
  in_session: '開庭中 in session',
  recess: '休庭 recess',
  finished: '庭畢 finished',
  postponed: '改期 postponed',
  cancelled: '取消 cancelled',
};

export function canMove(from: HearingState, to: HearingState): boolean {
  return HEARING_TRANSITIONS[from].includes(to);
}

/** 庭畢 taken back (on the hearing's day; the caller checks the day and the room). */
export function canUndo(from: HearingState, to: HearingState): boolean {
  return HEARING_UNDO[from].includes(to);
}

/** The undos a refused move lists beside the moves. */
export function undoNames(from: HearingState): string[] {
  return HEARING_UNDO[from].map((to) => `${HEARING_STATE_NAMES[to]} (復原 undo)`);
}
