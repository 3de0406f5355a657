// The receiving end of Alertmanager's (and Grafana's) webhook: alerts evaluated elsewhere are
// logged with their labels and counted, so they show up in this service's logs and metrics
// next to its own. It changes no state, so it needs no admin token.
import { createRoute, z } from '@hono/zod-openapi';
import { metrics } from '@opentelemetry/api';
import { logger } from '../../../log/index.js';
import { success } from '../../envelope.js';
import { openApiApp } from '../../openapi/app.js';
import { errors, jsonBody, ok } from '../../openapi/responses.js';

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

const receive = createRoute({
  method: 'post',
  path: '/alerts/webhook',
  summary: "Receive alerts from Alertmanager's or Grafana's webhook (payload version 4); logged and counted",
  request: { body: jsonBody(payload) },
  responses: { 200: ok('how many alerts were received'), ...errors('VALIDATION_FAILED', 'INVALID_JSON', 'UNSUPPORTED_MEDIA_TYPE') },
});

/** `POST alerts/webhook` (Alertmanager webhook payload, version 4) */
export function alertWebhookRoutes() {
  const received = metrics.getMeter('foresight').createCounter('alerts_received_total', {
    description: 'Alerts received on the Alertmanager webhook, by receiver and status',
  });
  return openApiApp().openapi(receive, (c) => {
    const body = c.req.valid('json');
    for (const alert of body.alerts) {
      received.add(1, { receiver: body.receiver, status: alert.status });
      logger().warn(
        { alertname: alert.labels.alertname, status: alert.status, labels: alert.labels, receiver: body.receiver },
        alert.annotations.summary ?? `alert ${alert.labels.alertname ?? '(unnamed)'} ${alert.status}`,
      );
    }
    return success(c, { received: body.alerts.length });
  });
}
