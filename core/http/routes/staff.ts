import type { FastifyInstance } from 'fastify';
import { ROUTES } from '../../contract';
import { listAudit } from '../../domain/audit';
import { DomainError } from '../../domain/errors';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../auth';
import { SignInThrottled } from '../../domain/accounts/sign-in-guard';
import { OK, serve } from '../serve-route';
import type { HttpServices } from '../services';

const WRONG_CREDENTIALS = '帳號或密碼錯誤 / Wrong username or password.';

export function staffRoutes(app: FastifyInstance, s: HttpServices): void {
  const { accounts } = s;

  serve(app, ROUTES.me, ({ req }) => {
    const token = sessionToken(req);
    const user = accounts.useSession(token);
    return { user, needsSetup: accounts.needsSetup(), csrfToken: user && token ? accounts.csrfTokenFor(token) : null };
  });

  serve(app, ROUTES.setup, async ({ body, req, reply }) => {
    const user = await accounts.setupFirstAdmin(body);
    const session = await accounts.login(body.username, body.password, req.ip);
    if (session) setSessionCookie(reply, session.token, s.secureCookies || req.protocol === 'https');
    return { user };
  });

  // The same 401 for an unknown username and a wrong password, and the same 429 (fixed
  // text; the wait only in Retry-After) for every throttled try: see sign-in-guard.ts.
  serve(app, ROUTES.login, async ({ body: { username, password }, req, reply }) => {
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

  serve(app, ROUTES.logout, ({ req, reply }) => {
    accounts.logout(sessionToken(req));
    clearSessionCookie(reply);
    return OK;
  });

  serve(app, ROUTES.listUsers, () => ({ users: accounts.listUsers() }));

  serve(app, ROUTES.createUser, async ({ body, staff }) => ({ user: await accounts.createUser(staff, body) }));

  serve(app, ROUTES.unlockUser, ({ params: { id }, staff }) => accounts.unlockUser(staff, id));

  serve(app, ROUTES.updateUser, ({ params: { id }, body, staff }) => ({ user: accounts.updateUser(staff, id, body) }));

  serve(app, ROUTES.listAudit, () => ({ entries: listAudit(s.db) }));

  serve(app, ROUTES.callNext, ({ body: { counterId }, staff }) => ({ call: s.queue.callNext(counterId, staff.id) }));

  serve(app, ROUTES.counterAction, ({ body, staff }) => s.queue.act(body, staff.id));
}
