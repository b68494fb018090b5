/** The guide screen's one store: the content, what the citizen has chosen, and the language. */
import { create } from 'zustand';
import { createCaller, type Call } from '../../client/call';
import { createGuideApi } from '../../features/guide/api';
import { createGuideSlice, type GuideSlice } from '../../features/guide/slice';
import { createLangSlice, type LangSlice } from '../../features/lang/slice';
import { createSiteApi } from '../../features/site/api';

export type GuideState = GuideSlice & LangSlice;

export function createGuideStore(call: Call = createCaller()) {
  const api = { ...createSiteApi(call), ...createGuideApi(call) };
  return create<GuideState>()((...a) => ({
    ...createLangSlice('zh-TW')(...a),
    ...createGuideSlice(api)(...a),
  }));
}
