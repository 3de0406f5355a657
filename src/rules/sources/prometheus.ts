// QuerySource over the Prometheus HTTP API: instant queries at the evaluation time, so a rule
// evaluated here answers what the same rule would answer inside Prometheus.
import type { QuerySource, VectorSample } from '../types.js';
import { QueryError } from './query-error.js';

/** Options of {@link PrometheusSource}. */
export interface PrometheusSourceOptions {
  /** Base URL of Prometheus, e.g. `http://127.0.0.1:9090` (PROMETHEUS_URL). */
  url: string;
  /** Per-query timeout, sent to Prometheus too. @defaultValue 10000 */
  timeoutMs?: number;
  /** Extra request headers (e.g. authorization of a proxy in front of Prometheus). @defaultValue {} */
  headers?: Record<string, string>;
}

interface ApiAnswer {
  status?: string;
  error?: string;
  errorType?: string;
  data?: { resultType?: string; result?: unknown };
}

/** Evaluates PromQL instant queries with `GET {url}/api/v1/query`. */
export class PrometheusSource implements QuerySource {
  readonly name = 'prometheus' as const;
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;

  constructor(options: PrometheusSourceOptions) {
    const { url, timeoutMs = 10_000, headers = {} } = options;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`PrometheusSource: url must be an absolute http(s) URL, got ${JSON.stringify(url)}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new Error(`PrometheusSource: url must use http or https, got ${parsed.protocol}`);
    }
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new Error(`PrometheusSource: timeoutMs must be a positive number, got ${timeoutMs}`);
    }
    this.base = url.replace(/\/+$/, '');
    this.timeoutMs = timeoutMs;
    this.headers = headers;
  }

  /** Prometheus is the judge of what it can evaluate: every expression is accepted here. */
  check(_expr: string): void {}

  /** Answers `expr` at `timeMs`; throws {@link QueryError} on any failure. */
  async query(expr: string, timeMs: number): Promise<VectorSample[]> {
    const params = new URLSearchParams({
      query: expr,
      time: (timeMs / 1000).toFixed(3),
      timeout: `${Math.max(1, Math.floor(this.timeoutMs))}ms`,
    });
    let res: Response;
    try {
      res = await fetch(`${this.base}/api/v1/query?${params.toString()}`, {
        headers: { accept: 'application/json', ...this.headers },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
      if (timedOut) throw new QueryError(expr, 'timeout', `no answer within ${this.timeoutMs} ms`, undefined, { cause: err });
      throw new QueryError(expr, 'network', (err as Error).message, undefined, { cause: err });
    }
    let body: ApiAnswer;
    try {
      body = (await res.json()) as ApiAnswer;
    } catch (err) {
      const kind = res.ok ? 'response' : 'http';
      throw new QueryError(expr, kind, `unreadable body (${(err as Error).message})`, res.status, { cause: err });
    }
    // Prometheus answers bad expressions with 400 and a JSON error: its message is the useful part.
    if (body.status !== 'success') {
      throw new QueryError(expr, 'api', `${body.errorType ?? 'error'}: ${body.error ?? 'no message'}`, res.status);
    }
    if (!res.ok) throw new QueryError(expr, 'http', res.statusText, res.status);
    return toSamples(expr, body.data);
  }
}

/** Parses a sample value as Prometheus writes it (`"NaN"`, `"+Inf"`, `"-Inf"` included). */
export function parsePromValue(text: unknown): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  const n = typeof text === 'string' && text.trim() !== '' ? Number(text) : NaN;
  if (Number.isNaN(n)) throw new Error(`not a sample value: ${JSON.stringify(text)}`);
  return n;
}

function toSamples(expr: string, data: ApiAnswer['data']): VectorSample[] {
  const type = data?.resultType;
  const result = data?.result;
  try {
    if (type === 'vector' && Array.isArray(result)) {
      return result.map((item: { metric?: Record<string, string>; value?: [number, string] }) => ({
        labels: { ...(item.metric ?? {}) },
        value: parsePromValue(item.value?.[1]),
      }));
    }
    if (type === 'scalar' && Array.isArray(result)) return [{ labels: {}, value: parsePromValue(result[1]) }];
  } catch (err) {
    throw new QueryError(expr, 'response', (err as Error).message, undefined, { cause: err });
  }
  // A range vector or string cannot drive a rule; Prometheus's own rule manager rejects them too.
  throw new QueryError(expr, 'response', `result type ${JSON.stringify(type)} is not an instant vector or scalar`);
}
