import { createPhoneStore } from './store';

export const usePhone = createPhoneStore();
