// Optional credentials on the alert webhook, in the two forms Alertmanager's `http_config`
// sends: `authorization` (a bearer token) and `basic_auth`. Without either the webhook stays
// open, as before: it changes no state, and its counters and log lines are bounded. Under the
// rate limit, wrong credentials count as failed auth like wrong admin tokens, and a blocked
// client is refused. A right one does not forget earlier failures here: an Alertmanager's
// credentials must not let a client go on guessing the admin token.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.js';
import { ApiError } from '../errors.js';
import { refusedError } from './rate-limit.js';

/** Options of {@link webhookAuth}. */
export interface WebhookAuthOptions {
  /** Accept `Authorization: Bearer <token>` (ALERT_RECEIVER_TOKEN). */
  token?: string;
  /** Accept `Authorization: Basic …` for `user:password` (ALERT_RECEIVER_BASIC_AUTH). */
  basic?: string;
}

// Equal-length digests, so the comparison takes the same time whatever was presented.
const digest = (s: string) => createHash('sha256').update(s).digest();

/** Lets a request through when it presents one of the configured credentials (or none are configured). */
export function webhookAuth(options: WebhookAuthOptions = {}): MiddlewareHandler<AppEnv> {
  if (options.basic !== undefined && !options.basic.includes(':')) {
    throw new Error('webhookAuth: basic must be "user:password"');
  }
  const bearer = options.token ? digest(options.token) : undefined;
  const basic = options.basic ? digest(options.basic) : undefined;
  return async function webhookCredentials(c, next) {
    if (bearer || basic) {
      const limited = c.get('rateLimit');
      const refusal = limited && (await limited.limits.authBlocked(limited.client));
      if (refusal) throw refusedError(refusal);
      const header = c.req.header('authorization') ?? '';
      const [scheme = '', value = ''] = header.split(' ', 2);
      const presented =
        scheme.toLowerCase() === 'bearer' && bearer ? [digest(value), bearer]
        : scheme.toLowerCase() === 'basic' && basic ? [digest(Buffer.from(value, 'base64').toString('utf8')), basic]
        : undefined;
      if (!presented || !timingSafeEqual(presented[0]!, presented[1]!)) {
        await limited?.limits.authFailed(limited.client);
        const schemes = [bearer && 'Bearer', basic && 'Basic realm="foresight"'].filter(Boolean).join(', ');
        throw new ApiError('UNAUTHORIZED', `the alert webhook needs the credentials configured in ALERT_RECEIVER_${bearer ? 'TOKEN' : 'BASIC_AUTH'}`, {
          headers: { 'WWW-Authenticate': schemes },
        });
      }
    }
    await next();
  };
}
