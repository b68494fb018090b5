import type { FastifyInstance } from 'fastify';
import { API, issueTicketRequestSchema, type IssuedTicket } from '../../contract';
import { DomainError } from '../../domain/errors';
import { localIso } from '../../store/clock';
import { parse } from '../errors';
import { createRateLimiter } from '../rate-limit';
import type { HttpServices } from '../services';
import { z } from 'zod';

/** How long the kiosk waits for the printer before answering "queued". */
const PRINT_WAIT_MS = 3000;

/**
 * Guessing ticket tokens is slowed per address like the hearing look-up (20 per 10 minutes).
 * Only misses count, each unknown token once: a phone following its own ticket (a fetch on
 * every board change, many phones behind one public Wi-Fi address) never runs out, and one
 * left open on a purged ticket spends one miss, not one per fetch. Past the budget every
 * look-up from the address is refused, found or not, so a 429 tells a guesser nothing.
 */
export const PHONE_TICKET_LIMITS = { windowMs: 10 * 60_000, missesPerAddress: 20 } as const;
const TOO_MANY_TICKET_LOOKUPS = '查詢次數過多，請稍後再試 / Too many ticket look-ups from this network; please try again later.';

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

  const { windowMs, missesPerAddress } = PHONE_TICKET_LIMITS;
  const misses = createRateLimiter({ limit: missesPerAddress, windowMs, now: () => s.clock.now(), message: TOO_MANY_TICKET_LOOKUPS });
  /** `address token` → when it first missed, so a repeated miss is not a new guess. */
  const missed = new Map<string, number>();

  app.get(API.phoneTicketPattern, async (req) => {
    misses.check(req.ip);
    const { token } = parse(tokenParamsSchema, req.params);
    try {
      return s.queue.phoneTicket(token);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'not_found') {
        const now = s.clock.now();
        if (missed.size > 10_000) for (const [k, at] of missed) if (now - at >= windowMs) missed.delete(k);
        const key = `${req.ip} ${token}`;
        const at = missed.get(key);
        if (at === undefined || now - at >= windowMs) {
          missed.set(key, now);
          misses.hit(req.ip);
        }
      }
      throw err;
    }
  });
}
