import { isLoopback } from './network';

/**
 * The address a phone uses to open a ticket's page (the ticket's QR code).
 * A phone is on the building's Wi-Fi, never on the lobby PC, so a loopback
 * address would be a dead link: it is the site's publicBaseUrl, else the
 * address the lobby listens on when that is reachable from the LAN, else
 * none — and then tickets carry no QR code at all. A lobby open to the LAN
 * answers phones over HTTPS only (plain HTTP from the LAN is redirected), so its
 * own address is an https:// one.
 */
export function phoneBaseUrl(opts: {
  publicBaseUrl: string | undefined;
  /** The host the server listens on: 127.0.0.1, 0.0.0.0, ::, or one address. */
  listenHost: string;
  port: number;
  /** The machine's first LAN IPv4 address, when it has one. */
  lanAddress: string | null;
  /** Whether the LAN listener speaks TLS (the lobby's default when open to the LAN). */
  https?: boolean;
}): string | null {
  const scheme = opts.https === false ? 'http' : 'https';
  if (opts.publicBaseUrl) return opts.publicBaseUrl.replace(/\/+$/, '');
  const host = opts.listenHost;
  const everywhere = host === '0.0.0.0' || host === '::';
  if (everywhere) return opts.lanAddress ? `${scheme}://${opts.lanAddress}:${opts.port}` : null;
  if (isLoopback(host)) return null;
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${opts.port}`;
}

/** Why tickets carry no QR code, for the staff device view (said once, not per ticket). */
export const NO_PHONE_LINK_NOTICE = {
  zh: '號碼單不印 QR 碼：手機無法連到本機（未開放區域網路，也未設定 publicBaseUrl）。',
  en: 'Tickets carry no QR code: phones cannot reach this lobby (not open to the LAN and no publicBaseUrl set).',
} as const;
