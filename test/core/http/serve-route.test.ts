import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ROUTES, type IssuedTicket, type PublicSite } from '../../../core/contract';
import { errorHandler } from '../../../core/http/errors';
import { serve } from '../../../core/http/serve-route';

/** A bare server with the lobby's error handler, its error log kept in `logged`. */
function bareServer(): { app: FastifyInstance; logged: string[] } {
  const logged: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logged.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = Fastify({ logger: { level: 'error', stream } });
  app.setErrorHandler(errorHandler);
  return { app, logged };
}

const SITE: PublicSite = {
  id: 'x',
  kind: 'prosecutors-office',
  agency: { zh: '署', en: 'Office' },
  timeZone: 'Asia/Taipei',
  services: [],
  counters: [],
  courtrooms: [],
  signs: [],
};

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('a route served from its table entry', () => {
  it('answers with the entry status and only the keys its response schema names', async () => {
    const bare = bareServer();
    app = bare.app;
    serve(app, ROUTES.site, () => ({ ...SITE, setupCode: 'must-not-leave' }) as PublicSite);
    serve(app, ROUTES.issueTicket, ({ body }) => {
      const ticket: IssuedTicket = {
        number: 'A001',
        serviceId: body.serviceId,
        serviceName: { zh: '諮詢', en: 'Consultation' },
        waitingAhead: 0,
        priority: body.priority,
        estimatedWaitMinutes: null,
        issuedAt: '2026-11-26T10:00:00+08:00',
        phoneUrl: null,
        print: 'printed',
      };
      return ticket;
    });
    const site = await app.inject({ method: 'GET', url: ROUTES.site.path });
    expect(site.statusCode).toBe(200);
    expect(site.json()).toEqual(SITE);
    const issued = await app.inject({ method: 'POST', url: ROUTES.issueTicket.path, payload: { serviceId: 'consult' } });
    expect(issued.statusCode).toBe(201);
    expect(issued.json<IssuedTicket>().priority).toBe(false);
  });

  it('refuses a request outside the entry schemas with a 400 naming the field', async () => {
    app = bareServer().app;
    serve(app, ROUTES.issueTicket, () => {
      throw new Error('not reached');
    });
    serve(app, ROUTES.searchGuide, () => {
      throw new Error('not reached');
    });
    serve(app, ROUTES.updateUser, () => {
      throw new Error('not reached');
    });
    const body = await app.inject({ method: 'POST', url: ROUTES.issueTicket.path, payload: { serviceId: 7 } });
    expect(body.statusCode).toBe(400);
    expect(body.json()).toMatchObject({ error: 'invalid', message: expect.stringMatching(/^serviceId: /) });
    const query = await app.inject({ method: 'GET', url: `${ROUTES.searchGuide.path}?q=${'x'.repeat(101)}` });
    expect(query.statusCode).toBe(400);
    expect(query.json()).toMatchObject({ error: 'invalid', message: 'q: a search is at most 100 characters' });
    const params = await app.inject({ method: 'PUT', url: '/api/staff/users/abc', payload: { disabled: true } });
    expect(params.statusCode).toBe(400);
    expect(params.json()).toMatchObject({ error: 'invalid', message: expect.stringMatching(/^id: /) });
  });

  it('sends no answer outside its response schema: a 500 with no detail, the mismatch in the log', async () => {
    const bare = bareServer();
    app = bare.app;
    serve(app, ROUTES.health, () => ({ ok: true, time: 1700000000 }) as unknown as { ok: true; time: string });
    const res = await app.inject({ method: 'GET', url: ROUTES.health.path });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal', message: 'Something went wrong; please try again.' });
    expect(res.body).not.toContain('1700000000');
    expect(bare.logged.join('')).toContain('GET /api/health answered outside its response schema: time:');
  });

  it('sends a text reply with the entry content type, the headers the handler set kept', async () => {
    app = bareServer().app;
    // Standing in for the access hook, which lets a desk user through.
    app.addHook('onRequest', async (req) => {
      req.staff = { id: 1, username: 'desk1', displayName: 'Desk', roles: ['desk'] };
    });
    serve(app, ROUTES.statsCsv, ({ query, reply }) => {
      void reply.header('content-disposition', `attachment; filename="lobby-stats-${query.from}-${query.to}.csv"`);
      return 'day,tickets\r\n2026-11-26,3\r\n';
    });
    const res = await app.inject({ method: 'GET', url: `${ROUTES.statsCsv.path}?from=2026-11-26&to=2026-11-26` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="lobby-stats-2026-11-26-2026-11-26.csv"');
    expect(res.body).toBe('day,tickets\r\n2026-11-26,3\r\n');
  });
});
