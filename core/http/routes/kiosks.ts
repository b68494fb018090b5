import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API, type KioskProvisionResponse } from '../../contract';
import { DomainError } from '../../domain/errors';
import { kioskToken, setKioskCookie } from '../kiosk-auth';
import { parse } from '../errors';
import { staffOf } from '../route-access';
import type { HttpServices } from '../services';

const provisionQuery = z.strictObject({ code: z.string().min(8).max(64), name: z.string().max(60).optional() });
const idParams = z.strictObject({ id: z.coerce.number().int().min(1).max(2 ** 31) });

export function kioskRoutes(app: FastifyInstance, s: HttpServices): void {
  app.get(API.kioskStatus, async (req) => ({ provisioned: s.kiosks.kioskFor(kioskToken(req)) !== null }));

  // The one-time link an installer opens on the kiosk's browser: it leaves a credential cookie behind.
  app.get(API.kioskProvision, async (req, reply) => {
    try {
      const { code, name } = parse(provisionQuery, req.query);
      const token = s.kiosks.redeem(code, name ?? `browser ${req.ip}`);
      setKioskCookie(reply, token, s.secureCookies || req.protocol === 'https');
      return reply.redirect('/kiosk', 303);
    } catch (err) {
      const message = err instanceof DomainError ? err.message : 'This set-up link is not valid.';
      return reply.status(403).type('text/plain; charset=utf-8').send(`${message}\n請向系統管理員索取新的設定連結 / Ask an administrator for a new set-up link.\n`);
    }
  });

  app.get(API.staffKiosks, async () => ({ kiosks: s.kiosks.list() }));

  app.post(API.staffKioskProvision, async (req): Promise<KioskProvisionResponse> => {
    const user = staffOf(req);
    parse(z.strictObject({}).optional(), req.body);
    const { code, expiresAt } = s.kiosks.provisioningCode(user.id);
    return { code, url: `${s.baseUrl()}${API.kioskProvision}?code=${code}`, expiresAt };
  });

  app.post(API.staffKioskRevokePattern, async (req) => {
    const user = staffOf(req);
    parse(z.strictObject({}).optional(), req.body);
    s.kiosks.revoke(user.id, parse(idParams, req.params).id);
    return { ok: true };
  });
}
