/** Raising and clearing the emergency broadcast (admin). */
import { z } from 'zod';
import { API, emergencySchema, type Emergency, type RaiseEmergencyRequest } from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';

const raisedSchema = z.object({ emergency: emergencySchema }).transform((o) => o.emergency);

export function createEmergencyApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const url = (path: string) => (o.baseUrl ?? '') + path;
  const csrf = () => o.csrfToken?.() ?? null;
  return {
    raiseEmergency: (req: RaiseEmergencyRequest): Promise<Emergency> => request(fetchFn, url(API.staffEmergency), raisedSchema, { method: 'POST', body: req, csrfToken: csrf() }),
    clearEmergency: (): Promise<unknown> => request(fetchFn, url(API.staffEmergencyClear), z.unknown(), { method: 'POST', body: {}, csrfToken: csrf() }),
  };
}
export type EmergencyApi = ReturnType<typeof createEmergencyApi>;
