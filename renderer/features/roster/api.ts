/** The duty roster (值班表) of one day: who is on which shift and duty. */
import { ROUTES, type RosterDayRequest, type RosterDayResponse, type RosterSavedResponse } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createRosterApi(call: Call) {
  return {
    roster: (date: string): Promise<RosterDayResponse> => call(ROUTES.rosterDay, { query: { date } }),
    saveRoster: (date: string, req: RosterDayRequest): Promise<RosterSavedResponse> => call(ROUTES.saveRosterDay, { params: { date }, body: req }),
  };
}
export type RosterApi = ReturnType<typeof createRosterApi>;
