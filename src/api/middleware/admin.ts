// Admin bearer-token check. Without a configured token every admin call is refused, never open.
// Under the rate limit (a `rateLimit` variable set), an admin call also counts against the
// client's admin limit, a wrong token against its failed-auth limit, and a client blocked for
// wrong tokens is refused before its token is even compared.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.js';
import { ApiError } from '../errors.js';
import { refusedError } from './rate-limit.js';

/** Options of {@link requireAdmin}. */
export interface AdminOptions {
  /** The admin token (ADMIN_TOKEN); undefined refuses all admin calls with 403 ADMIN_DISABLED. */
  token: string | undefined;
}

// Hashing both sides first gives equal-length buffers, so the comparison is constant-time
// whatever the length of the presented token.
const digest = (s: string) => createHash('sha256').update(s).digest();

/** Middleware that lets a request through only with `Authorization: Bearer <ADMIN_TOKEN>`. */
export function requireAdmin(options: AdminOptions): MiddlewareHandler<AppEnv> {
  const expected = options.token ? digest(options.token) : undefined;
  return async function adminOnly(c, next) {
    if (!expected) throw new ApiError('ADMIN_DISABLED', 'admin calls are disabled: set ADMIN_TOKEN to enable them');
    const limited = c.get('rateLimit');
    if (limited) {
      const refusal = (await limited.limits.authBlocked(limited.client)) ?? (await limited.limits.take('admin', limited.client));
      if (refusal) throw refusedError(refusal);
    }
    const header = c.req.header('authorization') ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!presented || !timingSafeEqual(digest(presented), expected)) {
      await limited?.limits.authFailed(limited.client);
      throw new ApiError('UNAUTHORIZED', 'admin call needs header Authorization: Bearer <ADMIN_TOKEN>', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
    }
    await limited?.limits.authSucceeded(limited.client);
    c.set('admin', 'token');
    await next();
  };
}
