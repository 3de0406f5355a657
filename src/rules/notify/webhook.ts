// A generic webhook receiving Alertmanager's webhook payload (version "4"), so any tool written
// for Alertmanager's webhook_config takes foresight's notifications unchanged.
import type { Labels } from '../types.js';
import { common, groupAlerts, groupKey } from './grouping.js';
import { checkUrl, postJson } from './http.js';
import type { AlertNotification, Notifier } from './types.js';

/** Options of {@link WebhookNotifier}. */
export interface WebhookNotifierOptions {
  url: string;
  /** The receiver label and the payload's `receiver`. @defaultValue 'webhook' */
  name?: string;
  /** Labels one payload groups by. @defaultValue ['alertname'] */
  groupBy?: string[];
  /** The payload's `externalURL` (where the alerts can be seen). @defaultValue '' */
  externalUrl?: string;
  /** Alerts per payload at most, the rest counted in `truncatedAlerts`; 0 for no limit. @defaultValue 0 */
  maxAlerts?: number;
  /** @defaultValue {} */
  headers?: Record<string, string>;
}

/** Alertmanager's webhook payload. */
export interface WebhookPayload {
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
  status: 'firing' | 'resolved';
  receiver: string;
  groupLabels: Labels;
  commonLabels: Labels;
  commonAnnotations: Labels;
  externalURL: string;
  alerts: Array<{
    status: 'firing' | 'resolved';
    labels: Labels;
    annotations: Labels;
    startsAt: string;
    endsAt: string;
    generatorURL: string;
    fingerprint: string;
  }>;
}

// What Alertmanager writes as the endsAt of an alert still firing (Go's zero time).
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** The payloads (one per group) that announce `alerts`. */
export function webhookPayloads(
  alerts: AlertNotification[],
  options: { receiver: string; groupBy: string[]; externalUrl: string; maxAlerts: number },
): WebhookPayload[] {
  return groupAlerts(alerts, options.groupBy).map(({ groupLabels, alerts: group }) => {
    const kept = options.maxAlerts > 0 ? group.slice(0, options.maxAlerts) : group;
    return {
      version: '4',
      groupKey: groupKey(groupLabels),
      truncatedAlerts: group.length - kept.length,
      status: group.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
      receiver: options.receiver,
      groupLabels,
      commonLabels: common(group.map((a) => a.labels)),
      commonAnnotations: common(group.map((a) => a.annotations)),
      externalURL: options.externalUrl,
      alerts: kept.map((a) => ({
        status: a.status,
        labels: a.labels,
        annotations: a.annotations,
        startsAt: new Date(a.startsAtMs).toISOString(),
        endsAt: a.status === 'resolved' && a.endsAtMs !== undefined ? new Date(a.endsAtMs).toISOString() : ZERO_TIME,
        generatorURL: a.generatorURL,
        fingerprint: a.fingerprint,
      })),
    };
  });
}

/** POSTs Alertmanager webhook payloads to a URL. */
export class WebhookNotifier implements Notifier {
  readonly name: string;
  private readonly url: string;
  private readonly options: { receiver: string; groupBy: string[]; externalUrl: string; maxAlerts: number };
  private readonly headers: Record<string, string>;

  constructor(options: WebhookNotifierOptions) {
    this.url = checkUrl('WebhookNotifier: url', options.url);
    this.name = options.name ?? 'webhook';
    const { groupBy = ['alertname'], externalUrl = '', maxAlerts = 0 } = options;
    if (!Array.isArray(groupBy) || groupBy.some((g) => typeof g !== 'string' || !g)) {
      throw new Error(`WebhookNotifier: groupBy must be an array of label names, got ${JSON.stringify(groupBy)}`);
    }
    if (!Number.isInteger(maxAlerts) || maxAlerts < 0) throw new Error(`WebhookNotifier: maxAlerts must be an integer >= 0, got ${maxAlerts}`);
    this.options = { receiver: this.name, groupBy, externalUrl, maxAlerts };
    this.headers = options.headers ?? {};
  }

  async send(alerts: AlertNotification[], signal: AbortSignal): Promise<void> {
    for (const payload of webhookPayloads(alerts, this.options)) await postJson(this.url, payload, { signal, headers: this.headers });
  }
}
