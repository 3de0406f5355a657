// What the engine hands to receivers: one alert as notified, and the receiver interface.
import type { Labels } from '../types.js';

/** One alert in a notification. */
export interface AlertNotification {
  /** The alert's id in the rules service. */
  id: string;
  fingerprint: string;
  status: 'firing' | 'resolved';
  labels: Labels;
  /** Annotations as expanded at send time. */
  annotations: Labels;
  startsAtMs: number;
  /** Resolution time of a resolved alert. */
  endsAtMs?: number;
  /**
   * Until when a firing alert counts as firing without a repeat send: Alertmanager resolves an
   * alert whose endsAt passes, so a dead evaluator's alerts do not fire for ever.
   */
  validUntilMs: number;
  generatorURL: string;
  value: number;
}

/** A receiver. `send` throws a {@link NotifyError} (or any error) when the receiver did not take the alerts. */
export interface Notifier {
  /** The `receiver` label of `rules_notifications_total`; unique within a service. */
  readonly name: string;
  send(alerts: AlertNotification[], signal: AbortSignal): Promise<void>;
}

/** A failed delivery; `retryable` is false when sending the same payload again cannot succeed (4xx). */
export class NotifyError extends Error {
  override readonly name = 'NotifyError';

  constructor(message: string, readonly retryable: boolean, readonly status?: number, options?: { cause?: unknown }) {
    super(message, options);
  }
}
