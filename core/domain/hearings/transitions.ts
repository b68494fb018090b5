import type { HearingState } from '../../contract';

/**
 * How a hearing moves. Bailiffs and clerks move it one tap at a time; a move
 * not in this table is refused with the allowed ones named.
 */
export const HEARING_TRANSITIONS: { readonly [S in HearingState]: readonly HearingState[] } = {
  scheduled: ['checked_in', 'waiting', 'in_session', 'postponed', 'cancelled'],
  checked_in: ['waiting', 'in_session', 'postponed', 'cancelled'],
  waiting: ['in_session', 'postponed', 'cancelled'],
  in_session: ['recess', 'finished'],
  recess: ['in_session', 'finished'],
  finished: [],
  postponed: [],
  cancelled: [],
};

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

/** Not started yet: still ahead in the room's line. */
export const UPCOMING: readonly HearingState[] = ['scheduled', 'checked_in', 'waiting'];
/** Occupying the room now. */
export const IN_ROOM: readonly HearingState[] = ['in_session', 'recess'];
