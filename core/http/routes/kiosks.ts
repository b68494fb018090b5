import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API, kioskProvisionRequestSchema, ratingCounterOf, SCREEN_PATHS, type KioskProvisionResponse } from '../../contract';
import { DomainError } from '../../domain/errors';
import { kioskToken, setKioskCookie } from '../kiosk-auth';
import { parse } from '../errors';
import { staffOf } from '../route-access';
import type { HttpServices } from '../services';

const provisionQuery = z.strictObject({ code: z.string().min(8).max(64), name: z.string().max(60).optional() });
const idParams = z.strictObject({ id: z.coerce.number().int().min(1).max(2 ** 31) });

export function kioskRoutes(app: FastifyInstance, s: HttpServices): void {
  // Whether this device may issue tickets (a rating tablet's credential is not a ticket kiosk's).
  app.get(API.kioskStatus, async (req) => ({ provisioned: s.kiosks.kioskFor(kioskToken(req))?.purpose === 'tickets' }));

  // The one-time link an installer opens on the kiosk's browser: it leaves a credential cookie behind.
  app.get(API.kioskProvision, async (req, reply) => {
    try {
      const { code, name } = parse(provisionQuery, req.query);
      const { token, purpose } = s.kiosks.redeem(code, name ?? `browser ${req.ip}`);
      setKioskCookie(reply, token, s.secureCookies || req.protocol === 'https');
      // A rating tablet goes to its counter's rating screen, a ticket kiosk to the kiosk.
      const counter = ratingCounterOf(purpose);
      return reply.redirect(counter ? `${SCREEN_PATHS.rate}/${encodeURIComponent(counter)}` : SCREEN_PATHS.kiosk, 303);
    } catch (err) {
      const message = err instanceof DomainError ? err.message : 'This set-up link is not valid.';
      return reply.status(403).type('text/plain; charset=utf-8').send(`${message}\n請向系統管理員索取新的設定連結 / Ask an administrator for a new set-up link.\n`);
    }
  });

  app.get(API.staffKiosks, async () => ({ kiosks: s.kiosks.list() }));

  app.post(API.staffKioskProvision, async (req): Promise<KioskProvisionResponse> => {
    const user = staffOf(req);
    const purpose = parse(kioskProvisionRequestSchema.optional(), req.body)?.purpose ?? 'tickets';
    const counter = ratingCounterOf(purpose);
    if (counter !== null && !s.site.counters.some((c) => c.id === counter)) throw new DomainError('not_found', `No counter ${counter} at this site.`);
    const { code, expiresAt } = s.kiosks.provisioningCode(user.id, purpose);
    return { code, url: `${s.baseUrl()}${API.kioskProvision}?code=${code}`, expiresAt };
  });

  app.post(API.staffKioskRevokePattern, async (req) => {
    const user = staffOf(req);
    parse(z.strictObject({}).optional(), req.body);
    s.kiosks.revoke(user.id, parse(idParams, req.params).id);
    return { ok: true };
  });
}
