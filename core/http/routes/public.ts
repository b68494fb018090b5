import type { FastifyInstance } from 'fastify';
import { API, issueTicketRequestSchema, type IssuedTicket } from '../../contract';
import { localIso } from '../../store/clock';
import { parse } from '../errors';
import type { HttpServices } from '../services';
import { z } from 'zod';

/** How long the kiosk waits for the printer before answering "queued". */
const PRINT_WAIT_MS = 3000;

const tokenParamsSchema = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'not a ticket token') });

export function publicRoutes(app: FastifyInstance, s: HttpServices): void {
  app.get(API.site, async () => s.publicSite);

  app.get(API.health, async () => ({ ok: true, time: localIso(s.clock.now(), s.site.timeZone) }));

  app.post(API.tickets, async (req, reply) => {
    const { serviceId, priority } = parse(issueTicketRequestSchema, req.body);
    const ticket = s.queue.issue(serviceId, priority);
    const print = await s.printQueue.outcome(ticket.id, PRINT_WAIT_MS);
    const body: IssuedTicket = {
      number: ticket.number,
      serviceId: ticket.serviceId,
      serviceName: ticket.serviceName,
      waitingAhead: ticket.waitingAhead,
      priority: ticket.priority,
      estimatedWaitMinutes: ticket.estimatedWaitMinutes,
      issuedAt: localIso(ticket.issuedAt, s.site.timeZone),
      phoneUrl: s.phoneUrl(ticket.token),
      print,
    };
    return reply.status(201).send(body);
  });

  app.get(API.phoneTicketPattern, async (req) => {
    const { token } = parse(tokenParamsSchema, req.params);
    return s.queue.phoneTicket(token);
  });
}
