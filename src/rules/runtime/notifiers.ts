// The receivers configured for this runtime: Alertmanager, a generic webhook, Slack, email.
import { AlertmanagerNotifier, EmailNotifier, SlackNotifier, WebhookNotifier, type Notifier } from '../notify/index.js';
import type { NotifyOptions } from './options.js';

/** One notifier per configured URL; `externalUrl` goes into the webhook's links. */
export function createNotifiers(notify: NotifyOptions, externalUrl: string): Notifier[] {
  const notifiers: Notifier[] = [];
  if (notify.alertmanagerUrl) notifiers.push(new AlertmanagerNotifier({ url: notify.alertmanagerUrl }));
  if (notify.webhookUrl) notifiers.push(new WebhookNotifier({ url: notify.webhookUrl, externalUrl }));
  if (notify.slackUrl) notifiers.push(new SlackNotifier({ url: notify.slackUrl }));
  if (notify.email) notifiers.push(new EmailNotifier(notify.email));
  return notifiers;
}
