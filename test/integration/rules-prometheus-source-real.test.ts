// PrometheusSource against a real Prometheus (Debian's 2.42) scraping a local gauge: values,
// labels and scalars come back as samples; bad expressions, range results, timeouts and
// unreachable servers raise a QueryError naming the expression.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, test, type TestContext } from 'vitest';
import { PrometheusSource } from '../../src/rules/sources/prometheus.js';
import { QueryError } from '../../src/rules/sources/query-error.js';
import { startDaemon, type Daemon } from '../helpers/daemon.js';
import { freePort } from '../helpers/ports.js';
import { requireTool } from '../helpers/tools.js';

let prom: Daemon | undefined;
let target: http.Server | undefined;
let dir: string | undefined;
let source: PrometheusSource | undefined;

beforeAll(async () => {
  target = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end('# HELP foresight_test_gauge A gauge for the source test.\n# TYPE foresight_test_gauge gauge\nforesight_test_gauge{kind="a"} 42.5\n');
  });
  await new Promise<void>((r) => target!.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await prom?.stop();
  target?.closeAllConnections();
  target?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// Started by the first test that needs it, so a missing binary skips each of those tests visibly.
async function prometheus(t: TestContext): Promise<PrometheusSource | undefined> {
  if (source) return source;
  if (!requireTool(t, 'prometheus')) return undefined;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-prom-'));
  const targetPort = (target!.address() as AddressInfo).port;
  fs.writeFileSync(
    path.join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: gauge\n    static_configs:\n      - targets: ['127.0.0.1:${targetPort}']\n`,
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  prom = await startDaemon(
    'prometheus',
    [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    `${url}/-/ready`,
  );
  source = new PrometheusSource({ url, timeoutMs: 5000 });
  // Wait for the first scrape to land.
  const deadline = Date.now() + 20_000;
  while ((await source.query('foresight_test_gauge', Date.now())).length === 0) {
    if (Date.now() > deadline) throw new Error(`no scrape within 20 s:\n${prom.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return source;
}

test('an instant query returns the scraped gauge with its labels', async (t) => {
  const src = await prometheus(t);
  if (!src) return;
  const samples = await src.query('foresight_test_gauge', Date.now());
  assert.equal(samples.length, 1);
  assert.equal(samples[0]!.value, 42.5);
  assert.deepEqual(samples[0]!.labels, { __name__: 'foresight_test_gauge', instance: `127.0.0.1:${(target!.address() as AddressInfo).port}`, job: 'gauge', kind: 'a' });
  assert.deepEqual(await src.query('foresight_test_gauge > 100', Date.now()), [], 'a comparison that filters everything is an empty vector');
  assert.deepEqual((await src.query('sum by (job) (foresight_test_gauge) * 2', Date.now()))[0], { labels: { job: 'gauge' }, value: 85 });
});

test('scalars become one sample without labels; +Inf and NaN come back as numbers', async (t) => {
  const src = await prometheus(t);
  if (!src) return;
  assert.deepEqual(await src.query('scalar(foresight_test_gauge) / 2', Date.now()), [{ labels: {}, value: 21.25 }]);
  assert.deepEqual(await src.query('1/0', Date.now()), [{ labels: {}, value: Infinity }]);
  assert.ok(Number.isNaN((await src.query('0/0', Date.now()))[0]!.value));
});

test('a bad expression raises a QueryError naming it, with the API message', async (t) => {
  const src = await prometheus(t);
  if (!src) return;
  await assert.rejects(src.query('sum(foresight_test_gauge', Date.now()), (err: unknown) => {
    assert.ok(err instanceof QueryError);
    assert.equal(err.expr, 'sum(foresight_test_gauge');
    assert.equal(err.kind, 'api');
    assert.equal(err.status, 400);
    assert.match(err.message, /^query "sum\(foresight_test_gauge" failed \(api 400\): bad_data: .*parse error/);
    return true;
  });
  await assert.rejects(src.query('foresight_test_gauge[1m]', Date.now()), (err: unknown) => {
    assert.ok(err instanceof QueryError);
    assert.equal(err.kind, 'response');
    assert.match(err.message, /result type "matrix" is not an instant vector or scalar/);
    return true;
  });
});

test('a silent server is a timeout and a closed port a network error, both naming the expression', async () => {
  const hanging = http.createServer(() => undefined);
  await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
  try {
    const slow = new PrometheusSource({ url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`, timeoutMs: 150 });
    await assert.rejects(slow.query('up', 0), (err: unknown) => err instanceof QueryError && err.kind === 'timeout' && /query "up" failed \(timeout\)/.test(err.message));
  } finally {
    hanging.closeAllConnections();
    hanging.close();
  }
  const closed = new PrometheusSource({ url: `http://127.0.0.1:${await freePort()}` });
  await assert.rejects(closed.query('up', 0), (err: unknown) => err instanceof QueryError && err.kind === 'network' && err.expr === 'up');
});

test('options are validated and check() accepts every expression (Prometheus decides)', () => {
  assert.throws(() => new PrometheusSource({ url: 'localhost:9090' }), /url must use http or https|absolute http/);
  assert.throws(() => new PrometheusSource({ url: 'http://x', timeoutMs: 0 }), /timeoutMs must be a positive number, got 0/);
  const src = new PrometheusSource({ url: 'http://127.0.0.1:9090/' });
  assert.equal(src.name, 'prometheus');
  assert.doesNotThrow(() => src.check('histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))'));
});
