import type { FastifyInstance } from 'fastify';
import { buildServer } from '../http/server';
import type { HttpServices } from '../http/services';
import type { TlsMaterial } from '../http/tls';
import type { Logger } from '../log';

/**
 * The HTTP server (routes, auth, the live socket, the screens' files), not yet
 * listening. Stopping closes it and its sockets, then gives a screen whose
 * socket closed meanwhile its last publish (on setImmediate) before anything
 * below it, the database above all, goes.
 */
export async function serveHttp(services: HttpServices, opts: { logger: Logger; tls: TlsMaterial | undefined }): Promise<{ app: FastifyInstance; stop(): Promise<void> }> {
  const app = await buildServer(services, { logger: opts.logger, ...(opts.tls ? { tls: opts.tls } : {}) });
  return {
    app,
    async stop() {
      await app.close();
      await new Promise<void>((r) => setImmediate(r));
    },
  };
}
