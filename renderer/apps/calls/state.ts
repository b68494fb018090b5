import { Announcer } from '../../audio/announcer';
import { createAudioClipPlayer, createWebSpeaker } from '../../audio/browser';
import { createCallsStore } from './store';

/** The board announces each new call: chime, then a zh-TW voice if the platform has one, else the clips. */
export const announcer = new Announcer({ clips: createAudioClipPlayer(), speech: createWebSpeaker() });

export const useCalls = createCallsStore(undefined, announcer);
