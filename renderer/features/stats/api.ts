/** The statistics for a range (admin, desk). */
import { ROUTES, type StatsReport } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createStatsApi(call: Call) {
  return {
    stats: (range: { from: string; to: string }, signal?: AbortSignal): Promise<StatsReport> => call(ROUTES.stats, { query: range }, { signal }),
  };
}
export type StatsApi = ReturnType<typeof createStatsApi>;
