import { createGuideStore } from './store';

export const useGuide = createGuideStore();
