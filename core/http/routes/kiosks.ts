import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ratingCounterOf, ROUTES, SCREEN_PATHS } from '../../contract';
import { DomainError } from '../../domain/errors';
import { kioskToken, setKioskCookie } from '../kiosk-auth';
import { OK, serve } from '../serve-route';
import type { HttpServices } from '../services';

export function kioskRoutes(app: FastifyInstance, s: HttpServices): void {
  serve(app, ROUTES.kioskStatus, ({ req }) => ({ provisioned: s.kiosks.useKiosk(kioskToken(req))?.purpose === 'tickets' }));

  // A page the installer's browser opens: a refusal is a sentence to read, not JSON.
  const refuse = (err: FastifyError | Error, _req: unknown, reply: FastifyReply): void => {
    const message = err instanceof DomainError ? err.message : 'This set-up link is not valid.';
    const text = ROUTES.kioskProvision.response.parse(`${message}\n請向系統管理員索取新的設定連結 / Ask an administrator for a new set-up link.\n`);
    void reply.status(403).type('text/plain; charset=utf-8').send(text);
  };
  // It leaves a credential cookie behind.
  serve(
    app,
    ROUTES.kioskProvision,
    ({ query: { code, name }, req, reply }) => {
      const { token, purpose } = s.kiosks.redeem(code, name ?? `browser ${req.ip}`);
      setKioskCookie(reply, token, s.secureCookies || req.protocol === 'https');
      // A rating tablet goes to its counter's rating screen, a ticket kiosk to the kiosk.
      const counter = ratingCounterOf(purpose);
      return reply.redirect(counter ? `${SCREEN_PATHS.rate}/${encodeURIComponent(counter)}` : SCREEN_PATHS.kiosk, 303);
    },
    { errorHandler: refuse },
  );

  serve(app, ROUTES.listKiosks, () => ({ kiosks: s.kiosks.list() }));

  serve(app, ROUTES.provisionKiosk, ({ body, staff }) => {
    const purpose = body?.purpose ?? 'tickets';
    const counter = ratingCounterOf(purpose);
    if (counter !== null && !s.site.counters.some((c) => c.id === counter)) throw new DomainError('not_found', `No counter ${counter} at this site.`);
    const { code, expiresAt } = s.kiosks.provisioningCode(staff.id, purpose);
    // The name staff gave rides the link: the device is listed by it once set up.
    const name = body?.name ? `&name=${encodeURIComponent(body.name)}` : '';
    return { code, url: `${s.baseUrl()}${ROUTES.kioskProvision.path}?code=${code}${name}`, expiresAt };
  });

  serve(app, ROUTES.revokeKiosk, ({ params: { id }, staff }) => {
    s.kiosks.revoke(staff.id, id);
    return OK;
  });
}
