// The receiving end of Alertmanager's (and Grafana's) webhook: alerts evaluated elsewhere are
// logged and counted, so they show up in this service's logs and metrics next to its own. It
// changes no state, so it needs no admin token; it may need the credentials Alertmanager's
// http_config sends. What a client sends is bounded before it is kept: one log line per
// request summarising its alerts (not one per alert), and `receiver` as a bounded label.
import { createRoute, z } from '@hono/zod-openapi';
import { logger } from '../../../log/index.js';
import { counter, RULES_METRICS } from '../../../metrics/index.js';
import { success } from '../../envelope.js';
import { BoundedLabel } from '../../bounded-label.js';
import { webhookAuth, type WebhookAuthOptions } from '../../middleware/webhook-auth.js';
import { openApiApp } from '../../openapi/app.js';
import { errors, jsonBody, ok } from '../../openapi/responses.js';

// Alert names listed in one request's log line at most; the rest are counted.
const LOGGED_NAMES = 10;
// One bound for the process, however many apps mount the route: the counter is global too.
const receivers = new BoundedLabel();
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

const payload = z.looseObject({
  version: z.string().optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().default('unknown'),
  alerts: z
    .array(
      z.looseObject({
        status: z.enum(['firing', 'resolved']),
        labels: z.record(z.string(), z.string()),
        annotations: z.record(z.string(), z.string()).default({}),
        startsAt: z.string().optional(),
        endsAt: z.string().optional(),
      }),
    )
    .max(1000),
});

/** `POST alerts/webhook` (Alertmanager webhook payload, version 4), behind `auth` when it names credentials. */
export function alertWebhookRoutes(auth: WebhookAuthOptions = {}) {
  const received = counter(RULES_METRICS.alertsReceived);
  const secured = Boolean(auth.token || auth.basic);
  const receive = createRoute({
    method: 'post',
    path: '/alerts/webhook',
    summary: "Receive alerts from Alertmanager's or Grafana's webhook (payload version 4); logged and counted",
    description: 'With ALERT_RECEIVER_TOKEN or ALERT_RECEIVER_BASIC_AUTH set, the request needs those credentials (Alertmanager http_config: authorization or basic_auth).',
    middleware: [webhookAuth(auth)] as const,
    request: { body: jsonBody(payload) },
    responses: {
      200: ok('how many alerts were received'),
      ...errors(...(secured ? (['UNAUTHORIZED'] as const) : []), 'VALIDATION_FAILED', 'INVALID_JSON', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'),
    },
  });
  return openApiApp().openapi(receive, (c) => {
    const body = c.req.valid('json');
    const receiver = receivers.value(body.receiver);
    const names = new Map<string, number>();
    let firing = 0;
    for (const alert of body.alerts) {
      if (alert.status === 'firing') firing++;
      const name = cut(alert.labels.alertname ?? '(unnamed)', 100);
      names.set(name, (names.get(name) ?? 0) + 1);
    }
    if (firing) received.add(firing, { receiver, status: 'firing' });
    if (body.alerts.length - firing) received.add(body.alerts.length - firing, { receiver, status: 'resolved' });
    const listed = Object.fromEntries([...names].slice(0, LOGGED_NAMES));
    const level = firing ? 'warn' : 'info';
    logger()[level](
      { receiver: cut(body.receiver, 100), status: body.status, alerts: body.alerts.length, firing, resolved: body.alerts.length - firing, alertnames: listed, more_alertnames: Math.max(0, names.size - LOGGED_NAMES) },
      `${body.alerts.length} alert(s) received from ${cut(body.receiver, 100)}: ${firing} firing, ${body.alerts.length - firing} resolved`,
    );
    return success(c, { received: body.alerts.length });
  });
}
