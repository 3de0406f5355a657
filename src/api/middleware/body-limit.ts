// The request body limit, for requests that can carry a body. Hono's bodyLimit reads
// `c.req.raw.body`, and on @hono/node-server that turns the lightweight request into a full
// fetch Request (an AbortSignal, a Headers copy): on a forecast cache hit that was ~14 % of the
// CPU of a GET that has no body to limit.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors.js';

/** 413 PAYLOAD_TOO_LARGE above `maxBytes`; GET, HEAD and OPTIONS pass untouched. */
export function requestBodyLimit(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('PAYLOAD_TOO_LARGE', `request body is larger than MAX_BODY_BYTES (${maxBytes} bytes)`);
    },
  });
  return function limitRequestBody(c, next) {
    const method = c.req.method;
    return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? next() : limit(c, next);
  };
}
