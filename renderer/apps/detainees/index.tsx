import { makeNotYetAvailable } from '../notYetAvailable';

export const { start, App } = makeNotYetAvailable('screen.detainees');
