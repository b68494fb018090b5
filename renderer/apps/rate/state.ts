import { createKioskRatingStore, createRateStore } from '../../store/rating';

/** The counter tablet's store (/rate/<counter>). */
export const useRate = createRateStore();
/** The kiosk's rating overlay. */
export const useKioskRating = createKioskRatingStore();
