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
import { SignInThrottled } from '../../domain/accounts/sign-in-guard';
import type { HttpServices } from '../services';

const emptyBodySchema = z.strictObject({}).optional();
const userIdParams = z.strictObject({ id: z.coerce.number().int().min(1).max(2 ** 31) });
const WRONG_CREDENTIALS = '帳號或密碼錯誤 / Wrong username or password.';

export function staffRoutes(app: FastifyInstance, s: HttpServices): void {
  const { accounts } = s;

  app.get(API.staffMe, async (req): Promise<MeResponse> => {
    const token = sessionToken(req);
    const user = accounts.sessionUser(token);
    return { user, needsSetup: accounts.needsSetup(), csrfToken: user && token ? accounts.csrfTokenFor(token) : null };
  });

  app.post(API.staffSetup, async (req, reply) => {
    const body = parse(setupRequestSchema, req.body);
    const user = await accounts.setupFirstAdmin(body);
    const session = await accounts.login(body.username, body.password, req.ip);
    if (session) setSessionCookie(reply, session.token, s.secureCookies || req.protocol === 'https');
    return reply.status(201).send({ user });
  });

  // The same 401 for an unknown username and a wrong password, and the same 429 (fixed
  // text; the wait only in Retry-After) for every throttled try: see sign-in-guard.ts.
  app.post(API.staffLogin, async (req, reply) => {
    const { username, password } = parse(loginRequestSchema, req.body);
    let session: Awaited<ReturnType<typeof accounts.login>>;
    try {
      session = await accounts.login(username, password, req.ip);
    } catch (err) {
      if (err instanceof SignInThrottled) void reply.header('retry-after', String(Math.ceil(err.retryAfterMs / 1000)));
      throw err;
    }
    if (!session) throw new DomainError('unauthorized', WRONG_CREDENTIALS);
    setSessionCookie(reply, session.token, s.secureCookies || req.protocol === 'https');
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

  app.post(API.staffUserUnlockPattern, async (req) => {
    const actor = staffOf(req);
    const { id } = parse(userIdParams, req.params);
    parse(emptyBodySchema, req.body);
    return accounts.unlockUser(actor, id);
  });

  app.put(API.staffUserPattern, async (req) => {
    const actor = staffOf(req);
    const { id } = parse(userIdParams, req.params);
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
