import { createBoardStore } from './store';

export const useHearingsBoard = createBoardStore();

/** Which room this TV shows (null: all of them) and whether names are shown; set once at start. */
export const view: { roomId: string | null; names: boolean } = { roomId: null, names: true };
