// The Alertmanager notifier against a real Alertmanager (Debian's prometheus-alertmanager):
// a firing alert sent through the rules service appears in its v2 API with our labels,
// annotations and times; its resolution removes it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, test } from 'vitest';
import { alertsLink } from '../../src/api/links.js';
import { AlertmanagerNotifier } from '../../src/rules/notify/alertmanager.js';
import { RulesService } from '../../src/rules/service.js';
import { startDaemon, type Daemon } from '../helpers/daemon.js';
import { freePort } from '../helpers/ports.js';
import { alertRule, ruleSetOf, sample, ScriptedSource } from '../helpers/rules-engine.js';
import { requireTool } from '../helpers/tools.js';

let am: Daemon | undefined;
let dir: string | undefined;
afterAll(async () => {
  await am?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  status: { state: string };
}

test('a firing alert sent by the Alertmanager notifier appears in GET /api/v2/alerts; its resolution clears it', async (t) => {
  if (!requireTool(t, 'prometheus-alertmanager')) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-am-'));
  fs.writeFileSync(path.join(dir, 'am.yml'), "route:\n  receiver: blackhole\n  group_wait: 1s\nreceivers:\n  - name: blackhole\n");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  am = await startDaemon(
    'prometheus-alertmanager',
    [`--config.file=${path.join(dir, 'am.yml')}`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
    `${url}/-/ready`,
  );

  const source = new ScriptedSource().set('cache_hit_ratio < 0.8', [sample(0.42, { instance: 'api-1' })]);
  const rule = alertRule({
    name: 'CacheHitRateLow',
    expr: 'cache_hit_ratio < 0.8',
    labels: { team: 'forecast' },
    annotations: { summary: 'Cache hit rate {{ $value | humanizePercentage }} on {{ $labels.instance }}' },
  });
  const service = new RulesService({
    source,
    ruleSet: () => ruleSetOf([rule]),
    notifiers: [new AlertmanagerNotifier({ url })],
    generatorUrl: (r) => alertsLink('http://foresight.test:8080', r?.name),
  });
  const firedAt = Date.now();
  await service.evaluateOnce(firedAt);
  await service.notificationsIdle();
  assert.deepEqual(service.notificationStats().alertmanager, { success: 1, retry: 0, failure: 0, dropped: 0 }, am.output());

  const alerts = (await (await fetch(`${url}/api/v2/alerts`)).json()) as AmAlert[];
  assert.equal(alerts.length, 1);
  const [got] = alerts;
  assert.deepEqual(got!.labels, { alertname: 'CacheHitRateLow', instance: 'api-1', severity: 'warning', team: 'forecast' });
  assert.equal(got!.annotations.summary, 'Cache hit rate 42% on api-1');
  assert.equal(got!.status.state, 'active');
  assert.equal(Date.parse(got!.startsAt), firedAt);
  assert.ok(Date.parse(got!.endsAt) > Date.now(), 'endsAt in the future while firing');
  assert.equal(got!.generatorURL, 'http://foresight.test:8080/api/v1/performance/alerts?alertname=CacheHitRateLow');

  source.set('cache_hit_ratio < 0.8', []);
  await service.evaluateOnce(Date.now());
  await service.notificationsIdle();
  const after = (await (await fetch(`${url}/api/v2/alerts`)).json()) as AmAlert[];
  assert.deepEqual(after, [], 'the resolved notification ended the alert in Alertmanager');
  await service.stop(0);
});
