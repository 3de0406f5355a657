// The receivers configured by environment: Alertmanager, a generic webhook, Slack.
import type { Config } from '../../config/index.js';
import { AlertmanagerNotifier, SlackNotifier, WebhookNotifier, type Notifier } from '../notify/index.js';

/** One notifier per configured URL. */
export function createNotifiers(config: Config): Notifier[] {
  const notifiers: Notifier[] = [];
  if (config.ALERTMANAGER_URL) notifiers.push(new AlertmanagerNotifier({ url: config.ALERTMANAGER_URL }));
  if (config.ALERT_WEBHOOK_URL) notifiers.push(new WebhookNotifier({ url: config.ALERT_WEBHOOK_URL, externalUrl: config.EXTERNAL_URL }));
  if (config.SLACK_WEBHOOK_URL) notifiers.push(new SlackNotifier({ url: config.SLACK_WEBHOOK_URL }));
  return notifiers;
}
