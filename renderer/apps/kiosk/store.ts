/**
 * The kiosk's one store: the site, the live board, the citizen's language, the
 * ticket, the summons look-up and the "評價服務 Rate our service" overlay.
 */
import { create } from 'zustand';
import { createCaller, type Call } from '../../client/call';
import { shellKioskCredential } from '../../client/shell';
import { createLangSlice, type LangSlice } from '../../features/lang/slice';
import { createLiveSlice, type LiveSlice } from '../../features/live/slice';
import { createRatingApi, type RatingApi } from '../../features/rating/api';
import { createRateFlowSlice, type RateFlowSlice } from '../../features/rating/slice';
import { createSiteApi, type SiteApi } from '../../features/site/api';
import { createSiteSlice, type SiteSlice } from '../../features/site/slice';
import { createSummonsApi, type SummonsApi } from '../../features/summons/api';
import { createSummonsSlice, type SummonsSlice } from '../../features/summons/slice';
import { createTicketsApi, type TicketsApi } from '../../features/tickets/api';
import { createIssueSlice, type IssueSlice } from '../../features/tickets/slice';

export type KioskApi = SiteApi & TicketsApi & SummonsApi & Pick<RatingApi, 'rateService'>;

/** The kiosk speaks with its credential (the Electron window's, or a provisioned browser's cookie). */
export function createKioskApi(call: Call = createCaller({ kioskCredential: shellKioskCredential })): KioskApi {
  return { ...createSiteApi(call), ...createTicketsApi(call), ...createSummonsApi(call), ...createRatingApi(call) };
}

export type KioskState = SiteSlice & LiveSlice & LangSlice & IssueSlice & SummonsSlice & RateFlowSlice;

export function createKioskStore(api: KioskApi = createKioskApi()) {
  return create<KioskState>()((...a) => ({
    ...createSiteSlice(api)(...a),
    ...createLiveSlice()(...a),
    ...createLangSlice('zh-TW')(...a),
    ...createIssueSlice(api)(...a),
    ...createSummonsSlice(api)(...a),
    ...createRateFlowSlice((req) => ('serviceId' in req ? api.rateService(req) : Promise.reject(new Error('the kiosk rates a service'))))(...a),
  }));
}

export type KioskStore = ReturnType<typeof createKioskStore>;
