import { createStaffStore } from '../../store/staff';

export const useStaff = createStaffStore();
