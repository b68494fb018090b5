/** The duty roster (值班表) of one day: who is on which shift and duty. */
import { z } from 'zod';
import { API, type RosterDayRequest } from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';

const labelled = z.object({ id: z.string(), zh: z.string(), en: z.string() });
export const rosterResponseSchema = z.object({
  date: z.string(),
  entries: z.array(z.object({ shiftId: z.string(), roleId: z.string(), name: z.string() })),
  shifts: z.array(labelled.extend({ from: z.string(), to: z.string() })),
  roles: z.array(labelled),
});
export type RosterResponse = z.infer<typeof rosterResponseSchema>;
const rosterSavedSchema = z.object({ date: z.string(), entries: rosterResponseSchema.shape.entries });

export function createRosterApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = o.baseUrl ?? '';
  return {
    roster: (date: string): Promise<RosterResponse> => request(fetchFn, `${base}${API.staffRoster}?date=${encodeURIComponent(date)}`, rosterResponseSchema, { method: 'GET' }),
    saveRoster: (date: string, req: RosterDayRequest) => request(fetchFn, base + API.staffRosterDay(date), rosterSavedSchema, { method: 'PUT', body: req, csrfToken: o.csrfToken?.() ?? null }),
  };
}
export type RosterApi = ReturnType<typeof createRosterApi>;
