export { createGuide, loadGuideFile, type Guide } from './guide';
export { findRoute, allRoutes } from './route';
export { searchFaq, bigrams, words } from './search';
