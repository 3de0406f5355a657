// Public entry of the notifiers: receivers (Alertmanager, webhook, Slack, email), their payloads,
// and the per-receiver queue.
export { AlertmanagerNotifier, alertmanagerPayload, type AlertmanagerNotifierOptions, type PostableAlert } from './alertmanager.js';
export { WebhookNotifier, webhookPayloads, type WebhookNotifierOptions, type WebhookPayload } from './webhook.js';
export { SlackNotifier, slackPayload, SLACK_COLORS, type SlackNotifierOptions, type SlackPayload } from './slack.js';
export { EmailNotifier, emailMessage, type EmailNotifierOptions } from './email.js';
export { NotifierQueue, type NotifierQueueOptions, type NotificationResult } from './queue.js';
export { backoffDelay, type BackoffOptions } from './backoff.js';
export { groupAlerts, groupKey, type AlertGroup } from './grouping.js';
export { NotifyError, type AlertNotification, type Notifier } from './types.js';
