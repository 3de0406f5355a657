// docker-compose.yml: mounted files exist, dependencies are healthchecked, images pinned, only
// the user-facing ports published, the API's environment is the app's config schema, and the
// Prometheus / Alertmanager wiring names the ports the services really use.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'vitest';
import { parse } from 'yaml';
import { envSchema } from '../../src/config/schema.js';
import { repoRoot } from '../helpers/spawn-server.js';

const read = (f: string) => parse(fs.readFileSync(path.join(repoRoot, f), 'utf8'));
const compose = read('docker-compose.yml');
const services = compose.services as Record<string, any>;

test('every bind-mounted file or directory exists in the repository; named volumes are declared', () => {
  for (const [name, s] of Object.entries(services)) {
    for (const v of (s.volumes ?? []) as string[]) {
      const [source] = v.split(':');
      if (source!.startsWith('./')) assert.ok(fs.existsSync(path.join(repoRoot, source!)), `${name}: ${source} does not exist`);
      else assert.ok(source! in (compose.volumes ?? {}), `${name}: named volume ${source} is not declared`);
    }
  }
  assert.ok(fs.existsSync(path.join(repoRoot, services.api.build === '.' ? 'Dockerfile' : services.api.build.dockerfile)));
});

test('every service another depends on is healthchecked, or a one-shot it waits to complete', () => {
  for (const [name, s] of Object.entries(services)) {
    for (const [dep, opts] of Object.entries((s.depends_on ?? {}) as Record<string, { condition: string }>)) {
      assert.ok(dep in services, `${name} depends on undefined service ${dep}`);
      if (services[dep].restart === 'no') {
        assert.equal(opts.condition, 'service_completed_successfully', `${name} → one-shot ${dep}`);
        continue;
      }
      assert.ok(services[dep].healthcheck?.test, `${name} depends on ${dep}, which has no healthcheck`);
      assert.equal(opts.condition, 'service_healthy', `${name} → ${dep}`);
    }
  }
  for (const dep of ['postgres', 'redis']) assert.ok(dep in services.api.depends_on, `api waits for ${dep}`);
});

test('image tags are pinned: a version tag, never latest or none', () => {
  for (const [name, s] of Object.entries(services)) {
    assert.ok(typeof s.image === 'string', `${name}: no image`);
    const m = /^(?:[^/]+\/)*[^/:]+:([^/:]+)$/.exec(s.image);
    assert.ok(m, `${name}: image ${s.image} has no tag`);
    assert.ok(!/latest|main|master|nightly/.test(m[1]!) && /\d/.test(m[1]!), `${name}: image tag ${m[1]} is not a version`);
  }
  const from = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8').match(/^FROM \S+/gm)!;
  for (const f of from) assert.match(f, /:\d+\.\d+\.\d+/, `Dockerfile: ${f} is not pinned to a release`);
});

test('the stack has every part the issue lists', () => {
  for (const s of ['api', 'redis', 'postgres', 'otel-collector', 'prometheus', 'alertmanager', 'grafana', 'jaeger', 'loki']) assert.ok(s in services, s);
  assert.match(services['otel-collector'].image, /opentelemetry-collector-contrib:/);
});

test('only the ports a user needs are published', () => {
  const published = Object.entries(services).flatMap(([name, s]) => ((s.ports ?? []) as string[]).map((p) => `${name}:${p}`));
  assert.deepEqual(published.sort(), ['alertmanager:9093:9093', 'api:8080:8080', 'grafana:3000:3000', 'jaeger:16686:16686', 'prometheus:9090:9090']);
});

test("the api service's environment is the app's config schema, standard OTEL_* names and PROMETHEUS_URL", () => {
  const known = new Set([...Object.keys(envSchema.shape), 'PROMETHEUS_URL']);
  for (const key of Object.keys(services.api.environment)) {
    assert.ok(known.has(key) || /^OTEL_[A-Z_]+$/.test(key), `api: ${key} is not read by the app`);
  }
  const env = services.api.environment;
  assert.equal(new URL(env.DATABASE_URL).hostname, 'postgres');
  assert.equal(new URL(env.REDIS_URL).hostname, 'redis');
  assert.equal(new URL(env.PROMETHEUS_URL).hostname, 'prometheus');
  assert.equal(new URL(env.DATABASE_URL).username, services.postgres.environment.POSTGRES_USER);
  assert.equal(new URL(env.DATABASE_URL).pathname.slice(1), services.postgres.environment.POSTGRES_DB);
});

test('Grafana: admin/admin123 as seed 000 says, and every provisioning directory mounted', () => {
  const g = services.grafana;
  assert.equal(g.environment.GF_SECURITY_ADMIN_USER, 'admin');
  assert.equal(g.environment.GF_SECURITY_ADMIN_PASSWORD, 'admin123');
  for (const dir of ['datasources', 'dashboards', 'alerting']) {
    assert.ok((g.volumes as string[]).includes(`./grafana/provisioning/${dir}:/etc/grafana/provisioning/${dir}:ro`), dir);
  }
});

test('Prometheus scrapes the API on its metrics port and alerts the Alertmanager service', () => {
  const prometheus = read('prometheus/prometheus.yml');
  const api = prometheus.scrape_configs.find((s: any) => s.job_name === 'foresight-api');
  const metricsPort = services.api.environment.OTEL_EXPORTER_PROMETHEUS_PORT ?? envSchema.shape.OTEL_EXPORTER_PROMETHEUS_PORT.parse(undefined);
  assert.deepEqual(api.static_configs[0].targets, [`api:${metricsPort}`]);
  assert.deepEqual(prometheus.alerting.alertmanagers[0].static_configs[0].targets, ['alertmanager:9093']);
  // Rule files are relative to prometheus.yml, so the rules directory is mounted beside it.
  assert.deepEqual(prometheus.rule_files, ['rules/*.yml']);
  assert.ok((services.prometheus.volumes as string[]).includes('./prometheus/rules:/etc/prometheus/rules:ro'));
  assert.ok((services.prometheus.command as string[]).includes('--config.file=/etc/prometheus/prometheus.yml'));
});

test("Alertmanager's webhook is the rules service in the api container, on the API port", () => {
  const am = read('alertmanager/alertmanager.yml');
  const urls = (am.receivers as any[]).flatMap((r) => (r.webhook_configs ?? []).map((w: any) => new URL(w.url)));
  assert.ok(urls.length > 0);
  const apiPort = services.api.environment.PORT ?? envSchema.shape.PORT.parse(undefined);
  for (const u of urls) {
    assert.equal(u.host, `api:${apiPort}`);
    assert.equal(u.pathname, '/api/v1/performance/alerts/webhook');
  }
  assert.deepEqual(am.route.group_by, ['alertname']);
  assert.ok(am.inhibit_rules.some((r: any) => r.source_matchers.includes('severity="critical"') && r.target_matchers.includes('severity="warning"') && r.equal.includes('alertname')));
});
