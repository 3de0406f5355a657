// What the rules runtime is built from, as plain values. The composition root (src/server)
// maps the configuration onto them, so this folder reads neither Config nor the environment
// and the same runtime serves the API process and `foresight rules serve`.
import type { Database } from '../../db/index.js';
import type { ThresholdOverrides } from '../files/index.js';
import type { EmailNotifierOptions } from '../notify/index.js';
import type { ScrapeTarget } from '../scrape/index.js';
import type { FacadeParts } from './facade.js';
import type { RecommendationProvider } from './recommendations.js';

/** Where rule expressions are evaluated. */
export type RulesSourceOptions =
  | { kind: 'prometheus'; url: string }
  /** The embedded evaluator over the samples scraped from `targets`. */
  | { kind: 'embedded'; targets: ScrapeTarget[]; intervalMs: number };

/** The receivers to notify; each one set adds a notifier. */
export interface NotifyOptions {
  alertmanagerUrl?: string;
  webhookUrl?: string;
  slackUrl?: string;
  email?: Pick<EmailNotifierOptions, 'smtpUrl' | 'from' | 'to' | 'severities'>;
}

/** Options of `startRules`. */
export interface RulesRuntimeOptions {
  /** The rule files' directory. */
  dir: string;
  source: RulesSourceOptions;
  notify: NotifyOptions;
  /** The same alert is not re-notified within it. */
  dedupWindowMs: number;
  /** Where users reach this service; the webhook's externalURL, and alert links unless `alertLink` says otherwise. */
  externalUrl: string;
  /** An alert's generatorURL: where users see the alerts of the rule `alertname`. @defaultValue externalUrl */
  alertLink?: (alertname: string | undefined) => string;
  /** Postgres for alert state, threshold changes and the leader lock; absent keeps all of it in memory. */
  db?: Database;
  /** Recommendations from elsewhere (the trace analyser), merged with the rule-based ones. */
  recommendationProviders?: RecommendationProvider[];
  /** The slowest trace of a route in a window, for alert links. */
  exemplar?: FacadeParts['exemplar'];
  /** Threshold levels at start, over the files' values; changes stored in Postgres win over them. */
  thresholdDefaults?: ThresholdOverrides;
  /** Evaluate every group at this interval instead of its file's `interval`; absent or 0 keeps the files'. */
  evaluationIntervalMs?: number;
}
