// The per-route RED view of the agent's telemetry port: quantiles estimated from histogram
// buckets as Prometheus' histogram_quantile does, rates and 5xx shares over the last minute
// from a ring of snapshots, the history points, and `GET /api/v1/routes` in the envelope.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { routesHandler } from '../../src/agent/port-routes.js';
import { histogramQuantile } from '../../src/agent/quantile.js';
import { RouteWindow } from '../../src/agent/route-window.js';
import { latencyBuckets, RedMetrics } from '../../src/telemetry/http-server/red.js';
import { openTelemetryPort } from '../../src/telemetry/port.js';

test('histogram_quantile: linear inside the bucket the rank falls in', () => {
  const bounds = [0.01, 0.025, 0.05, 0.1];
  const counts = [50, 30, 15, 5, 0];
  assert.equal(histogramQuantile(0.5, bounds, counts), 0.01);
  assert.ok(Math.abs(histogramQuantile(0.9, bounds, counts)! - (0.025 + 0.025 * (10 / 15))) < 1e-12);
  assert.ok(Math.abs(histogramQuantile(0.95, bounds, counts)! - 0.05) < 1e-12);
  assert.ok(Math.abs(histogramQuantile(0.99, bounds, counts)! - (0.05 + 0.05 * (4 / 5))) < 1e-12);
  // One bucket: from its lower bound to its upper bound.
  assert.equal(histogramQuantile(0.5, [1, 2, 4], [0, 10, 0, 0]), 1.5);
  assert.equal(histogramQuantile(1, [1, 2, 4], [0, 10, 0, 0]), 2);
  assert.equal(histogramQuantile(0, [1, 2, 4], [0, 10, 0, 0]), 1, 'q=0: the lower bound of the first non-empty bucket');
});

test('histogram_quantile: the first bucket starts at 0, the open top bucket answers the highest bound', () => {
  assert.equal(histogramQuantile(0.5, [0.1], [4, 0]), 0.05);
  assert.equal(histogramQuantile(0.5, [1, 2], [0, 0, 5]), 2);
  assert.equal(histogramQuantile(0.99, [1, 2], [99, 0, 1]), 1, 'rank 99 of 100 lies in the first bucket');
  assert.equal(histogramQuantile(0.995, [1, 2], [99, 0, 1]), 2, 'rank 99.5 lies above every bound');
});

test('histogram_quantile: no observations give null; a bad quantile or bucket count is rejected', () => {
  assert.equal(histogramQuantile(0.5, [1, 2], [0, 0, 0]), null);
  assert.throws(() => histogramQuantile(1.5, [1], [1, 0]), /quantile must be within \[0, 1\], got 1.5/);
  assert.throws(() => histogramQuantile(Number.NaN, [1], [1, 0]), /quantile must be within/);
  assert.throws(() => histogramQuantile(0.5, [1, 2], [1, 0]), /expected 3 bucket counts \(one above the last bound\), got 2/);
});

/** A RouteWindow over a real RedMetrics on a clock the test moves. */
function rig(options: { keep?: number } = {}) {
  let t = 1_700_000_000_000;
  const red = new RedMetrics();
  const window = new RouteWindow(() => red.read(), { bounds: latencyBuckets, now: () => t, ...options });
  /** `seconds` of traffic: each 5 s, `perStep` calls of `send`, then a snapshot. */
  const run = (seconds: number, send: () => void, perStep: number) => {
    for (let s = 0; s < seconds; s += 5) {
      for (let i = 0; i < perStep; i++) send();
      t += 5000;
      window.snapshot();
    }
  };
  return { red, window, run, advance: (ms: number) => (t += ms) };
}

test('rates and 5xx shares cover the last minute; a younger process its whole life', () => {
  const { red, window, run } = rig();
  const users = () => red.record('/users/:id', 'GET', 200, 0.02);
  const both = () => {
    users();
    users();
    users();
    red.record('/fail', 'GET', 500, 0.004);
    red.record('/fail', 'GET', 200, 0.004);
  };
  run(10, both, 5);
  let v = window.view();
  assert.equal(v.window_seconds, 10, 'younger than the window: since start');
  assert.equal(v.routes[0]!.endpoint, '/users/:id', 'busiest first');
  assert.equal(v.routes[0]!.request_rate, 3);
  assert.equal(v.routes[1]!.request_rate, 2);

  run(80, both, 5);
  v = window.view();
  assert.equal(v.window_seconds, 60);
  const fail = v.routes.find((r) => r.endpoint === '/fail')!;
  assert.equal(fail.method, 'GET');
  assert.equal(fail.request_rate, 2, '10 per 5 s, statuses summed into one route');
  assert.equal(fail.error_rate, 50, 'percent of the window answered 5xx');
  assert.equal(fail.requests, 90 * 2);
  assert.equal(fail.errors, 90);
  assert.equal(v.overall.request_rate, 5);
  assert.equal(v.overall.error_rate, 20);
  assert.equal(v.count, 2);
});

test('quantiles of the window come from the difference of the buckets', () => {
  const { red, window, run } = rig();
  // A slow first minute, then a fast one: the window sees only the fast one.
  run(60, () => red.record('/report', 'POST', 201, 0.4), 10);
  run(60, () => red.record('/report', 'POST', 201, 0.02), 10);
  const r = window.view().routes[0]!;
  // Every request in (0.01, 0.025]: p50 halfway, p95 and p99 near the top.
  assert.equal(r.latency_p50_ms, 17.5);
  assert.equal(r.latency_p95_ms, 24.25);
  assert.equal(r.latency_p99_ms, 24.85);
  assert.equal(r.error_rate, 0);
  assert.equal(r.mean_ms, 210, 'the mean is lifetime');
});

test('an idle route keeps its totals; its rate falls to 0 and its quantiles to null', () => {
  const { red, window, run, advance } = rig();
  run(10, () => red.record('/users/:id', 'GET', 200, 0.02), 3);
  advance(61_000);
  window.snapshot();
  const r = window.view().routes[0]!;
  assert.equal(r.request_rate, 0);
  assert.equal(r.latency_p95_ms, null);
  assert.equal(r.error_rate, null);
  assert.equal(r.requests, 6);
});

test('history: one point per interval, at most keep - 1; limit keeps the busiest routes', () => {
  const { red, window, run } = rig({ keep: 5 });
  run(30, () => {
    red.record('/a', 'GET', 200, 0.002);
    red.record('/a', 'GET', 200, 0.002);
    red.record('/b', 'GET', 200, 0.002);
  }, 5);
  const v = window.view(1);
  assert.equal(v.routes.length, 1);
  assert.equal(v.count, 2);
  const h = v.routes[0]!.history;
  assert.equal(h.length, 4);
  assert.deepEqual(h.map((p) => p.request_rate), [2, 2, 2, 2]);
  assert.ok(Date.parse(h[1]!.timestamp) - Date.parse(h[0]!.timestamp) === 5000);
  assert.equal(v.overall.history.at(-1)!.request_rate, 3);
  assert.equal(v.interval_seconds, 5);
});

test('RouteWindow rejects invalid options with a precise message', () => {
  const read = () => [];
  assert.throws(() => new RouteWindow(read, { bounds: latencyBuckets, intervalMs: 10 }), /intervalMs must be at least 100, got 10/);
  assert.throws(() => new RouteWindow(read, { bounds: latencyBuckets, windowMs: 1000 }), /windowMs must be at least intervalMs \(5000\), got 1000/);
  assert.throws(() => new RouteWindow(read, { bounds: latencyBuckets, keep: 1 }), /keep must be an integer of at least 2, got 1/);
});

test('GET /api/v1/routes on a telemetry port: the envelope, and 400 for a bad limit', async (t) => {
  const red = new RedMetrics();
  const port = await openTelemetryPort('127.0.0.1', 0, undefined);
  t.onTestFinished(() => port.close());
  port.mount(routesHandler(new RouteWindow(() => red.read(), { bounds: latencyBuckets })));
  // After the window's first snapshot, as in the agent (it starts before the app serves).
  red.record('/users/:id', 'GET', 200, 0.01);
  const base = `http://127.0.0.1:${port.port}/api/v1/routes`;
  const ok = await fetch(base);
  assert.equal(ok.status, 200);
  const body = (await ok.json()) as any;
  assert.equal(body.status, 'success');
  assert.equal(body.data.routes[0].endpoint, '/users/:id');
  assert.equal(body.data.routes[0].requests, 1);
  assert.ok(body.data.routes[0].request_rate > 0);
  const bad = await fetch(`${base}?limit=0`);
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as any).error.code, 'VALIDATION_FAILED');
  assert.equal((await fetch(`${base}?nope=1`)).status, 400);
});
