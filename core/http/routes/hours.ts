import type { FastifyInstance } from 'fastify';
import { ROUTES } from '../../contract';
import { serve } from '../serve-route';
import type { HttpServices } from '../services';

/** The admin's 營業時間 Opening hours tab: each service's hours, set or back to the site file's. */
export function hoursRoutes(app: FastifyInstance, s: HttpServices): void {
  serve(app, ROUTES.listHours, () => ({ services: s.hours.list() }));
  serve(app, ROUTES.setHours, ({ params: { serviceId }, body: { hours }, staff }) => ({ service: s.hours.set(staff.id, serviceId, hours) }));
  serve(app, ROUTES.resetHours, ({ params: { serviceId }, staff }) => ({ service: s.hours.reset(staff.id, serviceId) }));
}
