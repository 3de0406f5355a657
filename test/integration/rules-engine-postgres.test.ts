// The rules service on real Postgres (migration 010): state survives a restart without a
// duplicate notification, manual resolutions and silences survive it too, and the tables hold
// what the API serves.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { RulesService } from '../../src/rules/service.js';
import { alertRule, CollectingNotifier, ruleSetOf, sample, ScriptedSource, testClock } from '../helpers/rules-engine.js';
import { rulesSchema, type RulesSchema } from '../helpers/rules-db.js';
import { requireService, testDatabaseUrl } from '../helpers/services.js';

const T0 = Date.parse('2025-01-20T10:00:00Z');
const MIN = 60_000;
let schema: RulesSchema | undefined;
const open: Database[] = [];

// Unreachable Postgres leaves `schema` unset; each test then skips (or fails, when required).
beforeAll(async () => {
  schema = await rulesSchema().catch(() => undefined);
});
afterAll(async () => {
  for (const db of open) await db.close();
  await schema?.drop();
});

const rules = [
  alertRule({ name: 'HighLatency', expr: 'lat > 0.1', forMs: MIN, annotations: { summary: 'p99 {{ $value | humanizeDuration }}' } }),
  alertRule({ name: 'QueueLong', expr: 'queue > 50', severity: 'critical' }),
];

/** A "process": its own pool on the schema and its own service over it. */
async function processOn(source: ScriptedSource) {
  const db = await schema!.open();
  open.push(db);
  const receiver = new CollectingNotifier();
  const clock = testClock(T0);
  const service = new RulesService({ db, source, ruleSet: () => ruleSetOf(rules), notifiers: [receiver], clock: clock.now, leaderLock: false });
  const at = async (ms: number) => {
    clock.set(T0 + ms);
    const report = await service.evaluateOnce(T0 + ms);
    await service.notificationsIdle();
    return report;
  };
  return { db, service, receiver, at };
}

test('restart recovery: the alert is still firing and is not notified again within the dedup window', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  const source = new ScriptedSource().set('lat > 0.1', [sample(0.42, { endpoint: '/predict' })]).set('queue > 50', [sample(80)]);
  const first = await processOn(source);
  await first.at(0);
  await first.at(MIN);
  assert.deepEqual(first.receiver.sent.sort(), ['firing HighLatency', 'firing QueueLong']);
  const [latency] = await first.service.alerts({ state: 'firing', severity: 'warning' });
  assert.equal(latency!.annotations.summary, 'p99 420ms');
  await first.service.stop();
  await first.db.close();

  const second = await processOn(source);
  await second.at(2 * MIN);
  const firing = await second.service.alerts({ state: 'firing' });
  assert.deepEqual(firing.map((a) => a.alertname).sort(), ['HighLatency', 'QueueLong']);
  assert.equal(firing.find((a) => a.alertname === 'HighLatency')!.id, latency!.id, 'the same instance, not a new one');
  assert.equal(firing.find((a) => a.alertname === 'HighLatency')!.activeAt, new Date(T0).toISOString());
  assert.deepEqual(second.receiver.sent, [], 'no duplicate: both were notified less than 5 minutes ago');
  await second.at(5 * MIN);
  assert.deepEqual(second.receiver.sent, ['firing QueueLong'], 'QueueLong (notified at T0) is re-sent once the window passed');
  await second.at(6 * MIN);
  assert.deepEqual(second.receiver.sent.sort(), ['firing HighLatency', 'firing QueueLong'], 'HighLatency (notified at T0+1m) one minute later');

  const rows = await schema!.sql<{ alertname: string; state: string; last_notified_state: string; n: string }>(
    `SELECT a.alertname, a.state, a.last_notified_state, (SELECT count(*) FROM alert_history h WHERE h.alert_id = a.id) AS n
       FROM alerts a ORDER BY alertname`,
  );
  assert.deepEqual(rows.map((r) => [r.alertname, r.state, r.last_notified_state, Number(r.n)]), [
    ['HighLatency', 'firing', 'firing', 2],
    ['QueueLong', 'firing', 'firing', 2],
  ]);
  const unique = await schema!.sql<{ n: string }>(`SELECT count(*) AS n FROM alerts GROUP BY fingerprint HAVING count(*) > 1`);
  assert.deepEqual(unique, [], 'never two rows for one identity');
  await second.service.stop();
});

test('a manual resolution survives a restart: the alert stays resolved until its condition clears', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  await schema!.sql('TRUNCATE alerts, alert_history, silences');
  const source = new ScriptedSource().set('queue > 50', [sample(80)]);
  const first = await processOn(source);
  await first.at(0);
  const [alert] = await first.service.alerts({ state: 'firing' });
  const resolved = await first.service.resolve(alert!.id, 'admin');
  assert.equal(resolved!.resolvedBy, 'admin');
  await first.service.notificationsIdle();
  assert.deepEqual(first.receiver.sent, ['firing QueueLong', 'resolved QueueLong']);
  await first.service.stop();

  const second = await processOn(source);
  await second.at(10 * MIN);
  assert.deepEqual((await second.service.alerts()).map((a) => `${a.state} ${a.resolvedBy}`), ['resolved admin']);
  assert.deepEqual(second.receiver.sent, []);
  source.set('queue > 50', []);
  await second.at(11 * MIN);
  source.set('queue > 50', [sample(90)]);
  await second.at(12 * MIN);
  assert.deepEqual((await second.service.alerts()).map((a) => a.state), ['firing', 'resolved']);
  const history = (await second.service.history({ alertname: 'QueueLong' })).reverse();
  assert.deepEqual(history.map((h) => `${h.from}→${h.to}${h.actor ? ` by ${h.actor}` : ''}`), [
    'inactive→pending', 'pending→firing', 'firing→resolved by admin', 'inactive→pending', 'pending→firing',
  ]);
  await second.service.stop();
});

test('silences are stored: a new process honours a silence made by the previous one', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  await schema!.sql('TRUNCATE alerts, alert_history, silences');
  const source = new ScriptedSource().set('queue > 50', [sample(80)]);
  const first = await processOn(source);
  const silence = await first.service.silence({ matchers: [{ name: 'severity', value: 'critical' }], untilMs: T0 + 30 * MIN, createdBy: 'ops', comment: 'maintenance' });
  await first.service.stop();

  const second = await processOn(source);
  await second.at(0);
  const [alert] = await second.service.alerts();
  assert.equal(alert!.state, 'firing');
  assert.deepEqual(alert!.silencedBy, [silence.id]);
  assert.deepEqual(second.receiver.sent, []);
  assert.deepEqual((await second.service.silences()).map((s) => s.comment), ['maintenance']);
  assert.equal(await second.service.expireSilence(silence.id), true);
  await second.at(MIN);
  assert.deepEqual(second.receiver.sent, ['firing QueueLong']);
  assert.equal(await second.service.resolve('not-a-number', 'x'), undefined, 'an id that cannot exist finds nothing');
  await second.service.stop();
});

test('threshold_changes accepts the audit rows the performance API writes', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  await schema!.sql(`INSERT INTO threshold_changes (name, level, old, new, changed_by) VALUES ('cache_hit_rate', 'warning', 80, 75, 'admin')`);
  const [row] = await schema!.sql<{ old: number; new: number; changed_at: Date }>('SELECT old, new, changed_at FROM threshold_changes');
  assert.equal(row!.old, 80);
  assert.equal(row!.new, 75);
  assert.ok(row!.changed_at instanceof Date);
  await assert.rejects(schema!.sql(`INSERT INTO threshold_changes (name, level, new, changed_by) VALUES ('x', 'severe', 1, 'a')`), /check constraint/);
});
