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

/** Not started yet: still ahead in the room's line. */
export const UPCOMING_HEARING_STATES: readonly HearingState[] = ['scheduled', 'checked_in', 'waiting'];
/** Occupying the room now. */
export const IN_ROOM_HEARING_STATES: readonly HearingState[] = ['in_session', 'recess'];
/** Nothing follows these. */
export const FINAL_HEARING_STATES: readonly HearingState[] = ['finished', 'postponed', 'cancelled'];
