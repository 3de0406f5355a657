// The service's own contract: option validation, group loops that never overlap, the leader
// without a lock, background failures that are reported and not thrown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GroupScheduler } from '../../src/rules/engine/scheduler.js';
import { RulesService } from '../../src/rules/service.js';
import type { CompiledGroup } from '../../src/rules/types.js';
import { alertRule, CollectingNotifier, ruleSetOf, sample, ScriptedSource } from '../helpers/rules-engine.js';

const source = new ScriptedSource();
const ruleSet = () => ruleSetOf([]);

test('constructor rejects invalid options, naming the option', () => {
  const make = (o: object) => () => new RulesService({ source, ruleSet, ...o });
  assert.throws(() => new RulesService({ ruleSet } as never), /source must be a QuerySource/);
  assert.throws(() => new RulesService({ source } as never), /ruleSet must be a function/);
  assert.throws(make({ dedupWindowMs: 0 }), /dedupWindowMs must be a positive number, got 0/);
  assert.throws(make({ dedupWindowMs: Number.NaN }), /dedupWindowMs must be a positive number/);
  assert.throws(make({ maxConcurrentQueries: 1.5 }), /maxConcurrentQueries must be an integer >= 1/);
  assert.throws(make({ notifiers: [new CollectingNotifier('a'), new CollectingNotifier('a')] }), /two notifiers are named "a"/);
  assert.throws(make({ leaderLock: { key: 1 } }), /leaderLock needs db/);
  assert.throws(make({ clock: 5 }), /clock must be a function/);
});

test('without a database the service leads at once and its loops evaluate every group at its interval', async () => {
  const src = new ScriptedSource().set('x > 1', [sample(2)]);
  const rs = ruleSetOf([], [
    { name: 'fast', intervalMs: 20, rules: [alertRule({ name: 'A', group: 'fast', expr: 'x > 1' })] },
    { name: 'slow', intervalMs: 10_000, rules: [alertRule({ name: 'B', group: 'slow', expr: 'x > 1' })] },
  ]);
  const service = new RulesService({ source: src, ruleSet: () => rs });
  assert.equal(service.isLeader(), false);
  await service.start();
  assert.equal(service.isLeader(), true);
  await new Promise((r) => setTimeout(r, 150));
  await service.stop();
  const fast = src.calls.filter((c) => c.expr === 'x > 1').length;
  assert.ok(fast >= 4, `both groups ran, the fast one repeatedly (${fast} queries)`);
  assert.deepEqual((await service.alerts()).map((a) => a.alertname).sort(), ['A', 'B']);
  assert.equal(service.isLeader(), false);
});

test('evaluations of one group never overlap, even when one takes longer than the interval', async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  let runs = 0;
  const group: CompiledGroup = { name: 'g', intervalMs: 10, rules: [] };
  const scheduler = new GroupScheduler({
    groups: () => [group],
    clock: Date.now,
    evaluate: async () => {
      inFlight++;
      runs++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 35));
      inFlight--;
    },
  });
  scheduler.start();
  await new Promise((r) => setTimeout(r, 200));
  await scheduler.stop();
  assert.equal(maxInFlight, 1);
  assert.ok(runs >= 3 && runs <= 6, `slow evaluations skip the ticks they overran (${runs} runs)`);
  assert.equal(inFlight, 0, 'stop waits for the evaluation in flight');
});

test('a group loop survives evaluations that throw and a rule set that cannot be read', async () => {
  let runs = 0;
  let broken = false;
  const group: CompiledGroup = { name: 'g', intervalMs: 5, rules: [] };
  const scheduler = new GroupScheduler({
    groups: () => {
      if (broken) throw new Error('reload in progress');
      return [group];
    },
    clock: Date.now,
    syncMs: 10,
    evaluate: async () => {
      runs++;
      throw new Error('boom');
    },
  });
  scheduler.start();
  await new Promise((r) => setTimeout(r, 40));
  broken = true;
  await new Promise((r) => setTimeout(r, 30));
  broken = false;
  const before = runs;
  await new Promise((r) => setTimeout(r, 40));
  await scheduler.stop();
  assert.ok(before >= 3 && runs > before, `kept running through failures (${before} then ${runs})`);
});

test('query concurrency within a group is bounded by maxConcurrentQueries', async () => {
  let inFlight = 0;
  let max = 0;
  const src = new ScriptedSource();
  const rules = Array.from({ length: 10 }, (_, i) => alertRule({ name: `R${i}`, expr: `q${i}` }));
  for (const r of rules) {
    src.set(r.expr, async () => {
      max = Math.max(max, ++inFlight);
      await new Promise((res) => setTimeout(res, 5));
      inFlight--;
      return [];
    });
  }
  const service = new RulesService({ source: src, ruleSet: () => ruleSetOf(rules), maxConcurrentQueries: 3 });
  await service.evaluateOnce();
  assert.equal(max, 3);
  assert.equal(src.calls.length, 10);
});

test('evaluations of one group started together run one after another: no duplicate alert or notification', async () => {
  const src = new ScriptedSource().set('x > 1', async () => {
    await new Promise((r) => setTimeout(r, 10));
    return [sample(2)];
  });
  const receiver = new CollectingNotifier();
  const service = new RulesService({ source: src, ruleSet: () => ruleSetOf([alertRule({ name: 'X', expr: 'x > 1' })]), notifiers: [receiver] });
  const t0 = Date.parse('2025-01-20T10:00:00Z');
  const reports = await Promise.all([service.evaluateOnce(t0), service.evaluateOnce(t0 + 1000), service.evaluateOnce(t0 + 2000)]);
  await service.notificationsIdle();
  assert.deepEqual(reports.map((r) => r.failures), [0, 0, 0]);
  assert.equal((await service.alerts()).length, 1);
  assert.deepEqual(receiver.sent, ['firing X']);
});
