// RULES_SCRAPE_TARGETS as a user writes it, and the configuration mapped onto the rules runtime
// by the composition root: targets labelled with job as Prometheus would, this process's own
// /metrics by default, Prometheus instead when PROMETHEUS_URL is set, a bad entry named.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { parseScrapeTargets } from '../../src/rules/scrape/index.js';
import { rulesRuntimeOptions } from '../../src/server/rules-options.js';

test('targets: [job=]url entries, host:port and bare URLs completed with /metrics', () => {
  assert.deepEqual(parseScrapeTargets(' shop=http://10.0.0.5:9464/metrics , http://10.0.0.6:9464/metrics,,', 'foresight'), [
    { url: 'http://10.0.0.5:9464/metrics', job: 'shop' },
    { url: 'http://10.0.0.6:9464/metrics', job: 'foresight' },
  ]);
  assert.deepEqual(parseScrapeTargets('billing.v2=127.0.0.1:9464,https://app.example:8443', 'x'), [
    { url: 'http://127.0.0.1:9464/metrics', job: 'billing.v2' },
    { url: 'https://app.example:8443/metrics', job: 'x' },
  ]);
  // A query string's `=` does not make a job; a custom path is kept.
  assert.deepEqual(parseScrapeTargets('http://h:1/probe?module=http', 'x'), [{ url: 'http://h:1/probe?module=http', job: 'x' }]);
  assert.deepEqual(parseScrapeTargets('', 'x'), []);
});

test('targets: an entry that is not an http(s) URL is refused, named', () => {
  assert.throws(() => parseScrapeTargets('shop=ftp://h/metrics', 'x'), /scrape target "shop=ftp:\/\/h\/metrics" is not a URL/);
  assert.throws(() => parseScrapeTargets('ok=h:1, not a url', 'x'), /scrape target "not a url" is not a URL/);
});

test('runtime options: this process by default, the listed targets, or Prometheus', () => {
  const own = rulesRuntimeOptions(loadConfig({ OTEL_EXPORTER_PROMETHEUS_PORT: '9999' }));
  assert.deepEqual(own.source, { kind: 'embedded', targets: [{ url: 'http://127.0.0.1:9999/metrics', job: 'foresight' }], intervalMs: 15_000 });
  assert.match(own.dir, /alert-rules$/);
  assert.equal(own.db, undefined);

  const watching = rulesRuntimeOptions(
    loadConfig({ RULES_SCRAPE_TARGETS: 'shop=127.0.0.1:3001', SCRAPE_INTERVAL_MS: '500', RULES_DIR: '/rules', ALERT_WEBHOOK_URL: 'http://hook' }),
  );
  assert.deepEqual(watching.source, { kind: 'embedded', targets: [{ url: 'http://127.0.0.1:3001/metrics', job: 'shop' }], intervalMs: 500 });
  assert.equal(watching.dir, '/rules');
  assert.deepEqual(watching.notify, { alertmanagerUrl: undefined, webhookUrl: 'http://hook', slackUrl: undefined });

  const prom = rulesRuntimeOptions(loadConfig({ PROMETHEUS_URL: 'http://prom:9090', RULES_SCRAPE_TARGETS: 'shop=h:1' }));
  assert.deepEqual(prom.source, { kind: 'prometheus', url: 'http://prom:9090' });

  assert.throws(() => rulesRuntimeOptions(loadConfig({ RULES_SCRAPE_TARGETS: 'shop=' })), /^Error: RULES_SCRAPE_TARGETS: scrape target "shop=" is not a URL/);
});
