import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role, StaffUser } from '../contract';
import type { Accounts } from '../domain/accounts/accounts';
import { DomainError } from '../domain/errors';

export const SESSION_COOKIE = 'lobby_session';
export const CSRF_HEADER = 'x-csrf-token';

export function sessionToken(req: FastifyRequest): string | undefined {
  return req.cookies[SESSION_COOKIE];
}

/**
 * The gate for every staff route: a live session, one of the roles the route
 * allows (admin may do everything), and for changes a CSRF token.
 */
export function requireStaff(accounts: Accounts, req: FastifyRequest, roles: readonly Role[]): StaffUser {
  const token = sessionToken(req);
  const user = accounts.useSession(token);
  if (!user || !token) throw new DomainError('unauthorized', 'Please sign in.');
  if (req.method !== 'GET' && req.method !== 'HEAD' && !accounts.checkCsrf(token, headerValue(req, CSRF_HEADER))) {
    throw new DomainError('forbidden', 'The request is missing its CSRF token; reload the page.');
  }
  if (!user.roles.includes('admin') && !roles.some((r) => user.roles.includes(r))) {
    throw new DomainError('forbidden', `This needs one of the roles: ${roles.join(', ')}.`);
  }
  return user;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure, maxAge: 12 * 60 * 60 });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

function headerValue(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
