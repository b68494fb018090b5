import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import { assetsDir } from '../../config/load';
import { join } from 'node:path';
import { SCREEN_PATHS } from '../../contract';
import type { HttpServices } from '../services';

/** Every screen is the same single-page app; it routes on the path. */
export async function screenRoutes(app: FastifyInstance, s: HttpServices): Promise<void> {
  const index = join(s.rendererDir, 'index.html');
  if (!existsSync(index)) {
    app.log.warn(`renderer not built at ${s.rendererDir}; run "npm run build:renderer"`);
  }
  await app.register(fastifyStatic, { root: s.rendererDir, prefix: '/', index: false, wildcard: false, serve: existsSync(s.rendererDir) });
  if (existsSync(join(s.rendererDir, 'assets'))) {
    await app.register(fastifyStatic, { root: join(s.rendererDir, 'assets'), prefix: '/assets/', decorateReply: false, maxAge: '1y', immutable: true });
  }

  // Chime and voice clips for call boards (offline; see scripts/make-voice-clips.sh).
  await app.register(fastifyStatic, { root: join(assetsDir(), 'sounds'), prefix: '/sounds/', decorateReply: false, maxAge: '1d' });

  const sendIndex = async (_req: unknown, reply: import('fastify').FastifyReply) => {
    if (!existsSync(index)) {
      return reply.status(503).type('text/plain; charset=utf-8').send('The screens are not built yet: run "npm run build:renderer".');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', s.rendererDir);
  };
  app.get('/', async (_req, reply) => reply.redirect(SCREEN_PATHS.kiosk));
  const icon = readFileSync(join(assetsDir(), 'icons', 'lobby.svg'));
  app.get('/favicon.ico', async (_req, reply) => reply.type('image/svg+xml').header('cache-control', 'max-age=86400').send(icon));
  for (const path of Object.values(SCREEN_PATHS)) {
    app.get(path, sendIndex);
    app.get(`${path}/*`, sendIndex);
  }
}
