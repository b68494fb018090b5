import { makeNotYetAvailable } from '../notYetAvailable';

/** Any path that is no screen: say so politely. */
export const { start, App } = makeNotYetAvailable(null, 'screen.unknown');
