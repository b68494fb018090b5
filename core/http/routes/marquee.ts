import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API, marqueeMessageInputSchema, raiseEmergencyRequestSchema, signPreviewQuerySchema, type SignPreviewResponse } from '../../contract';
import { previewSigns } from '../../devices/sign-preview';
import { staffOf } from '../route-access';
import { parse } from '../errors';
import type { HttpServices } from '../services';

const idParams = z.strictObject({ id: z.coerce.number().int().min(1).max(2 ** 31) });

/** Desk staff and admins write the marquee (and preview a draft on the LED signs); only admins raise and clear an emergency. */
export function marqueeRoutes(app: FastifyInstance, s: HttpServices): void {
  app.get(API.staffMarquee, async (req) => {
    return { messages: s.marquee.list() };
  });

  app.post(API.staffMarquee, async (req, reply) => {
    const user = staffOf(req);
    return reply.status(201).send({ message: s.marquee.create(user.id, parse(marqueeMessageInputSchema, req.body)) });
  });

  app.put(API.staffMarqueeItemPattern, async (req) => {
    const user = staffOf(req);
    const { id } = parse(idParams, req.params);
    return { message: s.marquee.update(user.id, id, parse(marqueeMessageInputSchema, req.body)) };
  });

  app.delete(API.staffMarqueeItemPattern, async (req) => {
    const user = staffOf(req);
    const { id } = parse(idParams, req.params);
    s.marquee.remove(user.id, id);
    return { ok: true };
  });

  // Read-only, so a GET with the draft in the query (no CSRF token, nothing stored or audited).
  app.get(API.staffMarqueeSignPreview, async (req): Promise<SignPreviewResponse> => {
    return { signs: previewSigns(s.site.signs, parse(signPreviewQuerySchema, req.query)) };
  });

  app.get(API.staffEmergency, async (req) => {
    return s.emergencies.state();
  });

  app.post(API.staffEmergency, async (req, reply) => {
    const user = staffOf(req);
    return reply.status(201).send({ emergency: s.emergencies.raise(user.id, parse(raiseEmergencyRequestSchema, req.body)) });
  });

  app.post(API.staffEmergencyClear, async (req) => {
    const user = staffOf(req);
    parse(z.strictObject({}).optional(), req.body);
    s.emergencies.clear(user.id);
    return { ok: true };
  });
}
