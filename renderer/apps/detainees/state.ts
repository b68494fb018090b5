import { createBoardStore } from '../hearings/store';

export const useDetaineesBoard = createBoardStore();
