import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROUTES } from '../../contract';
import { DomainError } from '../../domain/errors';
import { localIso } from '../../store/clock';
import { createRateLimiter } from '../rate-limit';
import { OK, serve } from '../serve-route';
import type { HttpServices } from '../services';

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

export function publicRoutes(app: FastifyInstance, s: HttpServices): void {
  // Each service with the hours in force, so a screen loaded after an edit shows the edited hours.
  serve(app, ROUTES.site, () => ({ ...s.publicSite, services: s.publicSite.services.map((svc) => ({ ...svc, hours: s.hours.of(svc.id) })) }));

  serve(app, ROUTES.health, () => ({ ...OK, time: localIso(s.clock.now(), s.site.timeZone) }));

  serve(app, ROUTES.issueTicket, async ({ body: { serviceId, priority } }) => {
    const ticket = s.queue.issue(serviceId, priority);
    const print = await s.printQueue.outcome(ticket.id, PRINT_WAIT_MS);
    return {
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
  });

  const { windowMs, missesPerAddress } = PHONE_TICKET_LIMITS;
  const misses = createRateLimiter({ limit: missesPerAddress, windowMs, now: () => s.clock.now(), message: TOO_MANY_TICKET_LOOKUPS });
  /** `address token` → when it first missed, so a repeated miss is not a new guess. */
  const missed = new Map<string, number>();

  // Past the budget every look-up is refused, a malformed token too: checked before the token is.
  const preValidation = async (req: FastifyRequest): Promise<void> => misses.check(req.ip);
  serve(app, ROUTES.phoneTicket, ({ params: { token }, req }) => {
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
  }, { preValidation });
}
