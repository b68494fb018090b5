import type { FastifyReply, FastifyRequest } from 'fastify';
import { KIOSK_CREDENTIAL_HEADER, ROUTES, ratingCounterOf, type Access } from '../contract';
import type { Kiosk, Kiosks } from '../domain/accounts/kiosks';
import { DomainError } from '../domain/errors';
import { createRateLimiter } from './rate-limit';

export const KIOSK_COOKIE = 'lobby_kiosk';

/** Ratings one kiosk may send a minute: their own budget, never the tickets'. */
export const KIOSK_RATINGS_PER_MINUTE = 20;
/** Answers one rating tablet may send a minute (each prompt is single-use already). */
export const TABLET_RATINGS_PER_MINUTE = 30;

declare module 'fastify' {
  interface FastifyRequest {
    /** The kiosk or rating tablet whose credential passed the access hook. */
    kiosk?: Kiosk;
  }
}

export function kioskToken(req: FastifyRequest): string | undefined {
  const header = req.headers[KIOSK_CREDENTIAL_HEADER];
  return (Array.isArray(header) ? header[0] : header) ?? req.cookies[KIOSK_COOKIE];
}

/**
 * The gate for kiosk and rating-tablet routes: a credential provisioned for that purpose (a
 * rating tablet issues no ticket, a ticket kiosk answers no counter's prompt), and a budget
 * per device and route — enough for a queue at opening time, too few to empty the number
 * range; a kiosk's ratings spend their own budget, not its tickets'.
 */
export function kioskGate(kiosks: Kiosks, perMinute = 30) {
  const budgets = new Map([
    [ROUTES.issueTicket.path as string, createRateLimiter({ limit: perMinute, windowMs: 60_000, message: '取號過於頻繁，請稍候 / Too many tickets from this kiosk; please wait a moment.' })],
    [ROUTES.rateAtKiosk.path as string, createRateLimiter({ limit: KIOSK_RATINGS_PER_MINUTE, windowMs: 60_000, message: '請稍候再試 / Please try again in a moment.' })],
    [ROUTES.rateCounter.path as string, createRateLimiter({ limit: TABLET_RATINGS_PER_MINUTE, windowMs: 60_000, message: '請稍候再試 / Please try again in a moment.' })],
  ]);
  return (req: FastifyRequest, access: Access = 'kiosk'): void => {
    const kiosk = kiosks.useKiosk(kioskToken(req));
    if (access === 'rating-tablet') {
      if (!kiosk || ratingCounterOf(kiosk.purpose) === null) {
        throw new DomainError('unauthorized', '此裝置尚未設定為評價平板 / This device is not set up as a rating tablet.');
      }
    } else if (!kiosk || kiosk.purpose !== 'tickets') {
      throw new DomainError('unauthorized', '此裝置尚未設定為取號機 / This device is not set up as a ticket kiosk.');
    }
    req.kiosk = kiosk;
    budgets.get(req.routeOptions.url ?? '')?.hit(String(kiosk.id));
  };
}

export function setKioskCookie(reply: FastifyReply, token: string, secure: boolean): void {
  void reply.setCookie(KIOSK_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure, maxAge: 10 * 365 * 24 * 3600 });
}
