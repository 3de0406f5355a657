// The request body limit, for requests that can carry a body. Hono's bodyLimit reads
// `c.req.raw.body`, and on @hono/node-server that turns the lightweight request into a full
// fetch Request (an AbortSignal, a Headers copy, a web stream over the socket): on a forecast
// cache hit that was ~14 % of the CPU of a GET that has no body to limit, and on a POST it also
// turns off @hono/node-server's direct read of the body (about 18 % of a prediction's CPU). A
// body with a Content-Length is judged by that header alone, as Hono's own middleware does;
// only a chunked body is counted as it streams.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors.js';

/** 413 PAYLOAD_TOO_LARGE above `maxBytes`; GET, HEAD and OPTIONS pass untouched. */
export function requestBodyLimit(maxBytes: number): MiddlewareHandler {
  const tooLarge = (): never => {
    throw new ApiError('PAYLOAD_TOO_LARGE', `request body is larger than MAX_BODY_BYTES (${maxBytes} bytes)`);
  };
  const limit = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return function limitRequestBody(c, next) {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return limit(c, next);
    if (Number.parseInt(length, 10) > maxBytes) tooLarge();
    return next();
  };
}
