// The collector config: every pipeline component defined, every defined component used, names
// of the pinned contrib release, and ports that agree with compose, Prometheus and the API.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/spawn-server.js';

const read = (f: string) => parse(fs.readFileSync(path.join(repoRoot, f), 'utf8'));
const config = read('otel-collector/config.yaml');
const compose = read('docker-compose.yml');
const prometheus = read('prometheus/prometheus.yml');
const pipelines = config.service.pipelines as Record<string, { receivers: string[]; processors?: string[]; exporters: string[] }>;
const type = (id: string) => id.split('/')[0]!;

// Component types of otelcol-contrib 0.116.1 that this config may use (from its release
// manifest); the pin lives in docker-compose.yml and a bump must revisit this list.
const known = {
  receivers: ['otlp', 'filelog', 'prometheus', 'hostmetrics'],
  processors: ['memory_limiter', 'batch', 'resourcedetection', 'attributes', 'resource', 'transform', 'filter'],
  exporters: ['otlp', 'otlphttp', 'prometheus', 'prometheusremotewrite', 'debug'],
  connectors: ['spanmetrics', 'servicegraph', 'forward'],
  extensions: ['health_check', 'pprof', 'zpages', 'file_storage'],
};

test('the compose file pins the contrib release the component list is for', () => {
  assert.equal(compose.services['otel-collector'].image, 'otel/opentelemetry-collector-contrib:0.116.1');
});

test('every component a pipeline names is defined (connectors count as receivers and exporters)', () => {
  const connectors = Object.keys(config.connectors ?? {});
  for (const [name, p] of Object.entries(pipelines)) {
    for (const r of p.receivers) assert.ok(r in (config.receivers ?? {}) || connectors.includes(r), `${name}: receiver ${r} is not defined`);
    for (const x of p.processors ?? []) assert.ok(x in (config.processors ?? {}), `${name}: processor ${x} is not defined`);
    for (const e of p.exporters) assert.ok(e in (config.exporters ?? {}) || connectors.includes(e), `${name}: exporter ${e} is not defined`);
  }
  for (const e of config.service.extensions ?? []) assert.ok(e in (config.extensions ?? {}), `extension ${e} is not defined`);
});

test('every defined component is used; a connector both ends a pipeline and starts another', () => {
  const all = Object.values(pipelines);
  const used = (kind: 'receivers' | 'processors' | 'exporters') => new Set(all.flatMap((p) => p[kind] ?? []));
  for (const r of Object.keys(config.receivers)) assert.ok(used('receivers').has(r), `receiver ${r} is unused`);
  for (const x of Object.keys(config.processors)) assert.ok(used('processors').has(x), `processor ${x} is unused`);
  for (const e of Object.keys(config.exporters)) assert.ok(used('exporters').has(e), `exporter ${e} is unused`);
  for (const c of Object.keys(config.connectors ?? {})) {
    assert.ok(used('exporters').has(c) && used('receivers').has(c), `connector ${c} must be an exporter and a receiver`);
  }
  for (const x of Object.keys(config.extensions ?? {})) assert.ok(config.service.extensions.includes(x), `extension ${x} is unused`);
});

test('component types exist in the pinned release', () => {
  for (const kind of Object.keys(known) as Array<keyof typeof known>) {
    for (const id of Object.keys(config[kind] ?? {})) assert.ok(known[kind].includes(type(id)), `${kind}: ${id} is not a ${kind} type of contrib 0.116.1`);
  }
});

test('traces, metrics and logs each have a pipeline; memory_limiter first and batch last in each', () => {
  assert.deepEqual(Object.keys(pipelines).map(type).sort(), ['logs', 'metrics', 'traces']);
  for (const [name, p] of Object.entries(pipelines)) {
    assert.equal(p.processors?.[0], 'memory_limiter', `${name}: memory_limiter must come first`);
    assert.equal(p.processors?.at(-1), 'batch', `${name}: batch must come last`);
    assert.ok(p.processors.includes('resourcedetection'), `${name}: resourcedetection`);
  }
  assert.ok(pipelines.traces!.exporters.includes('spanmetrics'), 'span metrics from traces');
  assert.ok(pipelines.metrics!.receivers.includes('spanmetrics'));
  assert.ok(pipelines.metrics!.exporters.some((e) => type(e) === 'prometheus'), 'metrics to Prometheus');
  assert.ok(pipelines.logs!.exporters.some((e) => config.exporters[e]?.endpoint?.startsWith('http://loki:3100/otlp')), 'logs to Loki');
});

const port = (endpoint: string) => Number(new URL(endpoint.includes('://') ? endpoint : `tcp://${endpoint}`).port);

test('OTLP ports: gRPC 4317 and HTTP 4318; the API posts OTLP/HTTP to the HTTP one by service name', () => {
  const { grpc, http } = config.receivers.otlp.protocols;
  assert.equal(port(grpc.endpoint), 4317);
  assert.equal(port(http.endpoint), 4318);
  // The API's exporter is @opentelemetry/exporter-trace-otlp-http: it needs the HTTP receiver.
  const endpoint = new URL(compose.services.api.environment.OTEL_EXPORTER_OTLP_ENDPOINT);
  assert.equal(endpoint.hostname, 'otel-collector');
  assert.equal(Number(endpoint.port), port(http.endpoint));
  assert.ok('otel-collector' in compose.services);
});

test('Prometheus scrapes the ports the collector serves its metrics on', () => {
  const targets = (job: string) => prometheus.scrape_configs.find((s: any) => s.job_name === job).static_configs[0].targets as string[];
  assert.deepEqual(targets('otel-collector'), [`otel-collector:${port(config.exporters.prometheus.endpoint)}`]);
  const self = config.service.telemetry.metrics.readers[0].pull.exporter.prometheus;
  assert.deepEqual(targets('otel-collector-self'), [`otel-collector:${self.port}`]);
});

test('exporters point at services compose defines, on the ports those services listen on', () => {
  for (const [id, e] of Object.entries(config.exporters as Record<string, { endpoint: string }>)) {
    if (type(id) === 'prometheus') continue;
    const host = new URL(e.endpoint.includes('://') ? e.endpoint : `tcp://${e.endpoint}`).hostname;
    assert.ok(host in compose.services, `${id} sends to ${host}, which compose does not define`);
  }
  assert.equal(port(config.exporters['otlp/jaeger'].endpoint), 4317, 'Jaeger takes OTLP/gRPC on 4317');
});

test('the filelog receiver reads the log volume the API writes LOG_FILE into', () => {
  const collectorMount = (compose.services['otel-collector'].volumes as string[]).find((v) => v.startsWith('api-logs:'))!;
  const apiMount = (compose.services.api.volumes as string[]).find((v) => v.startsWith('api-logs:'))!;
  assert.ok(collectorMount && apiMount, 'api-logs is mounted in both');
  const include = config.receivers['filelog/api'].include[0] as string;
  assert.equal(path.posix.dirname(include), collectorMount.split(':')[1]);
  assert.equal(path.posix.dirname(compose.services.api.environment.LOG_FILE), apiMount.split(':')[1]);
  assert.ok(include.endsWith('*.log') && compose.services.api.environment.LOG_FILE.endsWith('.log'));
});

test('filelog reads from the beginning with its offsets in file_storage on a named volume the collector can write', () => {
  const filelog = config.receivers['filelog/api'];
  assert.equal(filelog.start_at, 'beginning', 'lines written before the collector was up are read');
  // Without a checkpoint, start_at: beginning would send every line again after each restart.
  assert.ok(config.service.extensions.includes(filelog.storage), `storage ${filelog.storage} is not an enabled extension`);
  assert.equal(type(filelog.storage), 'file_storage');
  const { directory } = config.extensions[filelog.storage];
  const mount = (compose.services['otel-collector'].volumes as string[]).find((v) => v.split(':')[1] === directory);
  assert.ok(mount, `${directory} is not mounted in otel-collector`);
  const volume = mount.split(':')[0]!;
  assert.ok(volume in compose.volumes, `${volume} is not a named volume`);
  assert.ok(!mount.endsWith(':ro'), 'the checkpoint directory is writable');
  // The image runs as 10001 and a new volume is root-owned: a one-shot service hands it over first.
  const others = Object.entries(compose.services as Record<string, any>).filter(([name]) => name !== 'otel-collector');
  const [initName, init] = others.find(([, s]) => (s.volumes ?? []).some((v: string) => v.startsWith(`${volume}:`))) ?? [];
  assert.ok(initName, `nothing prepares ${volume}`);
  assert.deepEqual(init.command, ['chown', '10001:10001', directory]);
  assert.equal(compose.services['otel-collector'].depends_on[initName].condition, 'service_completed_successfully');
});
