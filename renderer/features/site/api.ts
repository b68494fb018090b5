/** The site's public description (agency, services, counters, rooms): every screen reads it. */
import { ROUTES, type PublicSite } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createSiteApi(call: Call) {
  return {
    site: (signal?: AbortSignal): Promise<PublicSite> => call(ROUTES.site, {}, { signal }),
  };
}
export type SiteApi = ReturnType<typeof createSiteApi>;
