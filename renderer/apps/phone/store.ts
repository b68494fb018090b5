/**
 * The phone pages' one store: the site, the live board, the reader's language,
 * and the one thing the page follows — a ticket (/phone/t/<token>) or the
 * hearing of a summons (/phone/hearing?c=&v=).
 */
import { create } from 'zustand';
import { createCaller, type Call } from '../../client/call';
import { createHearingFollowSlice, type HearingFollowSlice } from '../../features/hearing-follow/slice';
import { createLangSlice, type LangSlice } from '../../features/lang/slice';
import { createLiveSlice, type LiveSlice } from '../../features/live/slice';
import { createPhoneTicketApi, type PhoneTicketApi } from '../../features/phone-ticket/api';
import { createPhoneTicketSlice, type PhoneTicketSlice } from '../../features/phone-ticket/slice';
import { createSiteApi, type SiteApi } from '../../features/site/api';
import { createSiteSlice, type SiteSlice } from '../../features/site/slice';
import { createSummonsApi, type SummonsApi } from '../../features/summons/api';
import { guessLang } from '../../i18n';

export type PhoneApi = SiteApi & PhoneTicketApi & SummonsApi;

export function createPhoneApi(call: Call = createCaller()): PhoneApi {
  return { ...createSiteApi(call), ...createPhoneTicketApi(call), ...createSummonsApi(call) };
}

export type PhoneState = SiteSlice & LiveSlice & LangSlice & PhoneTicketSlice & HearingFollowSlice;

export function createPhoneStore(api: PhoneApi = createPhoneApi()) {
  const initial = typeof navigator !== 'undefined' ? guessLang(navigator.languages) : 'zh-TW';
  return create<PhoneState>()((...a) => ({
    ...createSiteSlice(api)(...a),
    ...createLiveSlice()(...a),
    ...createLangSlice(initial)(...a),
    ...createPhoneTicketSlice(api)(...a),
    ...createHearingFollowSlice(api)(...a),
  }));
}

export type PhoneStore = ReturnType<typeof createPhoneStore>;
