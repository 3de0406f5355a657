// Alertmanager's v2 API: POST /api/v2/alerts with the alerts as Prometheus sends them. Firing
// alerts carry an endsAt in the future and are re-sent before it passes; resolved ones carry
// their resolution time.
import { checkUrl, postJson } from './http.js';
import type { AlertNotification, Notifier } from './types.js';

/** Options of {@link AlertmanagerNotifier}. */
export interface AlertmanagerNotifierOptions {
  /** Base URL of Alertmanager, e.g. `http://127.0.0.1:9093`. */
  url: string;
  /** The receiver label. @defaultValue 'alertmanager' */
  name?: string;
  /** @defaultValue {} */
  headers?: Record<string, string>;
}

/** One alert in Alertmanager's `postableAlert` shape. */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
}

/** The body of `POST /api/v2/alerts` for `alerts`. */
export function alertmanagerPayload(alerts: AlertNotification[]): PostableAlert[] {
  return alerts.map((a) => ({
    labels: a.labels,
    annotations: a.annotations,
    startsAt: new Date(a.startsAtMs).toISOString(),
    endsAt: new Date(a.status === 'resolved' ? (a.endsAtMs ?? a.validUntilMs) : a.validUntilMs).toISOString(),
    generatorURL: a.generatorURL,
  }));
}

/** Sends alerts to an Alertmanager. */
export class AlertmanagerNotifier implements Notifier {
  readonly name: string;
  private readonly endpoint: string;
  private readonly headers: Record<string, string>;

  constructor(options: AlertmanagerNotifierOptions) {
    this.endpoint = `${checkUrl('AlertmanagerNotifier: url', options.url)}/api/v2/alerts`;
    this.name = options.name ?? 'alertmanager';
    this.headers = options.headers ?? {};
  }

  send(alerts: AlertNotification[], signal: AbortSignal): Promise<void> {
    return postJson(this.endpoint, alertmanagerPayload(alerts), { signal, headers: this.headers });
  }
}
