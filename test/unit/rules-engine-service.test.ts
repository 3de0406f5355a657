// The service's own contract: option validation, group loops that never overlap, the leader
// without a lock, background failures that are reported and not thrown.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { GroupScheduler } from '../../src/rules/engine/scheduler.js';
import { RulesService } from '../../src/rules/service.js';
import type { CompiledGroup } from '../../src/rules/types.js';
import { alertRule, CollectingNotifier, ruleSetOf, sample, ScriptedSource } from '../helpers/rules-engine.js';
import { waitFor } from '../helpers/wait-for.js';

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
  const src = new ScriptedSource().set('x > 1', [sample(2)]).set('y > 1', [sample(2)]);
  const rs = ruleSetOf([], [
    { name: 'fast', intervalMs: 20, rules: [alertRule({ name: 'A', group: 'fast', expr: 'x > 1' })] },
    { name: 'slow', intervalMs: 10_000, rules: [alertRule({ name: 'B', group: 'slow', expr: 'y > 1' })] },
  ]);
  const service = new RulesService({ source: src, ruleSet: () => rs });
  const queries = (expr: string) => src.calls.filter((c) => c.expr === expr).length;
  assert.equal(service.isLeader(), false);
  await service.start();
  try {
    assert.equal(service.isLeader(), true);
    await waitFor('four evaluations of the 20 ms group', () => queries('x > 1') >= 4);
  } finally {
    await service.stop();
  }
  // Four 20 ms intervals are far from the slow group's 10 s, however loaded the machine.
  assert.equal(queries('y > 1'), 1, 'the 10 s group ran once meanwhile');
  assert.deepEqual((await service.alerts()).map((a) => a.alertname).sort(), ['A', 'B']);
  assert.equal(service.isLeader(), false);
});

test('evaluations of one group never overlap, and stop waits for the one in flight', async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  let runs = 0;
  // Each evaluation is held until the test releases it (all of them once `holding` is off).
  let holding = true;
  const held: Array<() => void> = [];
  const releaseOne = () => held.shift()?.();
  const group: CompiledGroup = { name: 'g', intervalMs: 10, rules: [] };
  const scheduler = new GroupScheduler({
    groups: () => [group],
    clock: Date.now,
    evaluate: async () => {
      inFlight++;
      runs++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      if (holding) await new Promise<void>((resolve) => held.push(resolve));
      inFlight--;
    },
  });
  try {
    scheduler.start();
    await waitFor('the first evaluation', () => runs === 1);
    // A slower machine only lets more ticks go by while the first evaluation is held.
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(runs, 1, 'no evaluation started while one was running, five intervals later');
    for (let next = 2; next <= 3; next++) {
      releaseOne();
      await waitFor(`evaluation ${next}`, () => runs >= next);
    }
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(stopped, false, 'stop waits for the evaluation in flight');
    releaseOne();
    await stopping;
    assert.equal(inFlight, 0);
    assert.equal(maxInFlight, 1);
    assert.equal(runs, 3);
  } finally {
    holding = false;
    while (held.length) releaseOne();
    await scheduler.stop();
  }
});

test('an evaluation that overran its interval skips the ticks it missed instead of queueing them', async () => {
  let now = 0;
  const starts: number[] = [];
  let runsAtProbe: Promise<number> | undefined;
  const group: CompiledGroup = { name: 'g', intervalMs: 400, rules: [] };
  const scheduler = new GroupScheduler({
    groups: () => [group],
    clock: () => now,
    evaluate: async (_group, nowMs) => {
      starts.push(nowMs);
      if (starts.length > 1) return;
      // The first evaluation "takes" three and a half intervals on the scheduler's clock, so the
      // next tick is due 200 ms later (at 1600). Node runs due timers in the order of their due
      // times, however late its loop is: this probe, armed before the scheduler arms its next
      // tick, runs after a catch-up run of the missed ticks (due at once) and before 1600's.
      runsAtProbe = new Promise((resolve) => setTimeout(() => resolve(starts.length), 100));
      now += 1400;
    },
  });
  try {
    scheduler.start();
    await waitFor('the first evaluation', () => runsAtProbe !== undefined);
    assert.equal(await runsAtProbe, 1, 'no missed tick was run right after the overrun');
    await waitFor('the next tick', () => starts.length >= 2);
  } finally {
    await scheduler.stop();
  }
  assert.deepEqual(starts.slice(0, 2), [0, 1400], 'the next evaluation ran at the next tick, with the clock of then');
});

test('a group loop survives evaluations that throw and a rule set that cannot be read', async () => {
  let runs = 0;
  let broken = false;
  let unreadable = 0;
  const group: CompiledGroup = { name: 'g', intervalMs: 5, rules: [] };
  const scheduler = new GroupScheduler({
    groups: () => {
      if (broken) {
        unreadable++;
        throw new Error('reload in progress');
      }
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
  try {
    await waitFor('three evaluations that threw', () => runs >= 3);
    broken = true;
    // Read by both the loop's tick and the periodic sync while broken.
    await waitFor('the rule set read while unreadable', () => unreadable >= 3);
    broken = false;
    const before = runs;
    await waitFor('evaluations after the rule set is readable again', () => runs >= before + 2);
  } finally {
    await scheduler.stop();
  }
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
