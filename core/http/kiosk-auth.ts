import type { FastifyReply, FastifyRequest } from 'fastify';
import { KIOSK_CREDENTIAL_HEADER } from '../contract';
import type { Kiosks } from '../domain/accounts/kiosks';
import { DomainError } from '../domain/errors';
import { createRateLimiter } from './rate-limit';

export const KIOSK_COOKIE = 'lobby_kiosk';

export function kioskToken(req: FastifyRequest): string | undefined {
  const header = req.headers[KIOSK_CREDENTIAL_HEADER];
  return (Array.isArray(header) ? header[0] : header) ?? req.cookies[KIOSK_COOKIE];
}

/**
 * The gate for issuing tickets: a provisioned kiosk only, and at most a
 * burst's worth per minute from each — enough for a queue at opening time,
 * too few to empty the number range.
 */
export function kioskGate(kiosks: Kiosks, perMinute = 30) {
  const limiter = createRateLimiter({
    limit: perMinute,
    windowMs: 60_000,
    message: '取號過於頻繁，請稍候 / Too many tickets from this kiosk; please wait a moment.',
  });
  return (req: FastifyRequest): void => {
    const kiosk = kiosks.kioskFor(kioskToken(req));
    if (!kiosk) throw new DomainError('unauthorized', '此裝置尚未設定為取號機 / This device is not set up as a ticket kiosk.');
    limiter.hit(String(kiosk.id));
  };
}

export function setKioskCookie(reply: FastifyReply, token: string, secure: boolean): void {
  void reply.setCookie(KIOSK_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure, maxAge: 10 * 365 * 24 * 3600 });
}
