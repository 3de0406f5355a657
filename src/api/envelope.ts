// The one JSON envelope of every response under /api/v1/, and the error handler that produces it.
import type { Context, ErrorHandler, NotFoundHandler, TypedResponse } from 'hono';
import type { JSONValue } from 'hono/utils/types';
import { ZodError } from 'zod';
import { logger } from '../log/index.js';
import { fromDomainError } from './domain-errors.js';
import { ApiError } from './errors.js';

/** `{"status":"success","data":...}`, typed so a route's declared response is checked against it. */
export function success<S extends 200 | 201 | 202 = 200>(
  c: Context,
  data: unknown,
  status?: S,
): Response & TypedResponse<{ status: 'success'; data: JSONValue }, S, 'json'> {
  return c.json({ status: 'success' as const, data: data as JSONValue }, (status ?? 200) as S);
}

// The JSON of results that are shared and never change (a cached forecast served to every
// request for it), by the object: made on the first request, not on each one.
const sharedTexts = new WeakMap<object, string>();

/**
 * {@link success} for `data` that is shared between requests and never changed (frozen): its
 * envelope is serialised once per object, and dropped with it.
 */
export function successOfShared(c: Context, data: Readonly<object>): Response & TypedResponse<{ status: 'success'; data: JSONValue }, 200, 'json'> {
  let text = sharedTexts.get(data);
  if (text === undefined) sharedTexts.set(data, (text = JSON.stringify({ status: 'success', data })));
  // Typed as what success() returns: the same envelope, serialised ahead.
  return c.body(text, 200, { 'content-type': 'application/json' }) as unknown as Response & TypedResponse<{ status: 'success'; data: JSONValue }, 200, 'json'>;
}

/** Turns a zod failure into VALIDATION_FAILED naming each field (`items.3.city`) and what it expected. */
export function validationError(err: ZodError, where: string): ApiError {
  const fields = err.issues.map((i) => ({ field: i.path.join('.') || where, message: i.message }));
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new ApiError('VALIDATION_FAILED', `invalid ${where}: ${summary}`, { details: { fields } });
}

/** Maps every thrown error to the error envelope; unknown errors become INTERNAL without leaking internals. */
export const onError: ErrorHandler = function apiErrorHandler(err, c) {
  const apiErr =
    err instanceof ApiError
      ? err
      : err instanceof ZodError
        ? validationError(err, 'request')
        : (fromDomainError(err) ?? toInternal(err));
  for (const [name, value] of Object.entries(apiErr.headers)) c.header(name, value);
  const body = { status: 'error' as const, error: { code: apiErr.code, message: apiErr.message, details: apiErr.details } };
  return c.json(body, apiErr.status);
};

/** 404 for any path no route matches, in the same envelope. */
export const onNotFound: NotFoundHandler = function apiNotFound(c) {
  const body = { status: 'error' as const, error: { code: 'NOT_FOUND', message: `no route for ${c.req.method} ${c.req.path}` } };
  return c.json(body, 404);
};

function toInternal(err: Error): ApiError {
  // HTTPExceptions raised by Hono middleware (e.g. body-limit) keep their status and message.
  const status = 'status' in err && typeof err.status === 'number' ? err.status : undefined;
  if (status === 413) return new ApiError('PAYLOAD_TOO_LARGE', err.message || 'request body too large');
  // The validators of @hono/zod-openapi: a body that does not parse, or is not JSON at all.
  if (status === 400 && /json/i.test(err.message)) return new ApiError('INVALID_JSON', 'request body is not valid JSON (Content-Type: application/json expected)');
  if (status === 400) return new ApiError('VALIDATION_FAILED', err.message || 'invalid request');
  if (status === 415) return new ApiError('UNSUPPORTED_MEDIA_TYPE', 'request body must be JSON: send Content-Type: application/json');
  logger().error({ err }, 'unhandled error');
  return new ApiError('INTERNAL', 'internal error');
}
