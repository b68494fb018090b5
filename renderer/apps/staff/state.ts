import { createStaffStore } from './store';

export const useStaff = createStaffStore();
