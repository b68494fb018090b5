import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ApiError } from '../contract';
import { DomainError, type DomainErrorCode } from '../domain/errors';

const STATUS: Record<DomainErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

/** Validates a request part with its contract schema; a refusal names the field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first && first.path.length ? `${first.path.join('.')}: ` : '';
    throw new DomainError('invalid', `${where}${first?.message ?? 'invalid request'}`);
  }
  return result.data;
}

/**
 * Every failure leaves as `{ error, message }` with a 4xx where the caller is
 * at fault; internal errors are logged and never leak their details.
 */
export function errorHandler(err: FastifyError | DomainError | Error, req: FastifyRequest, reply: FastifyReply): void {
  let status = 500;
  let body: ApiError = { error: 'internal', message: 'Something went wrong; please try again.' };
  if (err instanceof DomainError) {
    status = STATUS[err.code];
    body = { error: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
  } else if ('statusCode' in err && typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    status = err.statusCode;
    body = { error: errorName(status, (err as FastifyError).code), message: clientMessage(err as FastifyError) };
  } else {
    req.log.error({ err }, 'request failed');
  }
  void reply.status(status).type('application/json; charset=utf-8').send(body);
}

function errorName(status: number, code: string | undefined): string {
  if (status === 413) return 'too_large';
  if (status === 415) return 'unsupported_media_type';
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'invalid';
  return status === 404 ? 'not_found' : 'invalid';
}

function clientMessage(err: FastifyError): string {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is not valid JSON.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the request body as application/json.';
    default:
      return err.message;
  }
}
