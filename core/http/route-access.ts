import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API, TOPIC_ACCESS, TOPICS, type Access, type Role, type StaffUser, type Topic } from '../contract';
import type { Accounts } from '../domain/accounts/accounts';
import { DomainError } from '../domain/errors';
import { requireStaff } from './auth';
import { isLoopback } from '../config/network';

/**
 * Who may call each API route: one table, so a reviewer reads the whole
 * policy in one place and a test walks it. `public`: anyone (read-only, or a
 * sign-in); `kiosk`: a provisioned kiosk; `rating-tablet`: a counter's rating tablet; a role list: signed-in staff with
 * one of the roles (admin may do everything), plus a CSRF token on changes.
 * An /api route missing from this table stops the server from starting.
 * The live topics are rows of the same shape (`LIVE <topic>`, see ACCESS_POLICY).
 */
export type { Access };

const ANY_STAFF: readonly Role[] = ['admin', 'counter', 'desk', 'bailiff', 'clerk'];

export const ROUTE_ACCESS: Readonly<Record<string, Access>> = {
  [`GET ${API.site}`]: 'public',
  [`GET ${API.health}`]: 'public',
  [`POST ${API.tickets}`]: 'kiosk',
  [`GET ${API.phoneTicketPattern}`]: 'public',
  [`GET ${API.phoneHearing}`]: 'public',
  [`GET ${API.staffMe}`]: 'public',
  [`GET ${API.kioskStatus}`]: 'public',
  [`GET ${API.staffKiosks}`]: ['admin'],
  [`POST ${API.staffKioskProvision}`]: ['admin'],
  [`POST ${API.staffKioskRevokePattern}`]: ['admin'],
  [`POST ${API.staffSetup}`]: 'public',
  [`POST ${API.staffLogin}`]: 'public',
  [`POST ${API.staffUserUnlockPattern}`]: ['admin'],
  [`POST ${API.staffLogout}`]: 'public',
  [`GET ${API.staffUsers}`]: ['admin'],
  [`POST ${API.staffUsers}`]: ['admin'],
  [`PUT ${API.staffUserPattern}`]: ['admin'],
  [`GET ${API.staffAudit}`]: ['admin'],
  [`POST ${API.counterCallNext}`]: ['counter'],
  [`POST ${API.counterAction}`]: ['counter'],
  [`POST ${API.staffReprint}`]: ['counter', 'desk'],
  [`POST ${API.simPrinterFault}`]: ['admin'],
  [`POST ${API.simKeypadPress}`]: ['admin'],
  [`POST ${API.simSign}`]: ['admin'],
  [`POST ${API.simScan}`]: ['admin'],
  [`POST ${API.ratingsCounter}`]: 'rating-tablet',
  [`POST ${API.ratingsKiosk}`]: 'kiosk',
  [`GET ${API.staffStats}`]: ['desk'],
  [`GET ${API.staffStatsCsv}`]: ['desk'],
  [`GET ${API.staffMarquee}`]: ['desk'],
  [`POST ${API.staffMarquee}`]: ['desk'],
  [`PUT ${API.staffMarqueeItemPattern}`]: ['desk'],
  [`DELETE ${API.staffMarqueeItemPattern}`]: ['desk'],
  [`GET ${API.staffMarqueeSignPreview}`]: ['desk'],
  [`GET ${API.staffEmergency}`]: ['admin'],
  [`POST ${API.staffEmergency}`]: ['admin'],
  [`POST ${API.staffEmergencyClear}`]: ['admin'],
  [`GET ${API.staffHearings}`]: ['bailiff', 'clerk'],
  [`POST ${API.staffHearings}`]: ['clerk'],
  [`POST ${API.staffHearingsImport}`]: ['clerk'],
  [`POST ${API.staffHearingStatePattern}`]: ['bailiff', 'clerk'],
  [`DELETE ${API.staffHearingPattern}`]: ['clerk'],
  [`GET ${API.staffDetainees}`]: ['bailiff'],
  [`POST ${API.staffDetainees}`]: ['bailiff'],
  [`POST ${API.staffDetaineeStagePattern}`]: ['bailiff'],
  [`GET ${API.staffRoster}`]: ['bailiff', 'clerk'],
  [`PUT ${API.staffRosterDayPattern}`]: ['bailiff', 'clerk'],
  [`GET ${API.guide}`]: 'public',
  [`GET ${API.guideSearch}`]: 'public',
  [`GET ${API.staffGuide}`]: ['desk'],
  [`PUT ${API.staffGuideSectionPattern}`]: ['desk'],
};

/**
 * The whole policy: the routes' rows and the live topics' rows (`LIVE queue.staff`). The
 * topics' rows are written in the contract (TOPIC_ACCESS), where screens read them to know
 * what to follow; the server checks both through accessFor().
 */
export const ACCESS_POLICY: Readonly<Record<string, Access>> = {
  ...ROUTE_ACCESS,
  ...Object.fromEntries(TOPICS.map((t) => [`LIVE ${t}`, TOPIC_ACCESS[t]])),
};

export function accessFor(method: string, url: string): Access | undefined {
  return ACCESS_POLICY[`${method} ${url}`];
}

export function topicAccess(topic: Topic): Access {
  return accessFor('LIVE', topic)!;
}

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
    if (!route.url.startsWith('/api/')) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      if (!accessFor(method, route.url)) throw new Error(`${method} ${route.url} has no entry in ROUTE_ACCESS`);
    }
  });
  // onRequest: refuse before the body is even read.
  app.addHook('onRequest', async (req) => {
    const url = req.routeOptions.url;
    if (!url?.startsWith('/api/')) return;
    const access = accessFor(req.method === 'HEAD' ? 'GET' : req.method, url)!;
    if (access === 'public') return;
    if (access === 'kiosk' || access === 'rating-tablet') return deps.checkKiosk(req, access);
    if (access === 'lobby-kiosk') {
      if (!isLoopback(req.socket.remoteAddress)) throw new DomainError('forbidden', 'Only a kiosk on the lobby computer itself may do this.');
      return deps.checkKiosk(req, access);
    }
    req.staff = requireStaff(deps.accounts, req, access.length ? access : ANY_STAFF);
  });
}

