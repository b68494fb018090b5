/**
 * The HTTP plumbing every screen shares: one fetch wrapper that throws the
 * server's own message on 4xx/5xx (ApiError) and checks every answer with the
 * contract's zod schema.
 */
import type { z } from 'zod';
import { apiErrorSchema, KIOSK_CREDENTIAL_HEADER } from '../../core/contract';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The server's machine-readable `error` code (or a local one: network, bad_response, http_<status>). */
    readonly code: string,
    message: string,
    /** Per-item reasons the server gave (e.g. an import's refused rows). */
    readonly details: readonly { row?: number | undefined; message: string }[] = [],
  ) {
    super(message);
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Sent as `x-csrf-token` (every staff change). */
  csrfToken?: string | null;
  /** Sent as `x-kiosk-credential` when issuing from the Electron kiosk window. */
  kioskCredential?: string | null;
  signal?: AbortSignal;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function errorFromResponse(res: Response, body: unknown): ApiError {
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) return new ApiError(res.status, parsed.data.error, parsed.data.message, parsed.data.details ?? []);
  if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string') {
    return new ApiError(res.status, `http_${res.status}`, body.message);
  }
  const text = typeof body === 'string' && body.length > 0 && body.length < 300 ? body : res.statusText;
  return new ApiError(res.status, `http_${res.status}`, text || `HTTP ${res.status}`);
}

/** Perform one request; resolve with the validated body or throw ApiError. */
export async function request<S extends z.ZodType>(
  fetchFn: FetchLike,
  url: string,
  schema: S,
  opts: RequestOptions = {},
): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const method = opts.method ?? (opts.body === undefined ? 'GET' : 'POST');
  // A DELETE without a body sends none, and so no content type (the server refuses JSON with no body).
  const sendsBody = method !== 'GET' && !(method === 'DELETE' && opts.body === undefined);
  if (sendsBody) headers['content-type'] = 'application/json';
  if (opts.csrfToken) headers['x-csrf-token'] = opts.csrfToken;
  if (opts.kioskCredential) headers[KIOSK_CREDENTIAL_HEADER] = opts.kioskCredential;
  let res: Response;
  try {
    res = await fetchFn(url, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: sendsBody ? JSON.stringify(opts.body ?? {}) : undefined,
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', '無法連線至伺服器 Cannot reach the server');
  }
  const body = await readBody(res);
  if (!res.ok) throw errorFromResponse(res, body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(res.status, 'bad_response', `伺服器回應格式不符 Unexpected response from the server (${url})`);
  }
  return parsed.data;
}

/** A message fit to show inline for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** What every feature's HTTP calls are built from (one set per app store). */
export interface HttpOptions {
  fetch?: FetchLike;
  /** Prefix for every path; '' for same-origin. */
  baseUrl?: string;
  /** The staff session's CSRF token, read at call time. */
  csrfToken?: () => string | null;
  /**
   * The kiosk credential the Electron shell hands its kiosk window; a browser
   * provisioned as a kiosk carries a cookie instead and has none.
   */
  kioskCredential?: () => Promise<string | null>;
}
