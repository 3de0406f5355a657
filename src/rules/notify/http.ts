// POST a JSON body with a deadline; a non-2xx answer becomes a NotifyError that says whether a retry can help.
import { NotifyError } from './types.js';

/** Options of {@link postJson}. */
export interface PostOptions {
  headers?: Record<string, string>;
  /** Aborts the request (timeouts, shutdown). */
  signal: AbortSignal;
}

/** POSTs `body` as JSON to `url`; throws {@link NotifyError} unless the answer is 2xx. */
export async function postJson(url: string, body: unknown, options: PostOptions): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify(body),
      signal: options.signal,
    });
  } catch (err) {
    const reason = options.signal.aborted ? `aborted (${String((options.signal.reason as Error | undefined)?.message ?? options.signal.reason)})` : (err as Error).message;
    throw new NotifyError(`POST ${url}: ${reason}`, true, undefined, { cause: err });
  }
  const text = await res.text().catch(() => '');
  if (res.ok) return;
  // 429 and 5xx are the receiver's momentary trouble; any other 4xx is our payload, for good.
  const retryable = res.status === 429 || res.status >= 500;
  throw new NotifyError(`POST ${url}: HTTP ${res.status} ${text.slice(0, 200)}`.trim(), retryable, res.status);
}

/** Validates an absolute http(s) URL option; `who` names the option in the message. */
export function checkUrl(who: string, url: unknown): string {
  if (typeof url !== 'string') throw new Error(`${who} must be a string URL, got ${typeof url}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${who} must be an absolute URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`${who} must use http or https, got ${parsed.protocol}`);
  return url.replace(/\/+$/, '');
}
