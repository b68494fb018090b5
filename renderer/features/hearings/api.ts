/** The staff side of hearings: the day's list, entering, importing, moving and deleting one. */
import { z } from 'zod';
import {
  API,
  hearingImportResultSchema,
  hearingSchema,
  type Hearing,
  type HearingImportRequest,
  type HearingImportResult,
  type HearingInput,
  type HearingState,
} from '../../../core/contract';
import { request, type HttpOptions } from '../../client/http';

export function createHearingsApi(o: HttpOptions = {}) {
  const fetchFn = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = o.baseUrl ?? '';
  const csrf = () => o.csrfToken?.() ?? null;
  const send = <S extends z.ZodType>(method: 'POST' | 'PUT', path: string, schema: S, body: unknown) =>
    request(fetchFn, base + path, schema, { method, body, csrfToken: csrf() });
  return {
    hearings: async (): Promise<Hearing[]> => (await request(fetchFn, base + API.staffHearings, z.object({ hearings: z.array(hearingSchema) }), { method: 'GET' })).hearings,
    createHearing: async (input: HearingInput): Promise<Hearing> => (await send('POST', API.staffHearings, z.object({ hearing: hearingSchema }), input)).hearing,
    importHearings: (req: HearingImportRequest): Promise<HearingImportResult> => send('POST', API.staffHearingsImport, hearingImportResultSchema, req),
    moveHearing: async (id: number, to: HearingState): Promise<Hearing> =>
      (await send('POST', API.staffHearingState(id), z.object({ hearing: hearingSchema }), { to })).hearing,
    /** A hearing entered or imported by mistake, with its persons (clerks and admins; audited). No body, so no content type. */
    deleteHearing: async (id: number): Promise<void> =>
      void (await request(fetchFn, base + API.staffHearing(id), z.object({ deleted: z.number() }), { method: 'DELETE', csrfToken: csrf() })),
  };
}
export type HearingsApi = ReturnType<typeof createHearingsApi>;
