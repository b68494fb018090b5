/** The day's new detainees (新收人犯) for bailiffs: the list with the site's steps, a new person, a stage. */
import { z } from 'zod';
import { API, detaineeSchema, staffDetaineesSchema, type Detainee, type DetaineeInput, type StaffDetainees } from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';

export function createDetaineesApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = o.baseUrl ?? '';
  const send = <S extends z.ZodType>(path: string, schema: S, body: unknown) =>
    request(fetchFn, base + path, schema, { method: 'POST', body, csrfToken: o.csrfToken?.() ?? null });
  return {
    /** The day's people, and the site's stages and outcomes. */
    detainees: (): Promise<StaffDetainees> => request(fetchFn, base + API.staffDetainees, staffDetaineesSchema, { method: 'GET' }),
    recordDetainee: async (input: DetaineeInput): Promise<Detainee> => (await send(API.staffDetainees, z.object({ detainee: detaineeSchema }), input)).detainee,
    setDetaineeStage: async (id: number, stage: string): Promise<Detainee> =>
      (await send(API.staffDetaineeStage(id), z.object({ detainee: detaineeSchema }), { stage })).detainee,
  };
}
export type DetaineesApi = ReturnType<typeof createDetaineesApi>;
