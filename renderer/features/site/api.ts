/** The site's public description (agency, services, counters, rooms): every screen reads it. */
import { API, publicSiteSchema, type PublicSite } from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';

export function createSiteApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    site: (signal?: AbortSignal): Promise<PublicSite> => request(fetchFn, (o.baseUrl ?? '') + API.site, publicSiteSchema, { method: 'GET', signal }),
  };
}
export type SiteApi = ReturnType<typeof createSiteApi>;
