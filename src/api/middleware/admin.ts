// Admin bearer-token check. Without a configured token every admin call is refused, never open.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.js';
import { ApiError } from '../errors.js';

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
    const header = c.req.header('authorization') ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!presented || !timingSafeEqual(digest(presented), expected)) {
      throw new ApiError('UNAUTHORIZED', 'admin call needs header Authorization: Bearer <ADMIN_TOKEN>', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
    }
    c.set('admin', 'token');
    await next();
  };
}
