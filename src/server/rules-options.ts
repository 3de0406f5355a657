// The configuration mapped onto the rules runtime's options: the rule directory, Prometheus or
// the embedded evaluator with its scrape targets (RULES_SCRAPE_TARGETS, by default this
// process's own telemetry port), the receivers, threshold levels at start and the evaluation
// interval of seed 002's variables.
import path from 'node:path';
import { alertsLink, traceLink } from '../api/index.js';
import type { Config } from '../config/index.js';
import { packageRoot } from '../db/index.js';
import type { ThresholdOverrides } from '../rules/files/index.js';
import type { RulesRuntimeOptions } from '../rules/runtime/index.js';
import { parseScrapeTargets } from '../rules/scrape/index.js';

/** The `job` of a target listed without `job=`, and of this process's own /metrics. */
export const DEFAULT_SCRAPE_JOB = 'foresight';

/** The parts of the configuration the rules runtime reads. */
export type RulesConfig = Pick<
  Config,
  | 'RULES_DIR'
  | 'PROMETHEUS_URL'
  | 'RULES_SCRAPE_TARGETS'
  | 'SCRAPE_INTERVAL_MS'
  | 'OTEL_EXPORTER_PROMETHEUS_PORT'
  | 'ALERTMANAGER_URL'
  | 'ALERT_WEBHOOK_URL'
  | 'SLACK_WEBHOOK_URL'
  | 'ALERT_EMAIL_SMTP_URL'
  | 'ALERT_EMAIL_FROM'
  | 'ALERT_EMAIL_TO'
  | 'ALERT_EMAIL_SEVERITIES'
  | 'PERFORMANCE_ALERT_THRESHOLDS'
  | 'PERFORMANCE_ALERT_CHECK_INTERVAL'
  | 'ALERT_DEDUP_WINDOW_MS'
  | 'EXTERNAL_URL'
>;

/** What the composition adds besides the configuration. */
export type RulesParts = Pick<RulesRuntimeOptions, 'db' | 'recommendationProviders'> & {
  /** The slowest trace of a route in a window (the trace store's `slowestTrace`). */
  exemplar?: (window: { route?: string; sinceMs: number; untilMs: number }) => { traceId: string; durationMs: number } | undefined;
};

/** Options of the rules runtime for `config`; throws naming a scrape target that is not a URL. */
export function rulesRuntimeOptions(config: RulesConfig, { exemplar, ...parts }: RulesParts = {}): RulesRuntimeOptions {
  let targets;
  try {
    targets = parseScrapeTargets(config.RULES_SCRAPE_TARGETS, DEFAULT_SCRAPE_JOB);
  } catch (err) {
    throw new Error(`RULES_SCRAPE_TARGETS: ${(err as Error).message}`, { cause: err });
  }
  if (targets.length === 0) {
    targets = [{ url: `http://127.0.0.1:${config.OTEL_EXPORTER_PROMETHEUS_PORT}/metrics`, job: DEFAULT_SCRAPE_JOB }];
  }
  return {
    dir: config.RULES_DIR || path.join(packageRoot(), 'alert-rules'),
    source: config.PROMETHEUS_URL
      ? { kind: 'prometheus', url: config.PROMETHEUS_URL }
      : { kind: 'embedded', targets, intervalMs: config.SCRAPE_INTERVAL_MS },
    notify: {
      alertmanagerUrl: config.ALERTMANAGER_URL,
      webhookUrl: config.ALERT_WEBHOOK_URL,
      slackUrl: config.SLACK_WEBHOOK_URL,
      ...(config.ALERT_EMAIL_SMTP_URL ? { email: emailOptions(config, config.ALERT_EMAIL_SMTP_URL) } : {}),
    },
    dedupWindowMs: config.ALERT_DEDUP_WINDOW_MS,
    externalUrl: config.EXTERNAL_URL,
    // Links into the API, whose routes only api/ knows.
    alertLink: (alertname) => alertsLink(config.EXTERNAL_URL, alertname),
    thresholdDefaults: thresholdDefaults(config.PERFORMANCE_ALERT_THRESHOLDS),
    evaluationIntervalMs: config.PERFORMANCE_ALERT_CHECK_INTERVAL || undefined,
    ...parts,
    exemplar: exemplar && ((w) => {
      const found = exemplar(w);
      return found && { ...found, url: traceLink(found.traceId) };
    }),
  };
}

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

function emailOptions(config: RulesConfig, smtpUrl: string) {
  const to = list(config.ALERT_EMAIL_TO);
  if (to.length === 0) throw new Error('ALERT_EMAIL_TO: list at least one recipient when ALERT_EMAIL_SMTP_URL is set');
  return { smtpUrl, from: config.ALERT_EMAIL_FROM, to, severities: list(config.ALERT_EMAIL_SEVERITIES) };
}

/** PERFORMANCE_ALERT_THRESHOLDS (checked by the config schema): a number is the warning level. */
export function thresholdDefaults(json: string): ThresholdOverrides {
  if (!json) return {};
  const parsed = JSON.parse(json) as Record<string, number | { warning?: number; critical?: number }>;
  return Object.fromEntries(Object.entries(parsed).map(([name, v]) => [name, typeof v === 'number' ? { warning: v } : v]));
}
