import { createPhoneStore } from '../../store/phone';

export const usePhone = createPhoneStore();
