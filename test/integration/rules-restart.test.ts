// A restart of the rules service while alerts are pending and firing, per rule kind, on real
// Postgres and the embedded evaluator: the store the new process scrapes into starts empty, as
// after a real restart. Wanted as vmalert and Prometheus restore state: 0 duplicate
// notifications, 0 false resolutions, `for` progress kept, and real resolutions still made
// once the data covers the rule's window.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { EmbeddedSource } from '../../src/rules/promql/index.js';
import { loadRuleTexts } from '../../src/rules/files/index.js';
import { SeriesStore } from '../../src/rules/scrape/index.js';
import { RulesService } from '../../src/rules/service.js';
import type { CompiledRuleSet } from '../../src/rules/types.js';
import { CollectingNotifier } from '../helpers/rules-engine.js';
import { rulesSchema, type RulesSchema } from '../helpers/rules-db.js';
import { requireService, testDatabaseUrl } from '../helpers/services.js';

const T0 = Date.parse('2025-03-03T08:00:00Z');
const S = 1000;
const MIN = 60 * S;
const RESTART = 8 * MIN;
const CONDITIONS_END = 25 * MIN;

// One rule of each kind: a threshold over an instant value, a rate() rule firing across the
// restart, a rate() rule still pending at the restart (for 10m), an alert over a recording rule,
// and an SLO's multi-window burn-rate alert over recorded ratios (windows beyond retention).
const RULES = `version: "1.0.0"
thresholds:
  depth:
    warning: 10
    critical: 1000
    direction: above
groups:
  - name: restart
    interval: 30s
    rules:
      - alert: QueueDeep
        threshold: depth
        expr: queue_depth
        for: 1m
      - alert: ErrorsFast
        severity: warning
        expr: sum(rate(errors_total[5m])) > 1
        for: 1m
      - alert: SlowBuildUp
        severity: warning
        expr: sum(rate(slow_total[5m])) > 1
        for: 10m
      - record: job:req:rate5m
        expr: sum(rate(req_total[5m]))
      - alert: RecordedRateHigh
        severity: warning
        expr: job:req:rate5m > 5
slos:
  - name: avail
    objective: 99.9
    description: requests without a 5xx
    sli:
      errors: sum(rate(request_total{status=~"5.."}[{{ $window }}]))
      total: sum(rate(request_total[{{ $window }}]))
    alert: AvailBurn
`;

/** What the scraped app exposes at `t` (ms after T0): every condition holds until CONDITIONS_END. */
function exposition(t: number): Array<{ labels: Record<string, string>; value: number }> {
  const s = t / S;
  const until = Math.min(s, CONDITIONS_END / S);
  return [
    { labels: { __name__: 'queue_depth' }, value: t < CONDITIONS_END ? 20 : 0 },
    { labels: { __name__: 'errors_total' }, value: 3 * until },
    { labels: { __name__: 'slow_total' }, value: 2 * s },
    { labels: { __name__: 'req_total' }, value: 10 * s },
    { labels: { __name__: 'request_total', status: '200' }, value: 5 * s },
    { labels: { __name__: 'request_total', status: '500' }, value: 5 * until },
  ];
}

let schema: RulesSchema | undefined;
const dbs: Database[] = [];
beforeAll(async () => {
  schema = await rulesSchema().catch(() => undefined);
});
afterAll(async () => {
  for (const db of dbs) await db.close();
  await schema?.drop();
});

/** One process: its own pool, an empty series store, and a service over them. */
async function processOn(ruleSet: CompiledRuleSet, receiver: CollectingNotifier, clock: { now: number }) {
  const db = await schema!.open();
  dbs.push(db);
  const store = new SeriesStore();
  const service = new RulesService({
    db, source: new EmbeddedSource({ store }), ruleSet: () => ruleSet, notifiers: [receiver], clock: () => clock.now, leaderLock: false,
    dedupWindowMs: 2 * 3600 * S,
    onRecorded: (_name, samples, timeMs) => store.ingest(samples, timeMs),
  });
  return { db, store, service };
}

test('restart while alerts fire and pend: no false resolution, no duplicate, `for` kept, per rule kind', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  assert.ok(schema, 'test schema on Postgres');
  const loaded = loadRuleTexts([{ file: 'restart.yaml', text: RULES }]);
  assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors));
  const receiver = new CollectingNotifier();
  const clock = { now: T0 };
  let proc = await processOn(loaded.ruleSet, receiver, clock);
  const kinds = ['QueueDeep', 'ErrorsFast', 'SlowBuildUp', 'RecordedRateHigh', 'AvailBurn'];

  // A scrape every 15 s, an evaluation every 30 s; the restart loses the scraped samples.
  let idsAtRestart = new Map<string, string>();
  for (let ms = 0; ms <= 35 * MIN; ms += 15 * S) {
    clock.now = T0 + ms;
    if (ms === RESTART) {
      const open = await proc.service.alerts({});
      idsAtRestart = new Map(open.map((a) => [`${a.alertname}/${a.severity}`, a.id]));
      const states = Object.fromEntries(open.map((a) => [`${a.alertname}/${a.severity}`, a.state]));
      // The test is about a restart in this state: every kind open, SlowBuildUp still pending.
      assert.deepEqual(states, {
        'QueueDeep/warning': 'firing', 'ErrorsFast/warning': 'firing', 'SlowBuildUp/warning': 'pending',
        'RecordedRateHigh/warning': 'firing', 'AvailBurn/critical': 'firing', 'AvailBurn/warning': 'firing',
      });
      await proc.service.stop();
      await proc.db.close();
      proc = await processOn(loaded.ruleSet, receiver, clock);
      continue; // the new process's first scrape comes one interval later
    }
    proc.store.ingest(exposition(ms), T0 + ms);
    if (ms % (30 * S) === 0) {
      await proc.service.evaluateOnce(T0 + ms);
      await proc.service.notificationsIdle();
    }
    if (ms === 24 * MIN) {
      // Until the conditions end: one firing notification per alert, not one resolved.
      const sent = receiver.batches.flat();
      assert.deepEqual(sent.filter((a) => a.status === 'resolved').map((a) => a.labels.alertname), [], 'false resolutions');
      const firing = sent.map((a) => `${a.labels.alertname}/${a.labels.severity}`).sort();
      assert.deepEqual(firing, [...idsAtRestart.keys()].sort(), 'each alert notified firing exactly once');
      const open = await proc.service.alerts({ state: 'firing' });
      assert.deepEqual(new Map(open.map((a) => [`${a.alertname}/${a.severity}`, a.id])), idsAtRestart, 'the same alerts, not new ones');
      // `for` progress survives: SlowBuildUp fires 10 minutes after it went pending before the restart.
      const slow = open.find((a) => a.alertname === 'SlowBuildUp')!;
      const pendingFor = Date.parse(slow.firedAt!) - Date.parse(slow.activeAt);
      assert.ok(Date.parse(slow.activeAt) < T0 + RESTART, `active since ${slow.activeAt}, before the restart`);
      assert.ok(pendingFor >= 10 * MIN && pendingFor <= 10.5 * MIN, `fired after ${pendingFor / MIN} min pending`);
    }
  }
  // Once the conditions end, the alerts whose window the new process holds resolve, once each.
  const resolved = receiver.batches.flat().filter((a) => a.status === 'resolved');
  const resolvedNames = resolved.map((a) => a.labels.alertname).sort();
  assert.deepEqual(resolvedNames, ['ErrorsFast', 'QueueDeep'], 'real resolutions still made');
  const queue = resolved.find((a) => a.labels.alertname === 'QueueDeep')!;
  assert.ok(queue.endsAtMs! - (T0 + CONDITIONS_END) <= 30 * S, 'an instant-value alert resolves at the next evaluation');
  for (const kind of kinds) assert.ok(receiver.batches.flat().some((a) => a.labels.alertname === kind), `${kind} notified`);
  await proc.service.stop();
});
