/**
 * The HTTP client: one fetch wrapper that throws the server's own message on
 * 4xx/5xx and validates every response with the contract's zod schemas.
 */
import { z } from 'zod';
import {
  API,
  apiErrorSchema,
  auditEntrySchema,
  KIOSK_CREDENTIAL_HEADER,
  kioskStatusResponseSchema,
  callNextResponseSchema,
  counterActionResponseSchema,
  issuedTicketSchema,
  meResponseSchema,
  phoneTicketSchema,
  publicSiteSchema,
  reprintResponseSchema,
  staffUserSchema,
  type AuditEntry,
  type CallNextResponse,
  type CounterAction,
  type CounterActionResponse,
  type CreateUserRequest,
  type IssuedTicket,
  type LoginRequest,
  type MeResponse,
  type PhoneTicket,
  type PublicSite,
  type ReprintResponse,
  type SetupRequest,
  type SimFault,
  type SimKeypadRequest,
  type StaffUser,
} from '../../core/contract';

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

export interface ApiClientOptions {
  fetch?: FetchLike;
  /** Prefix for every path; '' for same-origin. */
  baseUrl?: string;
  /** Current CSRF token, read at call time. */
  csrfToken?: () => string | null;
  /**
   * The kiosk credential the Electron shell hands its kiosk window; a browser
   * provisioned as a kiosk carries a cookie instead and has none.
   */
  kioskCredential?: () => Promise<string | null>;
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

/** Users list: accept a bare array or `{ users: [...] }`. */
const usersListSchema = z.union([
  z.array(staffUserSchema),
  z.object({ users: z.array(staffUserSchema) }).transform((o) => o.users),
]);
const auditListSchema = z.union([
  z.array(auditEntrySchema),
  z.object({ entries: z.array(auditEntrySchema) }).transform((o) => o.entries),
  z.object({ audit: z.array(auditEntrySchema) }).transform((o) => o.audit),
]);
const anyBody = z.unknown();
const unlockResponseSchema = z.object({ cleared: z.number().int() });

export function createApiClient(options: ApiClientOptions = {}) {
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = options.baseUrl ?? '';
  const csrf = () => options.csrfToken?.() ?? null;
  const get = <S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal) =>
    request(fetchFn, base + path, schema, { method: 'GET', signal });
  const post = <S extends z.ZodType>(path: string, schema: S, body: unknown, withCsrf: boolean) =>
    request(fetchFn, base + path, schema, { method: 'POST', body, csrfToken: withCsrf ? csrf() : null });

  return {
    site: (signal?: AbortSignal): Promise<PublicSite> => get(API.site, publicSiteSchema, signal),
    /** `priority`: a 博愛 ticket (elderly, disabled, pregnant). */
    issueTicket: async (serviceId: string, priority = false): Promise<IssuedTicket> =>
      request(fetchFn, base + API.tickets, issuedTicketSchema, {
        method: 'POST',
        body: priority ? { serviceId, priority } : { serviceId },
        kioskCredential: (await options.kioskCredential?.()) ?? null,
      }),
    /** Whether this browser (or window) may issue tickets. */
    kioskStatus: async (): Promise<{ provisioned: boolean }> =>
      request(fetchFn, base + API.kioskStatus, kioskStatusResponseSchema, {
        method: 'GET',
        kioskCredential: (await options.kioskCredential?.()) ?? null,
      }),
    phoneTicket: (token: string, signal?: AbortSignal): Promise<PhoneTicket> =>
      get(API.phoneTicket(token), phoneTicketSchema, signal),

    me: (): Promise<MeResponse> => get(API.staffMe, meResponseSchema),
    setup: (req: SetupRequest): Promise<unknown> => post(API.staffSetup, anyBody, req, true),
    login: (req: LoginRequest): Promise<unknown> => post(API.staffLogin, anyBody, req, true),
    logout: (): Promise<unknown> => post(API.staffLogout, anyBody, {}, true),
    callNext: (counterId: string): Promise<CallNextResponse> =>
      post(API.counterCallNext, callNextResponseSchema, { counterId }, true),
    /** One counter action (next, recall, call-number, skip, transfer, start, finish). */
    counterAction: (action: CounterAction): Promise<CounterActionResponse> =>
      post(API.counterAction, counterActionResponseSchema, action, true),
    users: (): Promise<StaffUser[]> => get(API.staffUsers, usersListSchema),
    createUser: (req: CreateUserRequest): Promise<unknown> => post(API.staffUsers, anyBody, req, true),
    /** End an account's sign-in waits after failed sign-ins (admin). */
    unlockUser: (id: number): Promise<{ cleared: number }> => post(API.staffUserUnlock(id), unlockResponseSchema, {}, true),
    audit: (): Promise<AuditEntry[]> => get(API.staffAudit, auditListSchema),
    /** Reprint one of today's tickets (counter, desk or admin). */
    reprint: (number: string): Promise<ReprintResponse> =>
      post(API.staffReprint, reprintResponseSchema, { number }, true),
    /** Inject a fault into the simulated printer, or clear it with null (admin). */
    simPrinterFault: (fault: SimFault | null): Promise<unknown> => post(API.simPrinterFault, anyBody, { fault }, true),
    /** Press a key on a simulated caller keypad (admin). */
    simKeypadPress: (req: SimKeypadRequest): Promise<unknown> => post(API.simKeypadPress, anyBody, req, true),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** A message fit to show inline for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
