import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import type { z } from 'zod';
import { routeKey, type Role, type RouteArgs, type RouteDef, type StaffUser } from '../contract';
import { parse } from './errors';
import { staffOf } from './route-access';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The table entry a route was registered from (serve()); the access hook reads it. */
    lobbyRoute?: RouteDef;
  }
}

/** What a handler receives: the checked request parts, and for a staff route the signed-in user. */
export type RouteContext<D extends RouteDef> = RouteArgs<D> & {
  req: FastifyRequest;
  /** For headers and cookies; the status and the body are the entry's and the handler's answer. */
  reply: FastifyReply;
  staff: D['access'] extends readonly Role[] ? StaffUser : undefined;
};

/** A redirect route answers with the reply it redirected; every other route with its value, checked before it leaves. */
export type RouteAnswer<D extends RouteDef> = D extends { readonly reply: 'redirect' } ? FastifyReply : z.input<D['response']>;

/**
 * The answer of a change with nothing to report. A constant because a literal `true` written
 * in a handler's answer widens to boolean while the route's type is still being inferred.
 */
export const OK = { ok: true } as const;

export interface ServeOptions {
  /** Runs before the request is checked: a budget that counts malformed requests too. */
  preValidation?: preValidationAsyncHookHandler;
  /** A page a browser opens answers its refusals in its own words, not as JSON. */
  errorHandler?: (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => void;
}

/**
 * Registers a route from its table entry: the access hook reads the entry (route-access.ts);
 * params, query and body are checked with its schemas (a 400 naming the field); the answer is
 * checked with its response schema and sent with its status. An answer that does not match
 * is a server bug: it is logged and a 500 leaves instead, never the unchecked data (the
 * schema also strips keys it does not name, so a field added to a domain object reaches no
 * screen until the contract says so).
 */
export function serve<D extends RouteDef>(
  app: FastifyInstance,
  def: D,
  handler: (ctx: RouteContext<NoInfer<D>>) => Promise<RouteAnswer<NoInfer<D>>> | RouteAnswer<NoInfer<D>>,
  opts: ServeOptions = {},
): void {
  app.route({
    method: def.method,
    url: def.path,
    config: { lobbyRoute: def },
    ...(def.bodyLimit ? { bodyLimit: def.bodyLimit } : {}),
    ...(opts.preValidation ? { preValidation: opts.preValidation } : {}),
    ...(opts.errorHandler ? { errorHandler: opts.errorHandler } : {}),
    handler: async (req, reply) => {
      const ctx = {
        params: def.params ? parse(def.params, req.params) : undefined,
        query: def.query ? parse(def.query, req.query) : undefined,
        body: def.body ? parse(def.body, req.body) : undefined,
        req,
        reply,
        staff: Array.isArray(def.access) ? staffOf(req) : undefined,
      } as RouteContext<D>;
      const answer = await handler(ctx);
      if (def.reply === 'redirect') return answer;
      const checked = def.response.safeParse(answer);
      if (!checked.success) {
        const where = checked.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
        // The error handler logs it and answers 500 with no detail.
        throw new Error(`${routeKey(def)} answered outside its response schema: ${where}`);
      }
      void reply.status(def.status ?? 200);
      if (def.reply === 'text') void reply.type(def.contentType ?? 'text/plain; charset=utf-8');
      return reply.send(checked.data);
    },
  });
}
