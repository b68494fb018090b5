import type { FastifyInstance } from 'fastify';
import { ROUTES } from '../../contract';
import { previewSigns } from '../../devices/sign-preview';
import { OK, serve } from '../serve-route';
import type { HttpServices } from '../services';

/** Desk staff and admins write the marquee (and preview a draft on the LED signs); only admins raise and clear an emergency. */
export function marqueeRoutes(app: FastifyInstance, s: HttpServices): void {
  serve(app, ROUTES.listMarquee, () => ({ messages: s.marquee.list() }));

  serve(app, ROUTES.createMarquee, ({ body, staff }) => ({ message: s.marquee.create(staff.id, body) }));

  serve(app, ROUTES.updateMarquee, ({ params: { id }, body, staff }) => ({ message: s.marquee.update(staff.id, id, body) }));

  serve(app, ROUTES.deleteMarquee, ({ params: { id }, staff }) => {
    s.marquee.remove(staff.id, id);
    return OK;
  });

  // Read-only, so a GET with the draft in the query (no CSRF token, nothing stored or audited).
  serve(app, ROUTES.signPreview, ({ query }) => ({ signs: previewSigns(s.site.signs, query) }));

  serve(app, ROUTES.emergencyState, () => s.emergencies.state());

  serve(app, ROUTES.raiseEmergency, ({ body, staff }) => ({ emergency: s.emergencies.raise(staff.id, body) }));

  serve(app, ROUTES.clearEmergency, ({ staff }) => {
    s.emergencies.clear(staff.id);
    return OK;
  });
}
