/** Forgetting a screen listed quietly in the device view (admin; audited). */
import { ROUTES } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createDevicesHealthApi(call: Call) {
  return {
    /** Resolves false when it was no longer listed. */
    forgetScreen: async (id: string): Promise<boolean> => (await call(ROUTES.forgetScreen, { body: { id } })).forgotten,
  };
}
export type DevicesHealthApi = ReturnType<typeof createDevicesHealthApi>;
