/** Provisioned kiosks and rating tablets (admin): the list, a one-time set-up link, revoking one. */
import { ROUTES, type KioskProvisionRequest, type KioskProvisionResponse } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createKiosksApi(call: Call) {
  return {
    kiosks: async () => (await call(ROUTES.listKiosks)).kiosks,
    provisionKiosk: (req: KioskProvisionRequest): Promise<KioskProvisionResponse> => call(ROUTES.provisionKiosk, { body: req }),
    revokeKiosk: (id: number) => call(ROUTES.revokeKiosk, { params: { id }, body: {} }),
  };
}
export type KiosksApi = ReturnType<typeof createKiosksApi>;
