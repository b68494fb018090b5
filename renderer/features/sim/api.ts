/** The simulated devices' controls on /devices (admin): printer faults, keypad keys, a sign's link. */
import { ROUTES, type SimFault, type SimKeypadRequest } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createSimApi(call: Call) {
  return {
    /** Inject a fault into the simulated printer, or clear it with null. */
    simPrinterFault: (fault: SimFault | null) => call(ROUTES.simPrinterFault, { body: { fault } }),
    /** Press a key on a simulated caller keypad. */
    simKeypadPress: (req: SimKeypadRequest) => call(ROUTES.simKeypadPress, { body: req }),
    /** Take a simulated LED sign offline, or back. */
    simSign: (id: string, offline: boolean) => call(ROUTES.simSign, { body: { id, offline } }),
  };
}
export type SimApi = ReturnType<typeof createSimApi>;
