import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import { errorHandler } from './errors';
import { deviceRoutes } from './routes/devices';
import { marqueeRoutes } from './routes/marquee';
import { courtRoutes } from './routes/court';
import { liveRoutes } from './routes/live';
import { publicRoutes } from './routes/public';
import { screenRoutes } from './routes/screens';
import { staffRoutes } from './routes/staff';
import type { HttpServices } from './services';
import type { Logger } from '../log';
import { enforceRouteAccess } from './route-access';
import { kioskGate } from './kiosk-auth';
import { kioskRoutes } from './routes/kiosks';
import { hoursRoutes } from './routes/hours';
import { guideRoutes } from './routes/guide';
import { surveyRoutes } from './routes/survey';
import { acceptTls, isLocalConnection } from './tls';

/** Requests are small JSON commands; anything bigger is refused before parsing. */
const BODY_LIMIT = 16 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A Host header fit to redirect to (name or address, optional port); anything else is not echoed. */
const HOST_HEADER = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * `tls`: the lobby is open to the LAN. Its port then speaks HTTPS too; plain HTTP stays
 * only for connections to this computer's loopback address (the lobby's own windows),
 * and a plain request from anywhere else is redirected to HTTPS before any route runs,
 * so no cookie, password or staff answer crosses the LAN in clear text.
 */
export async function buildServer(s: HttpServices, opts: { logger: Logger; tls?: { key: string; cert: string } }): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    // Request lines are for debugging; warnings and errors always go to the log.
    logController: new LogController({ disableRequestLogging: opts.logger.level !== 'debug' && opts.logger.level !== 'trace' }),
    bodyLimit: BODY_LIMIT,
    // Deeply nested JSON is refused by the schemas; this bounds the work before that.
    routerOptions: { maxParamLength: 200 },
    trustProxy: false,
  });
  // Every route, as registered: the privacy and security tests walk this list.
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });
  app.decorate('lobbyRoutes', routes);
  if (opts.tls) {
    acceptTls(app.server, opts.tls);
    // First of the onRequest hooks: before the route's access check reads a cookie.
    app.addHook('onRequest', async (req, reply) => {
      if (req.protocol === 'https' || isLocalConnection(req.raw.socket)) return;
      const given = req.headers.host ?? '';
      const host = HOST_HEADER.test(given) ? given : `${req.raw.socket.localAddress ?? ''}:${req.raw.socket.localPort ?? ''}`;
      return reply.redirect(`https://${host}${req.url}`, 308);
    });
  }
  app.setErrorHandler(errorHandler);
  // Commands are JSON only; a form or text body is refused with 415 rather than half-understood.
  app.removeContentTypeParser('text/plain');
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ error: 'not_found', message: `No such route: ${req.method} ${req.url.split('?')[0]}` });
  });
  app.addHook('onSend', async (req, reply, payload) => {
    // Staff answers carry names, audit rows and tickets: never kept by a browser or a proxy.
    // Other API answers are live state, so stale copies are no use either; a route that
    // chose its own caching (the public guide) keeps it.
    if (req.url.startsWith('/api/staff') || (req.url.startsWith('/api/') && !reply.hasHeader('cache-control'))) {
      reply.header('cache-control', 'no-store');
    }
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    return payload;
  });

  await app.register(fastifyCookie);
  enforceRouteAccess(app, { accounts: s.accounts, checkKiosk: kioskGate(s.kiosks, s.site.kiosk.ticketsPerMinute) });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  publicRoutes(app, s);
  staffRoutes(app, s);
  deviceRoutes(app, s);
  marqueeRoutes(app, s);
  courtRoutes(app, s);
  kioskRoutes(app, s);
  hoursRoutes(app, s);
  guideRoutes(app, s);
  surveyRoutes(app, s);
  await app.register(async (scope) => liveRoutes(scope, s));
  await screenRoutes(app, s);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    lobbyRoutes: { method: string; url: string }[];
  }
}
