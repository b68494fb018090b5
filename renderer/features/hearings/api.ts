/** The staff side of hearings: the day's list, entering, importing, correcting, moving (or undoing 庭畢) and deleting one. */
import { ROUTES, type Hearing, type HearingImportRequest, type HearingImportResult, type HearingInput, type HearingState } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createHearingsApi(call: Call) {
  return {
    hearings: async (): Promise<Hearing[]> => (await call(ROUTES.listHearings, { query: {} })).hearings,
    createHearing: async (input: HearingInput): Promise<Hearing> => (await call(ROUTES.createHearing, { body: input })).hearing,
    importHearings: (req: HearingImportRequest): Promise<HearingImportResult> => call(ROUTES.importHearings, { body: req }),
    /** A clerk's correction: the same checks as a new hearing (the room by name or id); audited. */
    updateHearing: async (id: number, input: HearingInput): Promise<Hearing> => (await call(ROUTES.updateHearing, { params: { id }, body: input })).hearing,
    moveHearing: async (id: number, to: HearingState): Promise<Hearing> => (await call(ROUTES.moveHearing, { params: { id }, body: { to } })).hearing,
    /** A hearing entered or imported by mistake, with its persons (clerks and admins; audited). */
    deleteHearing: async (id: number): Promise<void> => void (await call(ROUTES.deleteHearing, { params: { id } })),
  };
}
export type HearingsApi = ReturnType<typeof createHearingsApi>;
