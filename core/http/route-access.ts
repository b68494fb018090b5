import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROLES, ROUTES, routeKey, type Access, type RouteDef, type StaffUser } from '../contract';
import type { Accounts } from '../domain/accounts/accounts';
import { DomainError } from '../domain/errors';
import { requireStaff } from './auth';
import { isLoopback } from '../config/network';

/**
 * Who may call each route is written in its entry of the route table (ROUTES in
 * core/contract/api.ts), who may follow each live topic in its entry of TOPIC_TABLE (judged
 * for a socket in topic-access.ts): a reviewer reads the whole policy there and a test walks it. `public`: anyone (read-only, or
 * a sign-in); `kiosk`: a provisioned kiosk; `rating-tablet`: a counter's rating tablet; a
 * role list: signed-in staff with one of the roles (admin may do everything), plus a CSRF
 * token on changes. Routes are registered from their entries only (serve-route.ts): an /api
 * route that is not in the table stops the server from starting.
 */
export type { Access };

const TABLE: ReadonlySet<RouteDef> = new Set(Object.values(ROUTES));

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member, set by the access hook on staff routes. */
    staff?: StaffUser;
  }
}

/** The signed-in user of a staff route (the access hook has checked the role). */
export function staffOf(req: FastifyRequest): StaffUser {
  if (!req.staff) throw new DomainError('unauthorized', 'Please sign in.');
  return req.staff;
}

export function enforceRouteAccess(app: FastifyInstance, deps: { accounts: Accounts; checkKiosk(req: FastifyRequest, access: Access): void }): void {
  app.addHook('onRoute', (route) => {
    const def = route.config?.lobbyRoute;
    if (def && !TABLE.has(def)) throw new Error(`${routeKey(def)} is not an entry of ROUTES`);
    if (!def && route.url.startsWith('/api/')) throw new Error(`${[route.method].flat().join(',')} ${route.url} is not registered from ROUTES (serve-route.ts)`);
  });
  // onRequest: refuse before the body is even read.
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config.lobbyRoute?.access;
    if (access === undefined) return;
    if (access === 'public') return;
    if (access === 'kiosk' || access === 'rating-tablet') return deps.checkKiosk(req, access);
    if (access === 'lobby-kiosk') {
      if (!isLoopback(req.socket.remoteAddress)) throw new DomainError('forbidden', 'Only a kiosk on the lobby computer itself may do this.');
      return deps.checkKiosk(req, access);
    }
    req.staff = requireStaff(deps.accounts, req, access.length ? access : ROLES);
  });
}

