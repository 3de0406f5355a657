// Payload shapes receivers rely on: Alertmanager's postable alerts, its webhook format (version
// "4") and Slack's incoming-webhook message with severity colours; option validation.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { alertmanagerPayload, AlertmanagerNotifier } from '../../src/rules/notify/alertmanager.js';
import { SLACK_COLORS, slackPayload, SlackNotifier } from '../../src/rules/notify/slack.js';
import type { AlertNotification } from '../../src/rules/notify/types.js';
import { webhookPayloads, WebhookNotifier } from '../../src/rules/notify/webhook.js';
import { backoffDelay } from '../../src/rules/notify/backoff.js';

const T0 = Date.parse('2025-01-20T10:00:00Z');

function alert(over: Partial<AlertNotification> & { labels: Record<string, string> }): AlertNotification {
  return {
    id: '1', fingerprint: 'f'.repeat(40), status: 'firing', annotations: { summary: 'p99 high', description: 'p99 is 0.3 s' },
    startsAtMs: T0, validUntilMs: T0 + 20 * 60_000, generatorURL: 'http://localhost:8080/api/v1/performance/alerts?alertname=X', value: 0.3,
    ...over,
  };
}

const latencyA = alert({ id: '1', labels: { alertname: 'HighLatency', severity: 'critical', endpoint: '/a', team: 'fx' } });
const latencyB = alert({ id: '2', fingerprint: 'e'.repeat(40), labels: { alertname: 'HighLatency', severity: 'critical', endpoint: '/b', team: 'fx' }, annotations: { summary: 'p99 high' } });
const cacheResolved = alert({ id: '3', status: 'resolved', endsAtMs: T0 + 60_000, labels: { alertname: 'CacheHitRateLow', severity: 'warning' } });

test('Alertmanager v2: labels, annotations, startsAt, endsAt (future while firing, resolution time once resolved), generatorURL', () => {
  const [firing, resolved] = alertmanagerPayload([latencyA, cacheResolved]);
  assert.deepEqual(Object.keys(firing!).sort(), ['annotations', 'endsAt', 'generatorURL', 'labels', 'startsAt']);
  assert.equal(firing!.startsAt, '2025-01-20T10:00:00.000Z');
  assert.equal(firing!.endsAt, '2025-01-20T10:20:00.000Z');
  assert.equal(resolved!.endsAt, '2025-01-20T10:01:00.000Z');
  assert.equal(firing!.generatorURL, latencyA.generatorURL);
});

test('webhook: Alertmanager format v4, one payload per alertname group, common labels and annotations', () => {
  const payloads = webhookPayloads([latencyA, latencyB, cacheResolved], { receiver: 'ops', groupBy: ['alertname'], externalUrl: 'http://fx:8080', maxAlerts: 0 });
  assert.equal(payloads.length, 2);
  const [latency, cache] = payloads;
  assert.deepEqual(Object.keys(latency!).sort(), [
    'alerts', 'commonAnnotations', 'commonLabels', 'externalURL', 'groupKey', 'groupLabels', 'receiver', 'status', 'truncatedAlerts', 'version',
  ]);
  assert.equal(latency!.version, '4');
  assert.equal(latency!.status, 'firing');
  assert.equal(latency!.receiver, 'ops');
  assert.equal(latency!.groupKey, '{}:{alertname="HighLatency"}');
  assert.deepEqual(latency!.groupLabels, { alertname: 'HighLatency' });
  assert.deepEqual(latency!.commonLabels, { alertname: 'HighLatency', severity: 'critical', team: 'fx' });
  assert.deepEqual(latency!.commonAnnotations, { summary: 'p99 high' });
  assert.equal(latency!.externalURL, 'http://fx:8080');
  assert.equal(latency!.alerts.length, 2);
  assert.deepEqual(Object.keys(latency!.alerts[0]!).sort(), ['annotations', 'endsAt', 'fingerprint', 'generatorURL', 'labels', 'startsAt', 'status']);
  assert.equal(latency!.alerts[0]!.endsAt, '0001-01-01T00:00:00Z', 'a firing alert has Go zero time as endsAt, as Alertmanager sends');
  assert.equal(cache!.status, 'resolved');
  assert.equal(cache!.alerts[0]!.endsAt, '2025-01-20T10:01:00.000Z');
});

test('webhook: maxAlerts truncates and counts the rest in truncatedAlerts', () => {
  const [p] = webhookPayloads([latencyA, latencyB], { receiver: 'r', groupBy: ['alertname'], externalUrl: '', maxAlerts: 1 });
  assert.equal(p!.alerts.length, 1);
  assert.equal(p!.truncatedAlerts, 1);
});

test('Slack: text line, header block, one attachment per alert coloured by severity, green once resolved', () => {
  const warning = alert({ labels: { alertname: 'QueueLong', severity: 'warning' } });
  const p = slackPayload([latencyA, warning, cacheResolved], { channel: '#ops', username: 'foresight' });
  assert.equal(p.text, '[FIRING:2] HighLatency, QueueLong, CacheHitRateLow');
  assert.equal(p.channel, '#ops');
  assert.equal(p.username, 'foresight');
  assert.equal((p.blocks[0] as { type: string }).type, 'section');
  assert.deepEqual(p.attachments.map((a) => a.color), [SLACK_COLORS.critical, SLACK_COLORS.warning, SLACK_COLORS.resolved]);
  const first = p.attachments[0]!;
  assert.match(first.title, /p99 high/);
  assert.equal(first.text, 'p99 is 0.3 s');
  assert.deepEqual(first.fields.map((f) => f.title), ['Severity', 'Value', 'Labels']);
  assert.equal(first.fields[2]!.value, 'endpoint=/a, team=fx');
  assert.equal(first.ts, T0 / 1000);
  assert.match(first.fallback, /^FIRING critical: p99 high$/);
  assert.equal(slackPayload([cacheResolved]).text, '[RESOLVED] CacheHitRateLow');
  const many = slackPayload(Array.from({ length: 25 }, (_, i) => alert({ id: String(i), labels: { alertname: 'X', severity: 'info' } })));
  assert.equal(many.attachments.length, 20);
  assert.match(many.text, /\(\+5 more\)$/);
});

test('notifier options are validated with precise messages', () => {
  assert.throws(() => new AlertmanagerNotifier({ url: 'not a url' }), /AlertmanagerNotifier: url must be an absolute URL/);
  assert.throws(() => new WebhookNotifier({ url: 'ftp://x' }), /WebhookNotifier: url must use http or https/);
  assert.throws(() => new WebhookNotifier({ url: 'http://x', groupBy: [''] }), /groupBy must be an array of label names/);
  assert.throws(() => new WebhookNotifier({ url: 'http://x', maxAlerts: -1 }), /maxAlerts must be an integer >= 0/);
  assert.throws(() => new SlackNotifier({ url: 'http://x', maxAttachments: 0 }), /maxAttachments must be an integer >= 1/);
  assert.equal(new AlertmanagerNotifier({ url: 'http://am:9093/' }).name, 'alertmanager');
});

test('backoff: exponential, capped, jittered within [d/2, d]', () => {
  const opts = { baseMs: 100, maxMs: 1000, factor: 2 };
  assert.equal(backoffDelay(0, opts, () => 0), 50);
  assert.equal(backoffDelay(0, opts, () => 1), 100);
  assert.equal(backoffDelay(3, opts, () => 1), 800);
  assert.equal(backoffDelay(10, opts, () => 1), 1000, 'capped at maxMs');
  assert.equal(backoffDelay(10, opts, () => 0), 500);
});
