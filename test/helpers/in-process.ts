// An in-process instance on the embedded defaults (in-memory PGlite, no telemetry exporters),
// for API contract tests that do not need the telemetry pipeline.
import { loadConfig } from '../../src/config/index.js';
import { startServer, type RunningServer } from '../../src/server/index.js';

/** Starts an instance on a free port with `env` over the test defaults. */
export async function startInProcess(env: Record<string, string> = {}): Promise<RunningServer> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PGLITE_DATA_DIR: 'memory://',
    SEED_DAYS: '60',
    LOG_FILE: '',
    // Tests load the API from one address; the rate-limit test turns it on.
    RATE_LIMIT_ENABLED: 'false',
    ...env,
  });
  return startServer(config);
}

/** fetch + JSON body, for brevity in assertions. */
export async function call(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(base + path, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, headers: res.headers, body };
}
