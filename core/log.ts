import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import build from 'pino-roll';

export type { Logger };

/**
 * The lobby's log: JSON lines in <data>/logs/, a new file each day (or at
 * 20 MB), the last 30 kept. Requests are logged by method and path only —
 * no query string (a phone look-up carries a case number and a summons
 * code), no cookies, no bodies — so personal data never reaches a log.
 */
export async function createLogger(opts: { dir: string; stdout: boolean; level?: string }): Promise<Logger> {
  const file = await build({ file: join(opts.dir, 'lobby'), extension: '.log', frequency: 'daily', size: '20m', mkdir: true, limit: { count: 30 } });
  const streams: pino.StreamEntry[] = [{ stream: file }];
  if (opts.stdout) streams.push({ stream: process.stdout });
  return pino(
    {
      level: opts.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['req.headers', 'res.headers'], remove: true },
      serializers: {
        // A ticket's phone link is its secret (whoever has it follows the ticket): logged as the route, not the token.
        req: (req: { method?: string; url?: string; ip?: string }) => ({ method: req.method, path: req.url?.split('?')[0]?.replace(/\/phone\/t\/[^/]+/, '/phone/t/:token'), ip: req.ip }),
        res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
      },
    },
    pino.multistream(streams),
  );
}
