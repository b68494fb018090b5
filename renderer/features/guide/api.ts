/** The self-service guide: its content and FAQ search (public), and the staff's section edits (desk). */
import { ROUTES, type GuideSearchResponse, type GuideSection, type GuideSectionRequest, type StaffGuideResponse } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createGuideApi(call: Call) {
  return {
    guide: () => call(ROUTES.guide),
    searchGuide: (q: string): Promise<GuideSearchResponse> => call(ROUTES.searchGuide, { query: { q } }),
    /** The staff answer names who edited each section; the public guide does not. */
    staffGuide: (): Promise<StaffGuideResponse> => call(ROUTES.staffGuide),
    saveGuideSection: (section: GuideSection, body: GuideSectionRequest): Promise<StaffGuideResponse> => call(ROUTES.saveGuideSection, { params: { section }, body }),
  };
}
export type GuideApi = ReturnType<typeof createGuideApi>;
