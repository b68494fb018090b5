/** The counter tablet's one store (/rate/<counter>): site, live prompts, language and the rating flow. */
import { create } from 'zustand';
import { createCaller, type FetchLike } from '../../client/call';
import { createLangSlice, type LangSlice } from '../../features/lang/slice';
import { createLiveSlice, type LiveSlice } from '../../features/live/slice';
import { createRatingApi } from '../../features/rating/api';
import { createRateFlowSlice, type RateFlowSlice } from '../../features/rating/slice';
import { createSiteApi } from '../../features/site/api';
import { createSiteSlice, type SiteSlice } from '../../features/site/slice';

export type RateState = SiteSlice &
  LiveSlice &
  LangSlice &
  RateFlowSlice & {
    /** What the address says after /rate/ (1, 一, c1, 1號櫃台…), as typed. */
    counterKey: string | null;
    /** The site's counter that key names, once the site is loaded; null while unknown. */
    counterId: string | null;
    /** The server refused this device the counter's prompts: it is not provisioned as a rating tablet. */
    refused: boolean;
  };

export function createRateStore(opts: { fetch?: FetchLike } = {}) {
  const call = createCaller({ fetch: opts.fetch });
  const api = { ...createSiteApi(call), ...createRatingApi(call) };
  return create<RateState>()((...a) => ({
    ...createSiteSlice(api)(...a),
    ...createLiveSlice()(...a),
    ...createLangSlice('zh-TW')(...a),
    ...createRateFlowSlice((req) => ('promptId' in req ? api.rateCounter(req) : Promise.reject(new Error('a counter answers a prompt'))))(...a),
    counterKey: null,
    counterId: null,
    refused: false,
  }));
}
export type RateStore = ReturnType<typeof createRateStore>;
