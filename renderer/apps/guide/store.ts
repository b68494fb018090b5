/** The guide screen's one store: the content, what the citizen has chosen, and the language. */
import { create } from 'zustand';
import type { HttpOptions } from '../../client/http';
import { createGuideApi } from '../../features/guide/api';
import { createGuideSlice, type GuideSlice } from '../../features/guide/slice';
import { createLangSlice, type LangSlice } from '../../features/lang/slice';
import { createSiteApi } from '../../features/site/api';

export type GuideState = GuideSlice & LangSlice;

export function createGuideStore(o: HttpOptions = {}) {
  const api = { ...createSiteApi(o), ...createGuideApi(o) };
  return create<GuideState>()((...a) => ({
    ...createLangSlice('zh-TW')(...a),
    ...createGuideSlice(api)(...a),
  }));
}
