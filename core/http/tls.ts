import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { isIP, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** SHA-256 fingerprint, AA:BB:… as browsers show it: IT compares it on a phone's warning page. */
  fingerprint: string;
  /** Where it came from: the agency's files, or made by the lobby in <data>/tls. */
  source: 'site' | 'generated';
}

const KEY_FILE = 'lobby-key.pem';
const CERT_FILE = 'lobby-cert.pem';
/** A generated certificate is renewed this long before it ends. */
const RENEW_BEFORE_MS = 30 * 24 * 3600_000;

/**
 * The lobby's TLS key and certificate: the agency's (site network.tls), else the one the
 * lobby made on its first run in <data>/tls (key 0600), made again when a file is missing,
 * unreadable or near its end. `names`: the addresses and host names it must cover.
 */
export async function loadOrMakeCertificate(opts: {
  dataDir: string;
  supplied?: { certFile: string; keyFile: string } | undefined;
  names: string[];
  now?: Date;
}): Promise<TlsMaterial> {
  if (opts.supplied) {
    const cert = readFileSync(opts.supplied.certFile, 'utf8');
    const key = readFileSync(opts.supplied.keyFile, 'utf8');
    return { key, cert, fingerprint: new X509Certificate(cert).fingerprint256, source: 'site' };
  }
  const dir = join(opts.dataDir, 'tls');
  const keyPath = join(dir, KEY_FILE);
  const certPath = join(dir, CERT_FILE);
  const now = opts.now ?? new Date();
  if (existsSync(keyPath) && existsSync(certPath)) {
    try {
      const cert = readFileSync(certPath, 'utf8');
      const key = readFileSync(keyPath, 'utf8');
      const x509 = new X509Certificate(cert);
      const covers = opts.names.every((n) => (isIP(n) ? x509.checkIP(n) : x509.checkHost(n)) !== undefined);
      if (new Date(x509.validTo).getTime() - now.getTime() > RENEW_BEFORE_MS && covers) {
        return { key, cert, fingerprint: x509.fingerprint256, source: 'generated' };
      }
    } catch {
      // Unreadable: made again below.
    }
  }
  const names = [...new Set(['localhost', '127.0.0.1', ...opts.names])];
  const pems = await generate([{ name: 'commonName', value: `Lobby ${hostname()}`.slice(0, 64) }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 24 * 3600_000),
    notAfterDate: new Date(now.getTime() + 825 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: names.map((n) => (isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })) },
    ],
  });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(keyPath, pems.private, { mode: 0o600 });
  // A key file left by an older run keeps its mode; the key is private whatever came before.
  chmodSync(keyPath, 0o600);
  writeFileSync(certPath, pems.cert, { mode: 0o644 });
  return { key: pems.private, cert: pems.cert, fingerprint: new X509Certificate(pems.cert).fingerprint256, source: 'generated' };
}

/** A connection made to this computer's own loopback address: the lobby's windows. */
export function isLocalConnection(socket: Socket): boolean {
  const a = socket.localAddress;
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1';
}

/**
 * Makes an HTTP server speak TLS too, on the same port: a connection whose first byte
 * opens a TLS handshake (0x16) is decrypted and handed on; any other goes on as plain
 * HTTP (the windows on this computer; from the LAN it only gets a redirect, see
 * server.ts). One port keeps every address and QR code the site already printed.
 */
export function acceptTls(server: Server, material: { key: string; cert: string }): void {
  const plain = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  const handOn = (socket: Socket | TLSSocket) => {
    for (const l of plain) l.call(server, socket);
  };
  const tls = createTlsServer({ key: material.key, cert: material.cert, minVersion: 'TLSv1.2', handshakeTimeout: 10_000 }, handOn);
  tls.on('tlsClientError', (_err, socket) => socket.destroy());
  server.on('connection', (socket: Socket) => {
    // A connection that never says anything is not kept waiting for ever.
    socket.setTimeout(10_000, () => socket.destroy());
    socket.once('readable', () => {
      const first = socket.read(1) as Buffer | null;
      socket.setTimeout(0);
      if (!first) return socket.destroy();
      socket.unshift(first);
      if (first[0] === 0x16) tls.emit('connection', socket);
      else handOn(socket);
    });
  });
}
