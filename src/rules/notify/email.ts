// Email (seed 003: "critical alerts sent to administrators") through nodemailer over SMTP: one
// plain-text message per notification batch, subject like Alertmanager's, only the severities
// configured. An SMTP 5xx answer (a refused recipient or login) is final; anything else is retried.
import { createTransport, type Transporter } from 'nodemailer';
import { formatValue } from '../engine/humanize.js';
import { NotifyError, type AlertNotification, type Notifier } from './types.js';

/** Options of {@link EmailNotifier}. */
export interface EmailNotifierOptions {
  /** `smtp://` or `smtps://` URL, with credentials if the server needs them. */
  smtpUrl: string;
  from: string;
  to: string[];
  /** Severities sent (firing and resolved); others are left to the other receivers. @defaultValue ['critical'] */
  severities?: string[];
  /** The receiver label. @defaultValue 'email' */
  name?: string;
  /** Connection, greeting and socket timeout. @defaultValue 10000 */
  timeoutMs?: number;
}

/** The subject and text of the message announcing `alerts`. */
export function emailMessage(alerts: AlertNotification[]): { subject: string; text: string } {
  const firing = alerts.filter((a) => a.status === 'firing').length;
  const names = [...new Set(alerts.map((a) => a.labels.alertname ?? 'alert'))].join(', ');
  const subject = firing ? `[FIRING:${firing}] ${names}` : `[RESOLVED] ${names}`;
  const blocks = alerts.map((a) => {
    const labels = Object.entries(a.labels).map(([k, v]) => `  ${k}=${v}`);
    const at = new Date(a.status === 'resolved' ? (a.endsAtMs ?? a.startsAtMs) : a.startsAtMs).toISOString();
    return [
      `${a.status === 'firing' ? 'FIRING' : 'RESOLVED'} ${a.labels.severity ?? ''}: ${a.annotations.summary ?? a.labels.alertname ?? 'alert'}`.replace(/ {2,}/g, ' '),
      ...(a.annotations.description ? [a.annotations.description] : []),
      `Value: ${formatValue(a.value)}`,
      `${a.status === 'firing' ? 'Since' : 'Resolved at'}: ${at}`,
      'Labels:',
      ...labels,
      ...(a.annotations.runbook ? [`Runbook: ${a.annotations.runbook}`] : []),
      `Source: ${a.generatorURL}`,
    ].join('\n');
  });
  return { subject, text: `${blocks.join('\n\n')}\n` };
}

/** Sends alerts by email. */
export class EmailNotifier implements Notifier {
  readonly name: string;
  readonly #transport: Transporter;
  readonly #from: string;
  readonly #to: string[];
  readonly #severities: Set<string>;

  constructor(options: EmailNotifierOptions) {
    let url: URL;
    try {
      url = new URL(options.smtpUrl);
    } catch {
      throw new Error('EmailNotifier: smtpUrl must be an smtp:// or smtps:// URL');
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`EmailNotifier: smtpUrl must use smtp or smtps, got ${url.protocol}`);
    if (!Array.isArray(options.to) || options.to.length === 0 || options.to.some((t) => typeof t !== 'string' || !t.includes('@'))) {
      throw new Error(`EmailNotifier: to must list at least one address, got ${JSON.stringify(options.to)}`);
    }
    if (typeof options.from !== 'string' || !options.from.includes('@')) throw new Error(`EmailNotifier: from must be an address, got ${JSON.stringify(options.from)}`);
    const { severities = ['critical'], timeoutMs = 10_000 } = options;
    if (!Array.isArray(severities) || severities.length === 0) throw new Error('EmailNotifier: severities must name at least one severity');
    this.name = options.name ?? 'email';
    this.#from = options.from;
    this.#to = options.to;
    this.#severities = new Set(severities);
    this.#transport = createTransport({ url: options.smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  }

  async send(alerts: AlertNotification[], signal: AbortSignal): Promise<void> {
    const chosen = alerts.filter((a) => this.#severities.has(a.labels.severity ?? ''));
    if (!chosen.length) return;
    const { subject, text } = emailMessage(chosen);
    const sending = this.#transport.sendMail({ from: this.#from, to: this.#to, subject, text });
    // nodemailer takes no AbortSignal: an abort stops the wait (the queue retries or gives up).
    const aborted = new Promise<never>((_, reject) => {
      const stop = () => reject(new NotifyError(`SMTP: aborted (${String((signal.reason as Error | undefined)?.message ?? signal.reason)})`, true));
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
    });
    try {
      await Promise.race([sending, aborted]);
    } catch (err) {
      if (err instanceof NotifyError) throw err;
      const code = (err as { responseCode?: number }).responseCode;
      // 5xx: the server refused for good (recipient, sender, authentication); 4xx and no answer may pass later.
      throw new NotifyError(`SMTP: ${(err as Error).message}`, !(code !== undefined && code >= 500), code, { cause: err });
    } finally {
      sending.catch(() => {}); // an abandoned send may still fail later
    }
  }

  /** Closes pooled SMTP connections. */
  close(): void {
    this.#transport.close();
  }
}
