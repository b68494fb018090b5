/** Raising and clearing the emergency broadcast (admin). */
import { ROUTES, type Emergency, type RaiseEmergencyRequest } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createEmergencyApi(call: Call) {
  return {
    raiseEmergency: async (req: RaiseEmergencyRequest): Promise<Emergency> => (await call(ROUTES.raiseEmergency, { body: req })).emergency,
    clearEmergency: () => call(ROUTES.clearEmergency, { body: {} }),
  };
}
export type EmergencyApi = ReturnType<typeof createEmergencyApi>;
