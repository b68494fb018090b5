import { createCallsStore } from '../../store/calls';

export const useCalls = createCallsStore();
