// The package's public API as a user reaches it: `import … from 'foresight'` (the package's own
// name, resolved through package.json "exports" as it is for an installed copy), exactly the
// documented names, and each part doing its job: a trace kept in the store, rules run against
// an app's /metrics, the same rules exported for Prometheus.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import * as foresight from 'foresight';
import { exportPrometheus, loadRuleFiles, renderTraceTable, startRules, TraceStore } from 'foresight';
import { packageRoot } from '../../src/db/package-root.js';

const root = packageRoot(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { exports: Record<string, { types: string; default: string }> };

const PUBLIC = [
  'EmbeddedSource',
  'PrometheusSource',
  'RuleFileWatcher',
  'RulesService',
  'Scraper',
  'SeriesStore',
  'TraceStore',
  'exportGrafana',
  'exportPrometheus',
  'loadRuleFiles',
  'renderTraceTable',
  'renderWaterfall',
  'startAgent',
  'startRules',
];

test('"exports" "." names files the build emits, and the import by name loads them', async () => {
  const entry = pkg.exports['.']!;
  for (const file of [entry.default, entry.types]) assert.ok(fs.existsSync(path.join(root, file)), `${file} does not exist`);
  assert.equal(await import(path.join(root, entry.default)), foresight);
});

test('the package exports exactly the documented API, each name in the README', () => {
  assert.deepEqual(Object.keys(foresight).sort(), PUBLIC);
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use it as a library'));
  assert.ok(section.length < readme.length, 'README has no "## Use it as a library" section');
  for (const name of PUBLIC) assert.match(section, new RegExp(`\\b${name}\\b`), `README does not document ${name}`);
});

test('TraceStore keeps the traces of a tracer provider and renders them', async () => {
  const store = new TraceStore({ slowThresholdMs: 1 });
  const provider = new BasicTracerProvider({ spanProcessors: [store] });
  const span = provider.getTracer('t').startSpan('GET /users/:id', { attributes: { 'http.route': '/users/:id' } });
  await new Promise((r) => setTimeout(r, 5));
  span.end();
  const [summary] = store.list({ limit: 5 });
  assert.equal(summary?.traceId, span.spanContext().traceId);
  assert.match(renderTraceTable(store.list({ limit: 5 })), new RegExp(span.spanContext().traceId.slice(0, 8)));
  await provider.shutdown();
});

test('startRules evaluates a rule directory against an app it scrapes; exportPrometheus writes the same rules', async (t) => {
  const app = createServer((_req, res) => res.end('# TYPE queue_depth gauge\nqueue_depth 42\n'));
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  t.onTestFinished(() => {
    app.close();
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'public-api-'));
  t.onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(
    path.join(dir, 'app.yaml'),
    'version: "1"\ngroups:\n  - name: app\n    rules:\n      - alert: QueueDeep\n        severity: warning\n        expr: queue_depth > 10\n        annotations:\n          summary: queue holds {{ $value }}\n',
  );

  const loaded = await loadRuleFiles(dir);
  assert.ok(loaded.ok);
  assert.match(exportPrometheus(loaded.ruleSet)['foresight-rules.yml'] ?? '', /alert: QueueDeep/);

  const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/metrics`;
  const rules = await startRules({
    dir,
    source: { kind: 'embedded', targets: [{ url, job: 'shop' }], intervalMs: 60_000 },
    notify: {},
    dedupWindowMs: 60_000,
    externalUrl: 'http://127.0.0.1:8080',
  });
  t.onTestFinished(() => rules.close());
  // The first scrape starts with the runtime; evaluate once it is in.
  for (let i = 0; i < 100 && rules.targets()[0]?.health !== 'up'; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(rules.targets()[0]?.health, 'up');
  await rules.service.evaluateOnce();
  const [alert] = await rules.facade.alerts({});
  assert.equal(alert?.alertname, 'QueueDeep');
  assert.equal(alert?.labels.job, 'shop');
  assert.equal(alert?.message, 'queue holds 42');
});
