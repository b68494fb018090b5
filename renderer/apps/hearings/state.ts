import { createBoardStore } from './store';

export const useHearingsBoard = createBoardStore();

/** Which room this TV shows (null: all of them), whether names are shown and how long a page shows; set once at start. */
export const view: { roomId: string | null; names: boolean; rotateMs: number } = { roomId: null, names: true, rotateMs: 12_000 };
