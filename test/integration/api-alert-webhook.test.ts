// The alert webhook as a hostile client meets it: credentials when configured (bearer and
// basic, as Alertmanager's http_config sends them), a bounded `receiver` label however many
// distinct or huge values arrive, one summarising log line per request however many alerts it
// carries, and the body limit.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'vitest';
import { metrics } from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import pino from 'pino';
import { createRulesApp } from '../../src/api/index.js';
import { setLogger } from '../../src/log/index.js';
import { inactiveRulesFacade } from '../../src/rules/runtime/inactive.js';

// A reader to collect from on demand, installed before the webhook's counter is made.
class TestReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}
const reader = new TestReader();
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));

const lines: string[] = [];
setLogger(pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) })));

const MAX_BODY = 65_536;
const app = (webhookAuth = {}, maxBodyBytes = MAX_BODY) =>
  createRulesApp({ rules: inactiveRulesFacade(), readiness: () => Promise.resolve({ ready: true, components: {} }), adminToken: undefined, maxBodyBytes, webhookAuth });

const alert = (name: string, status = 'firing') => ({ status, labels: { alertname: name, severity: 'warning' }, annotations: { summary: `${name} is bad` } });
const post = (a: ReturnType<typeof app>, body: unknown, headers: Record<string, string> = {}) =>
  a.request('/api/v1/performance/alerts/webhook', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function receivedSeries(): Promise<Array<Record<string, unknown>>> {
  const { resourceMetrics } = await reader.collect();
  const metric = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === 'alerts_received_total');
  return metric?.dataPoints.map((p) => ({ ...p.attributes })) ?? [];
}

test('webhook credentials: bearer or basic when configured, 401 naming the variable otherwise', async () => {
  const body = { version: '4', status: 'firing', receiver: 'ops', alerts: [alert('A')] };
  const bearer = app({ token: 's3cret' });
  assert.equal((await post(bearer, body)).status, 401);
  const wrong = await post(bearer, body, { authorization: 'Bearer guess' });
  assert.equal(wrong.status, 401);
  assert.match(((await wrong.json()) as any).error.message, /ALERT_RECEIVER_TOKEN/);
  assert.equal(wrong.headers.get('www-authenticate'), 'Bearer');
  assert.equal((await post(bearer, body, { authorization: 'Bearer s3cret' })).status, 200);

  const basic = app({ basic: 'am:pa:ss' });
  const creds = (s: string) => ({ authorization: `Basic ${Buffer.from(s).toString('base64')}` });
  assert.equal((await post(basic, body, creds('am:nope'))).status, 401);
  assert.equal((await post(basic, body, { authorization: 'Bearer am:pa:ss' })).status, 401, 'a basic secret is not a bearer token');
  assert.equal((await post(basic, body, creds('am:pa:ss'))).status, 200);
  assert.equal((await post(app(), body)).status, 200, 'open when no credentials are configured');
  assert.throws(() => app({ basic: 'no-colon' }), /user:password/);
});

test('1,000 distinct receivers and a 60 KB receiver add at most 21 receiver values; one log line per request', async () => {
  const open = app();
  lines.length = 0;
  for (let i = 0; i < 1000; i++) assert.equal((await post(open, { status: 'firing', receiver: `r-${i}`, alerts: [alert('A')] })).status, 200);
  assert.equal((await post(open, { status: 'firing', receiver: 'x'.repeat(60_000), alerts: [alert('A')] })).status, 200);
  const receivers = new Set((await receivedSeries()).map((a) => a.receiver as string));
  assert.ok(receivers.size <= 21, `${receivers.size} receiver values`);
  assert.ok(receivers.has('other'));
  assert.ok([...receivers].every((r) => r.length <= 64), 'long values are cut');
  assert.equal(lines.length, 1001, 'one line per request');
  assert.ok(lines.every((l) => l.length < 2000), 'a line never carries a 60 KB value');

  // 10 requests of 1,000 alerts each (100 KB: a larger MAX_BODY_BYTES): 10 lines, each a summary.
  const roomy = app({}, 1 << 20);
  lines.length = 0;
  const many = Array.from({ length: 1000 }, (_, i) => alert(`Alert${i % 50}`, i % 4 ? 'firing' : 'resolved'));
  for (let i = 0; i < 10; i++) assert.equal((await post(roomy, { status: 'firing', receiver: 'ops', alerts: many })).status, 200);
  assert.equal(lines.length, 10);
  const line = JSON.parse(lines[0]!);
  assert.deepEqual([line.alerts, line.firing, line.resolved, Object.keys(line.alertnames).length, line.more_alertnames], [1000, 750, 250, 10, 40]);
});

test('a body over MAX_BODY_BYTES is 413 on the webhook', async () => {
  const res = await post(app(), { status: 'firing', receiver: 'ops', alerts: [alert('A')], pad: 'x'.repeat(MAX_BODY) });
  assert.equal(res.status, 413);
  assert.equal(((await res.json()) as any).error.code, 'PAYLOAD_TOO_LARGE');
});
