/**
 * Whether an address (a host the server listens on, or a socket's remote
 * address) is this computer itself: 127.0.0.0/8, ::1, an IPv4-mapped 127.x,
 * or the name localhost. One answer for listening (no TLS, no QR link) and for
 * who connected (the lobby PC's own windows and kiosks).
 */
export function isLoopback(address: string | undefined): boolean {
  return !!address && (address === 'localhost' || address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}
