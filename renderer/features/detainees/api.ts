/** The day's new detainees (新收人犯) for bailiffs: the list with the site's steps, a new person, a correction, a deletion, a stage. */
import { ROUTES, type Detainee, type DetaineeInput, type StaffDetainees } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createDetaineesApi(call: Call) {
  return {
    /** The day's people, and the site's stages and outcomes. */
    detainees: (): Promise<StaffDetainees> => call(ROUTES.listDetainees, { query: {} }),
    recordDetainee: async (input: DetaineeInput): Promise<Detainee> => (await call(ROUTES.recordDetainee, { body: input })).detainee,
    /** A correction of what was recorded (the stage is kept); audited. */
    updateDetainee: async (id: number, input: DetaineeInput): Promise<Detainee> => (await call(ROUTES.updateDetainee, { params: { id }, body: input })).detainee,
    /** A record entered by mistake; audited. */
    deleteDetainee: async (id: number): Promise<void> => void (await call(ROUTES.deleteDetainee, { params: { id } })),
    setDetaineeStage: async (id: number, stage: string): Promise<Detainee> => (await call(ROUTES.setDetaineeStage, { params: { id }, body: { stage } })).detainee,
  };
}
export type DetaineesApi = ReturnType<typeof createDetaineesApi>;
