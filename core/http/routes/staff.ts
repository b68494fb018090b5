import type { FastifyInstance } from 'fastify';
import { ROUTES, siteUsesHearings } from '../../contract';
import { auditedTargets, hasAudit, readAudit } from '../../domain/audit';
import { buildChecklist } from '../../domain/accounts/checklist';
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

  serve(app, ROUTES.resetPassword, ({ params: { id }, body, staff }) => accounts.resetPassword(staff, id, body.password));

  // A wrong current password is counted like a failed sign-in (see sign-in-guard.ts).
  serve(app, ROUTES.changeOwnPassword, async ({ body, req, reply, staff }) => {
    try {
      return await accounts.changeOwnPassword(staff, sessionToken(req) ?? '', body, req.ip);
    } catch (err) {
      if (err instanceof SignInThrottled) void reply.header('retry-after', String(Math.ceil(err.retryAfterMs / 1000)));
      throw err;
    }
  });

  const siteNames = {
    courtroom: (id: string) => s.site.courtrooms.find((c) => c.id === id)?.name,
    detaineeStep: (id: string) => [...s.site.detainees.stages, ...s.site.detainees.outcomes].find((x) => x.id === id),
    counter: (id: string) => s.site.counters.find((c) => c.id === id)?.name,
  };
  serve(app, ROUTES.listAudit, ({ query }) => readAudit(s.db, query, { timeZone: s.site.timeZone, names: siteNames }));

  serve(app, ROUTES.checklist, () => {
    const kiosks = s.kiosks.list().filter((k) => !k.revoked && k.purpose === 'tickets');
    const devices = s.hub.snapshot('devices.health').data.devices;
    return buildChecklist({
      accounts: accounts.listUsers().filter((u) => !u.disabled),
      kiosks: { active: kiosks.length, seen: kiosks.filter((k) => k.lastSeenAt !== null).length },
      counters: s.site.counters.length,
      services: s.site.services.length,
      // Hours in force (an admin's edit over the site file's); an admin who chose "always open" has decided.
      servicesWithoutHours: s.hours
        .list()
        .filter((x) => !x.hours?.length && !x.edited)
        .map((x) => x.name),
      hearings: siteUsesHearings(s.site) ? { today: s.hearings.list().length, everEntered: hasAudit(s.db, 'hearing.create') || hasAudit(s.db, 'hearings.import') } : null,
      guideSectionsReviewed: Math.max(s.guide.staffView().edited.length, auditedTargets(s.db, 'guide.section.')),
      marqueeMessages: s.marquee.list().length,
      devices: { alerting: devices.filter((d) => d.alert !== null).map((d) => d.name), listed: devices.length },
    });
  });

  serve(app, ROUTES.callNext, ({ body: { counterId }, staff }) => ({ call: s.queue.callNext(counterId, staff.id) }));

  serve(app, ROUTES.counterAction, ({ body, staff }) => s.queue.act(body, staff.id));
}
