/** Each service's opening hours (admin): read, set from now on, or back to the site file's. */
import { ROUTES, type ServiceHours, type SetHoursRequest } from '../../../core/contract';
import type { Call } from '../../client/call';

export function createHoursApi(call: Call) {
  return {
    serviceHours: async (): Promise<ServiceHours[]> => (await call(ROUTES.listHours)).services,
    setHours: async (serviceId: string, req: SetHoursRequest): Promise<ServiceHours> => (await call(ROUTES.setHours, { params: { serviceId }, body: req })).service,
    resetHours: async (serviceId: string): Promise<ServiceHours> => (await call(ROUTES.resetHours, { params: { serviceId } })).service,
  };
}
export type HoursApi = ReturnType<typeof createHoursApi>;
