// Per-client rate limits of the API: every call under /api/ counts against its client's api
// limit; admin calls (requireAdmin) also count against the stricter admin limit, and a client
// whose admin tokens failed too often is refused admin calls for a while. A refusal is 429 with
// Retry-After and a code naming the limit. Probes, /metrics and the console are not under /api/
// and never limited.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { ClientLimits, LimitScope, Refusal } from '../../ratelimit/index.js';
import type { AppEnv } from '../deps.js';
import { ApiError, type ErrorCode } from '../errors.js';

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  limits: ClientLimits;
  /** TRUST_PROXY_HOPS: proxies of ours in front of the API that append to X-Forwarded-For. */
  trustProxyHops: number;
}

/**
 * The client a request counts for: the socket's address, or with `trustProxyHops` proxies of
 * ours in front, the address the farthest of them saw (that many entries from the right of
 * X-Forwarded-For; entries further left are whatever the client wrote, so never trusted).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trustProxyHops: number): string {
  const chain = trustProxyHops > 0 && forwardedFor ? forwardedFor.split(',').map((a) => a.trim()).filter(Boolean) : [];
  if (chain.length > 0) return chain[Math.max(0, chain.length - trustProxyHops)]!;
  return socketAddress ?? 'unknown';
}

const CODES: Record<LimitScope, ErrorCode> = { api: 'API_RATE_LIMITED', admin: 'ADMIN_RATE_LIMITED', auth: 'AUTH_FAILURES_BLOCKED' };

/** The 429 of `refusal`, in the API's error envelope. */
export function refusedError({ scope, limit, retryAfterSeconds }: Refusal): ApiError {
  const message =
    scope === 'auth'
      ? `${limit.points} wrong credentials (admin token, alert webhook) from this client within ${limit.durationSeconds} s: calls that need them refused for ${retryAfterSeconds} s`
      : `more than ${limit.points} ${scope === 'admin' ? 'admin calls' : 'requests'} from this client within ${limit.durationSeconds} s: retry after ${retryAfterSeconds} s`;
  return new ApiError(CODES[scope], message, {
    details: { scope, limit: limit.points, window_seconds: limit.durationSeconds, retry_after_seconds: retryAfterSeconds },
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

/** Counts each request against its client's api limit; passes the client on to requireAdmin. */
export function rateLimit({ limits, trustProxyHops }: RateLimitOptions): MiddlewareHandler<AppEnv> {
  return async function perClientRateLimit(c, next) {
    const client = clientAddress(socketAddress(c), c.req.header('x-forwarded-for'), trustProxyHops);
    const refusal = await limits.take('api', client);
    if (refusal) throw refusedError(refusal);
    c.set('rateLimit', { limits, client });
    await next();
  };
}

// The socket's peer on @hono/node-server; undefined where there is no socket (app.request()).
function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}
