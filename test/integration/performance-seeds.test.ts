// Seed 002's and seed 003's performance API as a user of either seed calls it, on the embedded
// defaults: the current metrics live from the first request, summary = health and
// cache/statistics = cache/stats, both spellings of thresholds and batch config, preload warming
// the most requested forecasts, silences (performance API and Alertmanager form), and one log
// line per request in seed 000's shape.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import { closeLogFile, createLogger, logger, setLogger } from '../../src/log/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { call, startInProcess } from '../helpers/in-process.js';

const TOKEN = 'seeds-admin';
const admin = { authorization: `Bearer ${TOKEN}` };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
let server: RunningServer;
let cities: string[];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-seeds-'));
const logFile = path.join(dir, 'api.log');
const quiet = logger();
const log = createLogger({ file: logFile, level: 'info', service: 'energy_forecast' });

beforeAll(async () => {
  setLogger(log);
  // Snapshots off: the live figures must not need them.
  server = await startInProcess({ ADMIN_TOKEN: TOKEN, PERFORMANCE_MONITORING_ENABLED: 'false', PERFORMANCE_MONITORING_INTERVAL: '100' });
  cities = (await call(server.url, '/api/v1/cities')).body.data.cities.map((c: { slug: string }) => c.slug);
});
afterAll(async () => {
  await server?.close();
  setLogger(quiet);
  await closeLogFile(log).catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
});

test('GET metrics: seed 002 shape, prediction latency from the first requests', async () => {
  for (let i = 0; i < 6; i++) await call(server.url, `/api/v1/forecast/${cities[i % 3]}/${day(0)}`);
  const { status, body } = await call(server.url, '/api/v1/performance/metrics');
  assert.equal(status, 200);
  const d = body.data;
  const l = d.predictionLatency;
  assert.ok(l, 'prediction latency right after the first forecasts, no monitor interval needed');
  assert.ok(l.min <= l.p50 && l.p50 <= l.p95 && l.p95 <= l.p99 && l.p99 <= l.max && l.min <= l.avg && l.avg <= l.max, JSON.stringify(l));
  assert.equal(d.predictionRequests.count, 6);
  for (const k of ['hitRate', 'missRate', 'evictionRate', 'memoryUsage', 'activeModels']) assert.equal(typeof d.cacheMetrics[k], 'number', k);
  assert.equal(d.cacheMetrics.hitRate, 50, '3 misses then 3 hits');
  for (const k of ['averageBatchSize', 'batchingEfficiency', 'averageWaitTime', 'queueSize']) assert.equal(typeof d.batchMetrics[k], 'number', k);
  for (const k of ['cpuUsage', 'memoryUsage', 'heapUsage']) assert.equal(typeof d.systemMetrics[k], 'number', k);
  assert.equal(d.systemMetrics.loadAverage.length, 3);
  assert.ok(d.databaseMetrics.connectionCount >= 1);
  assert.deepEqual(Object.keys(d.errorMetrics).sort(), ['modelLoadErrors', 'predictionErrors', 'totalErrors', 'trainingErrors']);
  assert.ok(d.requests.rate > 0, 'live req/s');
});

test('aliases answer from one implementation: summary = health, cache/statistics = cache/stats', async () => {
  const [health, summary] = await Promise.all([call(server.url, '/api/v1/performance/health'), call(server.url, '/api/v1/performance/summary')]);
  assert.equal(summary.status, 200);
  assert.deepEqual(Object.keys(summary.body.data).sort(), Object.keys(health.body.data).sort());
  assert.equal(summary.body.data.health_score, health.body.data.health_score);
  const stats = await call(server.url, '/api/v1/performance/cache/stats');
  const statistics = await call(server.url, '/api/v1/performance/cache/statistics');
  assert.deepEqual(statistics.body.data, stats.body.data);
  const msum = await call(server.url, '/api/v1/performance/metrics/summary');
  assert.equal(msum.body.data.cpu_usage.unit, 'percent of one core', 'cpu_usage means the process, as the threshold does');
  assert.equal(msum.body.data.memory_usage.unit, 'percent of the 2 GiB budget');
  assert.ok(msum.body.data.requests.count >= 6);
  assert.equal(msum.body.data.monitoring, false, 'PERFORMANCE_MONITORING_ENABLED=false');
  assert.equal(msum.body.data.samples, 0, 'no snapshots were taken in 100 ms intervals');
});

test("PUT thresholds takes seed 002's body and seed 003's, alone or together", async () => {
  const seed002 = await call(server.url, '/api/v1/performance/thresholds', {
    method: 'PUT', headers: admin, body: { predictionLatencyMs: 80, cacheHitRatePercent: 85, memoryUsagePercent: 75 },
  });
  assert.equal(seed002.status, 200, JSON.stringify(seed002.body));
  const t = (name: string) => seed002.body.data.thresholds.find((x: { name: string }) => x.name === name);
  assert.equal(t('prediction_latency').warning, 80);
  assert.equal(t('cache_hit_rate').warning, 85);
  assert.equal(t('memory_usage').warning, 75);
  assert.deepEqual(seed002.body.data.updated.sort(), ['cache_hit_rate', 'memory_usage', 'prediction_latency']);
  const both = await call(server.url, '/api/v1/performance/thresholds', {
    method: 'PUT', headers: admin, body: { queueSizeMax: 60, error_rate: { critical: 12 } },
  });
  assert.equal(both.status, 200, JSON.stringify(both.body));
  assert.deepEqual(both.body.data.updated.sort(), ['error_rate', 'queue_size']);
  const bad = await call(server.url, '/api/v1/performance/thresholds', { method: 'PUT', headers: admin, body: { predictionLatencyMs: 'fast' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.details.fields[0].field, 'predictionLatencyMs');
  const beyond = await call(server.url, '/api/v1/performance/thresholds', { method: 'PUT', headers: admin, body: { cpuUsagePercent: 95 } });
  assert.equal(beyond.status, 400, 'a seed 002 limit above the critical level is refused');
  assert.match(beyond.body.error.message, /cpu_usage/);
});

test("PUT batch/config takes seed 002's maxWaitTime and enableBatching", async () => {
  const r = await call(server.url, '/api/v1/performance/batch/config', { method: 'PUT', headers: admin, body: { maxWaitTime: 7, enableBatching: false } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.data.maxWaitMs, 7);
  assert.equal(r.body.data.enabled, false);
  const back = await call(server.url, '/api/v1/performance/batch/config', { method: 'PUT', headers: admin, body: { maxWaitMs: 5, enabled: true } });
  assert.equal(back.body.data.enabled, true);
  const twice = await call(server.url, '/api/v1/performance/batch/config', { method: 'PUT', headers: admin, body: { maxWaitMs: 5, maxWaitTime: 6 } });
  assert.equal(twice.status, 400);
  assert.match(twice.body.error.message, /maxWaitMs or maxWaitTime/);
  const form = await fetch(`${server.url}/api/v1/performance/batch/config`, { method: 'PUT', headers: { ...admin, 'content-type': 'text/plain' }, body: 'maxWaitTime=5' });
  assert.equal(form.status, 415);
  assert.equal(((await form.json()) as any).error.code, 'UNSUPPORTED_MEDIA_TYPE');
});

test('cache/preload warms the most requested forecasts after loading the models', async () => {
  const hot = [cities[5]!, cities[6]!, cities[7]!];
  for (const [i, city] of hot.entries()) for (let k = 0; k < 5 - i; k++) await call(server.url, `/api/v1/forecast/${city}/${day(-1)}`);
  await call(server.url, '/api/v1/performance/cache/clear', { headers: admin, body: {} }).then((r) => assert.equal(r.status, 200));
  const preload = await call(server.url, '/api/v1/performance/cache/preload', { headers: admin, body: { forecasts: 3 } });
  assert.equal(preload.status, 200, JSON.stringify(preload.body));
  const f = preload.body.data.forecasts;
  assert.ok(preload.body.data.models_loaded >= 20);
  assert.equal(f.keys.length, 3);
  assert.ok(f.warmed >= 1, JSON.stringify(f));
  assert.equal(f.keys[0].city, hot[0], 'the most requested key first');
  assert.ok(f.keys[0].requests >= 5);
  const after = await call(server.url, `/api/v1/forecast/${hot[0]}/${day(-1)}`);
  assert.equal(after.body.data.cached, true, 'the warmed forecast is served from cache');
  const noBody = await call(server.url, '/api/v1/performance/cache/preload', { method: 'POST', headers: admin });
  assert.equal(noBody.status, 200, 'the body is optional, even announced as JSON and empty');
  assert.equal(noBody.body.data.forecasts.keys.length, Math.min(50, noBody.body.data.forecasts.keys.length));
  const emptyPredict = await call(server.url, '/api/v1/predict', { method: 'POST' });
  assert.equal(emptyPredict.status, 400);
  assert.match(emptyPredict.body.error.message, /city/, 'an empty required body names its missing fields');
});

test('silences: admin writes, listed in both forms, expired in either', async () => {
  const anon = await call(server.url, '/api/v1/performance/silences', { body: { matchers: [{ name: 'alertname', value: 'X' }], duration: '1h' } });
  assert.equal(anon.status, 401);
  const bad = await call(server.url, '/api/v1/performance/silences', { headers: admin, body: { matchers: [{ name: 'alertname', value: '(', isRegex: true }], duration: '1h' } });
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /matchers\.0\.value/);
  const noEnd = await call(server.url, '/api/v1/performance/silences', { headers: admin, body: { matchers: [{ name: 'alertname', value: 'X' }] } });
  assert.equal(noEnd.status, 400);
  const made = await call(server.url, '/api/v1/performance/silences', {
    headers: admin, body: { matchers: [{ name: 'alertname', value: 'HighCpuUsage' }], duration: '2h', comment: 'maintenance' },
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.data.state, 'active');
  assert.ok(Date.parse(made.body.data.endsAt) - Date.now() > 7_000_000);
  const list = await call(server.url, '/api/v1/performance/silences');
  assert.ok(list.body.data.silences.some((s: { id: string }) => s.id === made.body.data.id));

  // Alertmanager's form: the list, a filter, one silence, a create, and expiry.
  const am = await call(server.url, '/api/v2/silences?filter=alertname%3D%22HighCpuUsage%22');
  assert.equal(am.status, 200);
  assert.ok(Array.isArray(am.body));
  const got = am.body.find((s: { id: string }) => s.id === made.body.data.id);
  assert.deepEqual(got.status, { state: 'active' });
  assert.deepEqual(got.matchers, [{ name: 'alertname', value: 'HighCpuUsage', isRegex: false, isEqual: true }]);
  assert.equal((await call(server.url, '/api/v2/silences?filter=alertname%3DOther')).body.length, 0);
  const posted = await call(server.url, '/api/v2/silences', {
    headers: admin,
    body: { matchers: [{ name: 'severity', value: 'warn.*', isRegex: true, isEqual: true }], startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 60_000).toISOString(), createdBy: 'amtool', comment: 'x' },
  });
  assert.equal(posted.status, 200, JSON.stringify(posted.body));
  assert.match(posted.body.silenceID, /\S/);
  assert.equal((await call(server.url, `/api/v2/silence/${posted.body.silenceID}`)).body.createdBy, 'amtool');
  assert.equal((await call(server.url, `/api/v2/silence/${posted.body.silenceID}`, { method: 'DELETE' })).status, 401);
  assert.equal((await call(server.url, `/api/v2/silence/${posted.body.silenceID}`, { method: 'DELETE', headers: admin })).status, 200);
  assert.equal((await call(server.url, `/api/v2/silence/${posted.body.silenceID}`)).status, 404);
  const expired = await call(server.url, `/api/v1/performance/silences/${made.body.data.id}`, { method: 'DELETE', headers: admin });
  assert.equal(expired.status, 200);
  assert.equal((await call(server.url, `/api/v1/performance/silences/${made.body.data.id}`, { method: 'DELETE', headers: admin })).status, 404);
});

test('alerts accept seed 003 severities and count on both scales', async () => {
  const r = await call(server.url, '/api/v1/performance/alerts?severity=high');
  assert.equal(r.status, 200);
  assert.deepEqual(Object.keys(r.body.data.severity_breakdown).sort(), ['critical', 'high', 'info', 'low', 'medium', 'warning']);
  assert.equal((await call(server.url, '/api/v1/performance/alerts?severity=urgent')).status, 400);
});

test("every request gets one log line in seed 000's shape", async () => {
  const sent = performance.now();
  await call(server.url, `/api/v1/forecast/${cities[0]}/${day(0)}`);
  const forecastSeconds = (performance.now() - sent) / 1000;
  await call(server.url, '/no/such/path');
  await call(server.url, '/api/v1/predict', { body: { city: cities[0] } });
  await closeLogFile(log);
  const lines = fs
    .readFileSync(logFile.replace(/\.log$/, '.1.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((l) => l.message === 'API request processed')
    .slice(-3);
  const [forecast, unknown, invalid] = lines;
  assert.equal(forecast.level, 'INFO');
  assert.equal(forecast.service, 'energy_forecast');
  assert.equal(forecast.endpoint, '/api/v1/forecast/:city/:date', 'the route pattern, never the raw path');
  assert.equal(forecast.method, 'GET');
  assert.equal(forecast.status, 'success');
  assert.equal(forecast.status_code, 200);
  // In seconds: within the time the client waited for it, which milliseconds would exceed a
  // thousandfold, however long a loaded machine took.
  assert.ok(typeof forecast.duration === 'number' && forecast.duration >= 0, `duration ${forecast.duration}`);
  assert.ok(forecast.duration <= forecastSeconds, `duration ${forecast.duration} is in seconds (the client waited ${forecastSeconds.toFixed(4)} s)`);
  assert.match(forecast.timestamp, /^\d{4}-\d\d-\d\dT/);
  assert.equal(unknown.endpoint, 'unmatched');
  assert.equal(unknown.status, 'error');
  assert.equal(unknown.status_code, 404);
  assert.equal(invalid.endpoint, '/api/v1/predict');
  assert.equal(invalid.status_code, 400);
});
