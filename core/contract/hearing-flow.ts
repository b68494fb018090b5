import type { HearingState } from './dto';

/**
 * How a hearing moves. Bailiffs and clerks move it one tap at a time: the
 * server refuses a move not in this table (naming the allowed ones), and the
 * staff screen offers a button for each allowed one.
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

/**
 * 庭畢 tapped too soon: on the hearing's day a clerk or bailiff may take it
 * back, to 開庭中 (the hearing goes on) or to 候訊 (called again later). An
 * undo is not a move of the flow above: the server checks the day and the
 * room and audits it as an undo; the staff screen offers it apart.
 */
export const HEARING_UNDO: { readonly [S in HearingState]: readonly HearingState[] } = {
  scheduled: [],
  checked_in: [],
  waiting: [],
  in_session: [],
  recess: [],
  finished: ['in_session', 'waiting'],
  postponed: [],
  cancelled: [],
};

/** Not started yet: still ahead in the room's line. */
export const UPCOMING_HEARING_STATES: readonly HearingState[] = ['scheduled', 'checked_in', 'waiting'];
/** Occupying the room now. */
export const IN_ROOM_HEARING_STATES: readonly HearingState[] = ['in_session', 'recess'];
/** Nothing follows these. */
export const FINAL_HEARING_STATES: readonly HearingState[] = ['finished', 'postponed', 'cancelled'];
