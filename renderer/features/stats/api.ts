/** The statistics for a range (admin, desk). */
import { API, statsReportSchema, type StatsReport } from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';
import { statsQueryString } from './range';

export function createStatsApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    stats: (range: { from: string; to: string }, signal?: AbortSignal): Promise<StatsReport> =>
      request(fetchFn, (o.baseUrl ?? '') + API.staffStats + statsQueryString(range), statsReportSchema, { method: 'GET', signal }),
  };
}
export type StatsApi = ReturnType<typeof createStatsApi>;
