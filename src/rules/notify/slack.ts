// Slack incoming webhooks: a one-line text (what notifications and screen readers show), a
// header block, and one attachment per alert whose colour says its severity (green once resolved).
import { formatValue } from '../engine/humanize.js';
import { checkUrl, postJson } from './http.js';
import type { AlertNotification, Notifier } from './types.js';

/** Options of {@link SlackNotifier}. */
export interface SlackNotifierOptions {
  /** The incoming-webhook URL. */
  url: string;
  /** The receiver label. @defaultValue 'slack' */
  name?: string;
  /** Overrides the webhook's channel, when the app allows it. */
  channel?: string;
  /** Overrides the poster's name. */
  username?: string;
  /** Attachments per message at most; Slack rejects very long messages. @defaultValue 20 */
  maxAttachments?: number;
}

/** Attachment colour by severity, and for resolved alerts. */
export const SLACK_COLORS = { critical: '#d00000', warning: '#daa038', info: '#439fe0', resolved: '#2eb886' } as const;

/** A Slack message. */
export interface SlackPayload {
  text: string;
  channel?: string;
  username?: string;
  blocks: Array<Record<string, unknown>>;
  attachments: Array<{ color: string; fallback: string; title: string; text: string; fields: Array<{ title: string; value: string; short: boolean }>; ts: number }>;
}

function colorOf(a: AlertNotification): string {
  if (a.status === 'resolved') return SLACK_COLORS.resolved;
  return SLACK_COLORS[a.labels.severity as keyof typeof SLACK_COLORS] ?? SLACK_COLORS.info;
}

/** The Slack message announcing `alerts`. */
export function slackPayload(alerts: AlertNotification[], options: { channel?: string; username?: string; maxAttachments?: number } = {}): SlackPayload {
  const firing = alerts.filter((a) => a.status === 'firing').length;
  const names = [...new Set(alerts.map((a) => a.labels.alertname ?? 'alert'))].join(', ');
  const headline = firing ? `[FIRING:${firing}] ${names}` : `[RESOLVED] ${names}`;
  const shown = alerts.slice(0, options.maxAttachments ?? 20);
  const more = alerts.length - shown.length;
  const payload: SlackPayload = {
    text: more > 0 ? `${headline} (+${more} more)` : headline,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${headline}*` } }],
    attachments: shown.map((a) => {
      const summary = a.annotations.summary ?? a.labels.alertname ?? 'alert';
      const severity = a.labels.severity ?? 'info';
      const labels = Object.entries(a.labels).filter(([k]) => k !== 'alertname' && k !== 'severity').map(([k, v]) => `${k}=${v}`).join(', ');
      return {
        color: colorOf(a),
        fallback: `${a.status === 'firing' ? 'FIRING' : 'RESOLVED'} ${severity}: ${summary}`,
        title: `${a.status === 'firing' ? '🔥' : '✅'} ${summary}`,
        text: a.annotations.description ?? '',
        fields: [
          { title: 'Severity', value: severity, short: true },
          { title: 'Value', value: formatValue(a.value), short: true },
          ...(labels ? [{ title: 'Labels', value: labels, short: false }] : []),
        ],
        ts: Math.floor((a.status === 'resolved' ? (a.endsAtMs ?? a.startsAtMs) : a.startsAtMs) / 1000),
      };
    }),
  };
  if (options.channel) payload.channel = options.channel;
  if (options.username) payload.username = options.username;
  return payload;
}

/** Posts alerts to a Slack incoming webhook. */
export class SlackNotifier implements Notifier {
  readonly name: string;
  private readonly url: string;
  private readonly options: SlackNotifierOptions;

  constructor(options: SlackNotifierOptions) {
    this.url = checkUrl('SlackNotifier: url', options.url);
    this.name = options.name ?? 'slack';
    const { maxAttachments = 20 } = options;
    if (!Number.isInteger(maxAttachments) || maxAttachments < 1) {
      throw new Error(`SlackNotifier: maxAttachments must be an integer >= 1, got ${maxAttachments}`);
    }
    this.options = { ...options, maxAttachments };
  }

  send(alerts: AlertNotification[], signal: AbortSignal): Promise<void> {
    return postJson(this.url, slackPayload(alerts, this.options), { signal });
  }
}
