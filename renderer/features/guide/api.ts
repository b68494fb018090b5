/** The self-service guide: its content and FAQ search (public), and the staff's section edits (desk). */
import { API, guideResponseSchema, guideSearchResponseSchema, type GuideResponse, type GuideSearchResponse, type GuideSection, type GuideSectionRequest } from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';

export function createGuideApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = o.baseUrl ?? '';
  return {
    guide: (): Promise<GuideResponse> => request(fetchFn, base + API.guide, guideResponseSchema, { method: 'GET' }),
    searchGuide: (q: string): Promise<GuideSearchResponse> => request(fetchFn, `${base}${API.guideSearch}?q=${encodeURIComponent(q)}`, guideSearchResponseSchema, { method: 'GET' }),
    /** The staff answer names who edited each section; the public /api/guide does not. */
    staffGuide: (): Promise<GuideResponse> => request(fetchFn, base + API.staffGuide, guideResponseSchema, { method: 'GET' }),
    saveGuideSection: (section: GuideSection, body: GuideSectionRequest): Promise<GuideResponse> =>
      request(fetchFn, base + API.staffGuideSection(section), guideResponseSchema, { method: 'PUT', body, csrfToken: o.csrfToken?.() ?? null }),
  };
}
export type GuideApi = ReturnType<typeof createGuideApi>;
