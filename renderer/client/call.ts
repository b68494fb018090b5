/**
 * The one HTTP client every screen uses: `call(ROUTES.x, input)`. The route's
 * entry in the contract (core/contract/api.ts) gives its method and path, who
 * may call it (and so which headers go with it) and the schema its answer is
 * checked against; the result's type is that schema's. A refusal throws the
 * server's own words (ApiError).
 */
import { KIOSK_CREDENTIAL_HEADER, apiErrorSchema, pathOf, queryString, type RouteDef, type RouteInput, type RouteOutput } from '../../core/contract';

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

/** A message fit to show inline for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface CallerOptions {
  fetch?: FetchLike;
  /** Prefix for every path; '' for same-origin. */
  baseUrl?: string;
  /** The staff session's CSRF token, read at call time and sent with every change. */
  csrfToken?: () => string | null;
  /**
   * The kiosk credential the Electron shell hands its kiosk window; a browser
   * provisioned as a kiosk carries a cookie instead and has none.
   */
  kioskCredential?: () => Promise<string | null>;
}

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * Send the kiosk credential (when this caller has one) on a public route whose
   * answer is the kiosk's own: a kiosk's summons look-ups count against its own
   * budget, not its address's. Routes for kiosks send it without being asked.
   */
  asKiosk?: boolean;
}

/** One call of one route: its input may be left out when the route takes nothing it requires. */
export type Call = <D extends RouteDef>(
  route: D,
  ...rest: {} extends RouteInput<D> ? [input?: RouteInput<D>, options?: CallOptions] : [input: RouteInput<D>, options?: CallOptions]
) => Promise<RouteOutput<D>>;

type AnyInput = { params?: Readonly<Record<string, string | number>>; query?: Readonly<Record<string, unknown>>; body?: unknown };

/** Whether a call speaks as the kiosk: the routes for kiosks, and a public one asked to (`asKiosk`). */
function speaksAsKiosk(route: RouteDef, options: CallOptions): boolean {
  const access = route.access;
  return access === 'kiosk' || access === 'rating-tablet' || access === 'lobby-kiosk' || options.asKiosk === true;
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

export function createCaller(o: CallerOptions = {}): Call {
  const fetchFn: FetchLike = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = o.baseUrl ?? '';
  const call = async (route: RouteDef, input: AnyInput = {}, options: CallOptions = {}): Promise<unknown> => {
    const path = pathOf(route, input.params) + queryString(input.query);
    const method = route.method;
    const headers: Record<string, string> = { accept: 'application/json' };
    // A DELETE without a body sends none, and so no content type (the server refuses JSON with no body).
    const sendsBody = method !== 'GET' && !(method === 'DELETE' && input.body === undefined);
    if (sendsBody) headers['content-type'] = 'application/json';
    const csrf = method === 'GET' ? null : (o.csrfToken?.() ?? null);
    if (csrf) headers['x-csrf-token'] = csrf;
    const credential = speaksAsKiosk(route, options) ? ((await o.kioskCredential?.()) ?? null) : null;
    if (credential) headers[KIOSK_CREDENTIAL_HEADER] = credential;
    let res: Response;
    try {
      res = await fetchFn(base + path, {
        method,
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        body: sendsBody ? JSON.stringify(input.body ?? {}) : undefined,
        signal: options.signal,
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(0, 'network', '無法連線至伺服器 Cannot reach the server');
    }
    const body = await readBody(res);
    if (!res.ok) throw errorFromResponse(res, body);
    const parsed = route.response.safeParse(body);
    if (!parsed.success) {
      throw new ApiError(res.status, 'bad_response', `伺服器回應格式不符 Unexpected response from the server (${base + path})`);
    }
    return parsed.data;
  };
  return call as Call;
}
