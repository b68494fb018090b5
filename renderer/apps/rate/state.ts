import { createRateStore } from './store';

/** The counter tablet's store (/rate/<counter>). */
export const useRate = createRateStore();
