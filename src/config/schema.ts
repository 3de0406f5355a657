// The environment variables foresight reads, with their defaults. One schema, so the README,
// docker-compose and the app cannot drift apart: tests compare them against this list.
import { z } from 'zod';
import { agentVariables } from './agent.js';
import type { EnvVariable } from './env-values.js';
import { bool, int, port, secret, variableSchema } from './fields.js';

// PERFORMANCE_ALERT_THRESHOLDS: a JSON object of threshold name → warning level, or → levels.
function validThresholdJson(text: string): boolean {
  if (text === '') return true;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const level = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  return Object.values(value as Record<string, unknown>).every(
    (v) => level(v) || (v !== null && typeof v === 'object' && Object.entries(v).every(([k, l]) => (k === 'warning' || k === 'critical') && level(l))),
  );
}

/** The variables of the services (API, rules service, seed); the agent's are in agent.ts. */
export const serviceEnvSchema = z.object({
  PORT: port(8080).describe('HTTP port of the API, the console and the performance API'),
  HOST: z.string().default('0.0.0.0').describe('Interface the API listens on'),
  DATABASE_URL: z.string().optional().describe('Postgres URL; unset runs an embedded PGlite served over the wire protocol'),
  PGLITE_DATA_DIR: z.string().default('data/pglite').describe('Where the embedded PGlite keeps its files (`memory://` for none)'),
  PGLITE_PORT: port(0).describe('Loopback port of the embedded Postgres server (0 picks a free one)'),
  DB_POOL_MAX: int(20, 1).describe('Size bound of the `pg` pool (seed 001: 20-50; DatabaseConnectionPoolHigh fires above 80% of it)'),
  DB_STATEMENT_TIMEOUT_MS: int(5000, 1).describe('Statement timeout of every query'),
  REDIS_URL: z.string().optional().describe('Redis URL for the L2 cache; unset keeps the in-process cache only'),
  REDIS_COMMAND_TIMEOUT_MS: int(50, 1).describe('A Redis command slower than this is treated as a miss'),
  CACHE_MAX_SIZE: int(2000, 1).describe('Entry bound of the in-process (L1) cache'),
  CACHE_DEFAULT_TTL: int(3600, 1).describe('Default cache TTL in seconds'),
  CACHE_TTL_JITTER: z.coerce.number().min(0).max(1).default(0.1).describe('TTL jitter as a fraction of the TTL, so keys set together do not expire together'),
  MODEL_CACHE_MAX_SIZE: int(32, 1).describe('How many loaded models the model cache keeps'),
  MODEL_CACHE_MEMORY_THRESHOLD: z.coerce
    .number()
    .gt(0)
    .max(100)
    .default(80)
    .describe('Above this memory usage (resident memory, percent of the 2 GiB budget) the model cache drops its least recently used half'),
  CACHE_CLEANUP_INTERVAL: int(300, 0).describe('Seconds between background purges of expired cache entries (and model-cache memory checks); 0 for none'),
  BATCH_ENABLED: bool(true).describe('Batch concurrent inference requests'),
  BATCH_MAX_SIZE: int(32, 1).describe('Items per inference batch'),
  BATCH_MAX_WAIT_TIME: int(5, 0).describe('Milliseconds the first item of a batch waits for more'),
  BATCH_MAX_CONCURRENT: int(4, 1).describe('Batches in flight at once'),
  BATCH_MAX_QUEUE: int(1000, 1).describe('Queued items before requests are refused with 503'),
  PREDICT_BATCH_MAX_ITEMS: int(100, 1).describe('Items allowed in one `POST /api/v1/predict/batch`'),
  MAX_BODY_BYTES: int(65536, 1).describe('Largest request body accepted (413 above it)'),
  ADMIN_TOKEN: secret(z.string().optional(), 'Bearer token for admin calls; unset refuses every admin call'),
  ALERT_RECEIVER_TOKEN: secret(z.string().optional(), 'Bearer token `POST /api/v1/performance/alerts/webhook` requires (Alertmanager `http_config.authorization`); unset with ALERT_RECEIVER_BASIC_AUTH unset leaves it open'),
  ALERT_RECEIVER_BASIC_AUTH: secret(z.string().regex(/:/, { error: 'user:password' }).optional(), '`user:password` the alert webhook accepts as basic auth (Alertmanager `http_config.basic_auth`)'),
  RATE_LIMIT_ENABLED: bool(true).describe('Per-client rate limits on `/api/` (429 with `Retry-After`; shared through Redis when `REDIS_URL` is set); `false` turns them all off, as the benchmarks do'),
  RATE_LIMIT_API_REQUESTS: int(1200, 1).describe('API calls one client may make per `RATE_LIMIT_API_WINDOW_SECONDS` (code `API_RATE_LIMITED` above it)'),
  RATE_LIMIT_API_WINDOW_SECONDS: int(60, 1).describe('Window of `RATE_LIMIT_API_REQUESTS`'),
  RATE_LIMIT_ADMIN_REQUESTS: int(30, 1).describe('Admin calls one client may make per `RATE_LIMIT_ADMIN_WINDOW_SECONDS` (code `ADMIN_RATE_LIMITED`)'),
  RATE_LIMIT_ADMIN_WINDOW_SECONDS: int(60, 1).describe('Window of `RATE_LIMIT_ADMIN_REQUESTS`'),
  RATE_LIMIT_AUTH_FAILURES: int(5, 1).describe('Wrong credentials (admin token, alert webhook) one client may send per `RATE_LIMIT_AUTH_WINDOW_SECONDS` before its calls that need them are refused (code `AUTH_FAILURES_BLOCKED`); a right admin token starts the count again'),
  RATE_LIMIT_AUTH_WINDOW_SECONDS: int(900, 1).describe('Window of `RATE_LIMIT_AUTH_FAILURES`'),
  RATE_LIMIT_AUTH_BLOCK_SECONDS: int(900, 1).describe('How long a client that reached `RATE_LIMIT_AUTH_FAILURES` is refused the calls that need credentials'),
  TRUST_PROXY_HOPS: int(0, 0).describe('Proxies of yours in front of the API: the rate limits key a client by the address that many hops back in `X-Forwarded-For` (0: the socket address; the header is ignored, since a client can write anything in it)'),
  RULES_ENABLED: bool(true).describe('Run the rules service (alert evaluation, notifications) in this process'),
  RULES_DIR: z.string().default('').describe('Rule files directory (empty: the alert-rules/ folder shipped with the package)'),
  PROMETHEUS_URL: z.string().optional().describe('Evaluate rules against this Prometheus; unset uses the embedded evaluator'),
  RULES_SCRAPE_TARGETS: z
    .string()
    .default('')
    .describe('Comma-separated `[job=]url` of the /metrics endpoints the embedded evaluator scrapes, e.g. `shop=http://10.0.0.5:9464/metrics` (no `job=`: job `foresight`; empty: this process)'),
  SCRAPE_INTERVAL_MS: int(15000, 100).describe('Scrape interval of the embedded evaluator'),
  ALERTMANAGER_URL: z.string().optional().describe('Send alerts to this Alertmanager (v2 API)'),
  ALERT_WEBHOOK_URL: z.string().optional().describe('Send alerts to this webhook (Alertmanager webhook payload)'),
  SLACK_WEBHOOK_URL: secret(z.string().optional(), 'Send alerts to this Slack incoming webhook'),
  ALERT_EMAIL_SMTP_URL: z.string().optional().describe('Send alerts by email through this SMTP server, e.g. `smtps://user:pass@mail.example.com:465`'),
  ALERT_EMAIL_FROM: z.string().default('foresight <alerts@localhost>').describe('Sender of alert emails'),
  ALERT_EMAIL_TO: z.string().default('').describe('Comma-separated recipients of alert emails (needed with `ALERT_EMAIL_SMTP_URL`)'),
  ALERT_EMAIL_SEVERITIES: z.string().default('critical').describe('Comma-separated severities that are emailed (seed 003: critical alerts to administrators)'),
  ALERT_DEDUP_WINDOW_MS: int(300000, 1).describe('The same alert is not re-notified within this window (seed 002: 5 minutes)'),
  PERFORMANCE_MONITORING_ENABLED: bool(true).describe('Take performance snapshots (the metrics history and its summary); live figures answer either way'),
  PERFORMANCE_MONITORING_INTERVAL: int(30000, 100).describe('Milliseconds between performance snapshots (metrics history)'),
  PERFORMANCE_ALERT_THRESHOLDS: z
    .string()
    .default('')
    .refine(validThresholdJson, { error: 'JSON such as {"cpu_usage": 80} (warning level) or {"cpu_usage": {"warning": 70, "critical": 90}}' })
    .describe('Threshold levels at start, as JSON: `{"cpu_usage": 80}` sets the warning level, `{"cpu_usage": {"warning": 70, "critical": 90}}` both; changes made through the API win'),
  PERFORMANCE_ALERT_CHECK_INTERVAL: int(0, 0).describe('Milliseconds between rule evaluations of every group, instead of the interval in its rule file (0: the files\' intervals)'),
  EXTERNAL_URL: z.string().default('http://localhost:8080').describe('Where users reach this service; used in alert links'),
  SEED_CITIES: int(20, 1).describe('Cities written by the seed step'),
  SEED_DAYS: int(120, 30).describe('Days of hourly history written by the seed step'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
  LOG_FILE: z.string().default('logs/foresight.log').describe('JSON log file (empty for stdout only); written as `<name>.<n>.<ext>`, n counting up at each rotation'),
  LOG_FILE_MAX_SIZE: z
    .string()
    .regex(/^\d+[kmg]$/, { error: 'a number with a k, m or g suffix, e.g. 10m' })
    .default('10m')
    .describe('Size past which the log file is rotated (`k`, `m` or `g` suffix)'),
  LOG_FILE_MAX_FILES: int(5, 1).describe('Rotated log files kept besides the one being written (older ones, from any run, are removed)'),
  FORESIGHT_URL: z.string().optional().describe('Where `foresight traces` finds a running instance (unset: `http://127.0.0.1:$PORT`)'),
  PROMTOOL: z.string().optional().describe('The promtool `foresight rules test` runs (unset: `promtool` on the PATH)'),
});

type AgentShape = { [K in keyof typeof agentVariables]: z.ZodType<ReturnType<(typeof agentVariables)[K]['read']>, string | undefined> };

/** The agent's variables (agent.ts reads them without zod) as a schema. */
const agentShape = Object.fromEntries(Object.entries(agentVariables as Record<string, EnvVariable<unknown>>).map(([name, v]) => [name, variableSchema(v)]));
export const agentEnvSchema = z.object(agentShape as AgentShape);

/** Every variable, its default, and its meaning; the README table and `foresight config` come from it. */
export const envSchema = serviceEnvSchema.extend(agentEnvSchema.shape);

export type Config = z.infer<typeof envSchema>;
