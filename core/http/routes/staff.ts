import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  API,
  callNextRequestSchema,
  counterActionSchema,
  type CounterActionResponse,
  createUserRequestSchema,
  updateUserRequestSchema,
  loginRequestSchema,
  setupRequestSchema,
  type CallNextResponse,
  type MeResponse,
} from '../../contract';
import { listAudit } from '../../domain/audit';
import { DomainError } from '../../domain/errors';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../auth';
import { staffOf } from '../route-access';
import { parse } from '../errors';
import { createRateLimiter } from '../rate-limit';
import type { HttpServices } from '../services';

const emptyBodySchema = z.strictObject({}).optional();

export function staffRoutes(app: FastifyInstance, s: HttpServices): void {
  const { accounts } = s;
  // Per address, on top of the per-account lock: slows a guesser trying many accounts.
  const signIns = createRateLimiter({ limit: 20, windowMs: 10 * 60_000, message: '登入嘗試次數過多，請稍後再試 / Too many sign-in attempts from this device; please wait a few minutes.' });

  app.get(API.staffMe, async (req): Promise<MeResponse> => {
    const token = sessionToken(req);
    const user = accounts.sessionUser(token);
    return { user, needsSetup: accounts.needsSetup(), csrfToken: user && token ? accounts.csrfTokenFor(token) : null };
  });

  app.post(API.staffSetup, async (req, reply) => {
    const body = parse(setupRequestSchema, req.body);
    const user = await accounts.setupFirstAdmin(body);
    const session = await accounts.login(body.username, body.password);
    if (session) setSessionCookie(reply, session.token, s.secureCookies);
    return reply.status(201).send({ user });
  });

  app.post(API.staffLogin, async (req, reply) => {
    signIns.hit(req.ip);
    const { username, password } = parse(loginRequestSchema, req.body);
    const session = await accounts.login(username, password);
    if (!session) throw new DomainError('unauthorized', 'Wrong username or password.');
    setSessionCookie(reply, session.token, s.secureCookies);
    return { user: session.user };
  });

  app.post(API.staffLogout, async (req, reply) => {
    // No input; anything sent is a mistake or a probe.
    parse(emptyBodySchema, req.body);
    accounts.logout(sessionToken(req));
    clearSessionCookie(reply);
    return { ok: true };
  });

  app.get(API.staffUsers, async (req) => {
    return { users: accounts.listUsers() };
  });

  app.post(API.staffUsers, async (req, reply) => {
    const actor = staffOf(req);
    const body = parse(createUserRequestSchema, req.body);
    return reply.status(201).send({ user: await accounts.createUser(actor, body) });
  });

  app.put(API.staffUserPattern, async (req) => {
    const actor = staffOf(req);
    const { id } = parse(z.strictObject({ id: z.coerce.number().int().min(1).max(2 ** 31) }), req.params);
    return { user: accounts.updateUser(actor, id, parse(updateUserRequestSchema, req.body)) };
  });

  app.get(API.staffAudit, async (req) => {
    return { entries: listAudit(s.db) };
  });

  app.post(API.counterCallNext, async (req): Promise<CallNextResponse> => {
    const user = staffOf(req);
    const { counterId } = parse(callNextRequestSchema, req.body);
    return { call: s.queue.callNext(counterId, user.id) };
  });

  app.post(API.counterAction, async (req): Promise<CounterActionResponse> => {
    const user = staffOf(req);
    return s.queue.act(parse(counterActionSchema, req.body), user.id);
  });
}
