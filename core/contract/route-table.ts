/**
 * The shape of one HTTP route as screens and server agree on it. Each fact about a route
 * lives in its entry: method, path, who may call it, the schemas of what it takes and what
 * it answers. The server registers every route from its entry (core/http/serve-route.ts);
 * the renderer's one client (`call(route, input)`) takes its types, its CSRF and kiosk
 * headers and its response check from the same entry.
 */
import type { z } from 'zod';
import type { Access } from './routes';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * - `json`: the handler's value, checked against `response`, sent as JSON;
 * - `text`: a string (checked against `response`) sent with `contentType`, e.g. a CSV download;
 * - `redirect`: the handler answers with a redirect (a page a browser opens, not an API call).
 */
export type RouteReply = 'json' | 'text' | 'redirect';

export interface RouteDef {
  readonly method: Method;
  /** The path as Fastify writes it: `/api/staff/users/:id`. */
  readonly path: string;
  readonly access: Access;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** What a success answers with (for `redirect`, the body of a refusal: plain text). */
  readonly response: z.ZodType;
  /** The success status (200 unless said). */
  readonly status?: 200 | 201;
  readonly reply?: RouteReply;
  /** For `text` replies. */
  readonly contentType?: string;
  /** Only the routes that take a file or a whole section are allowed more than the server's default. */
  readonly bodyLimit?: number;
}

/** Declares one route; `const` keeps each schema's own type for the client and the handler. */
export function route<const D extends RouteDef>(def: D): D {
  return def;
}

type Part<D, K extends 'params' | 'query' | 'body'> = D extends { readonly [P in K]: infer S extends z.ZodType } ? S : undefined;

/** What a handler receives once the request has been checked. */
export type RouteArgs<D extends RouteDef> = {
  params: Part<D, 'params'> extends z.ZodType ? z.output<Part<D, 'params'>> : undefined;
  query: Part<D, 'query'> extends z.ZodType ? z.output<Part<D, 'query'>> : undefined;
  body: Part<D, 'body'> extends z.ZodType ? z.output<Part<D, 'body'>> : undefined;
};

type InputPart<D, K extends 'params' | 'query' | 'body'> =
  Part<D, K> extends z.ZodType ? (undefined extends z.input<Part<D, K>> ? { [P in K]?: z.input<Part<D, K>> } : { [P in K]: z.input<Part<D, K>> }) : { [P in K]?: never };

/** What a caller sends: each part the route takes, required where its schema requires it. */
export type RouteInput<D extends RouteDef> = InputPart<D, 'params'> & InputPart<D, 'query'> & InputPart<D, 'body'>;

/** What a caller gets back. */
export type RouteOutput<D extends RouteDef> = z.output<D['response']>;

/** The concrete URL path of a route: each `:name` replaced by its (encoded) parameter. */
export function pathOf(def: Pick<RouteDef, 'path'>, params?: Readonly<Record<string, string | number>>): string {
  return def.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${def.path}: missing parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** A query string for a route's query (`?a=1&b=x`), skipping absent values; '' when nothing is left. */
export function queryString(query: Readonly<Record<string, unknown>> | undefined): string {
  if (!query) return '';
  const pairs = Object.entries(query).filter(([, v]) => v !== undefined && v !== null) as [string, string | number | boolean][];
  return pairs.length ? `?${new URLSearchParams(pairs.map(([k, v]) => [k, String(v)])).toString()}` : '';
}

/** The key the access policy and the server use for a route: `GET /api/site`. */
export function routeKey(def: Pick<RouteDef, 'method' | 'path'>): string {
  return `${def.method} ${def.path}`;
}
