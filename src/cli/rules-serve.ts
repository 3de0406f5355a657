// `foresight rules serve`: the rules service alone, without the prediction API, to watch any app
// the agent instruments. Telemetry first (as `start` does), so the service's own /metrics,
// traces and logs come from the same agent; its service name is foresight-rules unless set.
import { parseArgs } from 'node:util';

export const USAGE = `usage: foresight rules serve [--dir DIR]

Runs the rules service without the prediction API. It evaluates the rule files against
PROMETHEUS_URL or, unset, the embedded evaluator scraping RULES_SCRAPE_TARGETS
(comma-separated [job=]url, e.g. shop=http://127.0.0.1:9464/metrics; empty: its own /metrics)
every SCRAPE_INTERVAL_MS; notifies ALERTMANAGER_URL, ALERT_WEBHOOK_URL and SLACK_WEBHOOK_URL;
serves /healthz, /readyz (with each scrape target's state) and /api/v1/performance/ alerts,
alerts/:id/resolve, thresholds, recommendations and alerts/webhook on PORT (default 8080),
and its own /metrics (rules_scrape_failures_total, rules_scrape_target_up, ...) on
OTEL_EXPORTER_PROMETHEUS_PORT (default 9464: set another one next to an app that uses it).
Alert state is kept in Postgres with DATABASE_URL, else in memory.

options:
  --dir DIR   rule directory (default: RULES_DIR, else the alert-rules/ shipped with the package)
  -h, --help  this text
`;

/** Runs the service until SIGTERM/SIGINT; resolves with the exit code. */
export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, strict: true, allowPositionals: false, options: { dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    process.stderr.write(`foresight rules serve: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  process.env.OTEL_SERVICE_NAME ||= 'foresight-rules';
  const { telemetry } = await import('../telemetry/register.js');
  const [{ loadConfig }, { installLogger, closeOnSignal }, { startRulesServer }] = await Promise.all([
    import('../config/index.js'),
    import('./service-process.js'),
    import('../server/rules-server.js'),
  ]);
  const config = loadConfig();
  if (values.dir) config.RULES_DIR = values.dir;
  installLogger(config);
  const server = await startRulesServer(config);
  await closeOnSignal(() => server.close(), telemetry);
  return 0;
}
