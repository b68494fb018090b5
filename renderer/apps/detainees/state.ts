import { createBoardStore } from '../hearings/state';

export const useDetaineesBoard = createBoardStore();
