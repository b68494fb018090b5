import { createKioskStore } from './store';

/** The kiosk's one store (a hook and a StoreApi at once). */
export const useKiosk = createKioskStore();
