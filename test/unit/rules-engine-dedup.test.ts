// Notifications as receivers see them: the 5-minute dedup window (seed 002), repeat sends of
// firing alerts, resolved sent once, flapping, manual resolution, silences, and no duplicate
// after a restart on the same store.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { MemoryAlertStore } from '../../src/rules/engine/memory-store.js';
import { RulesService } from '../../src/rules/service.js';
import { alertRule, CollectingNotifier, ruleSetOf, sample, ScriptedSource, testClock } from '../helpers/rules-engine.js';

const T0 = Date.parse('2025-01-20T10:00:00Z');
const S = 1000;
const MIN = 60 * S;

function setup(options: { store?: MemoryAlertStore; source?: ScriptedSource } = {}) {
  const source = options.source ?? new ScriptedSource();
  const receiver = new CollectingNotifier();
  const clock = testClock(T0);
  const rule = alertRule({ name: 'HighLatency', expr: 'lat > 0.1', annotations: { summary: 'p99 is {{ $value }}' } });
  const service = new RulesService({ source, ruleSet: () => ruleSetOf([rule]), notifiers: [receiver], clock: clock.now, store: options.store });
  const at = async (ms: number) => {
    clock.set(T0 + ms);
    await service.evaluateOnce(T0 + ms);
    await service.notificationsIdle();
  };
  return { service, source, receiver, clock, at };
}

test('a firing alert is not re-notified within 5 minutes and is re-sent once they pass', async () => {
  const { source, receiver, at } = setup();
  source.set('lat > 0.1', [sample(0.3)]);
  await at(0);
  assert.deepEqual(receiver.sent, ['firing HighLatency']);
  for (let t = 15 * S; t < 5 * MIN; t += 15 * S) await at(t);
  assert.equal(receiver.sent.length, 1, 'no repeat within the window');
  await at(5 * MIN);
  assert.deepEqual(receiver.sent, ['firing HighLatency', 'firing HighLatency'], 'repeat send once the window passed');
  const repeat = receiver.batches[1]![0]!;
  assert.equal(repeat.startsAtMs, T0, 'a repeat keeps the original start');
  assert.ok(repeat.validUntilMs > T0 + 5 * MIN + 5 * MIN, 'endsAt reaches past the next repeat');
  assert.equal(repeat.annotations.summary, 'p99 is 0.3');
});

test('the resolution is sent once, whatever the window', async () => {
  const { source, receiver, at } = setup();
  source.set('lat > 0.1', [sample(0.3)]);
  await at(0);
  source.set('lat > 0.1', []);
  await at(15 * S);
  await at(30 * S);
  assert.deepEqual(receiver.sent, ['firing HighLatency', 'resolved HighLatency']);
  const resolved = receiver.batches[1]![0]!;
  assert.equal(resolved.endsAtMs, T0 + 15 * S);
});

test('flapping within the window: one firing and one resolved notification, then a repeat after the window', async () => {
  const { source, receiver, at } = setup();
  for (let i = 0; i < 8; i++) {
    source.set('lat > 0.1', i % 2 === 0 ? [sample(0.3)] : []);
    await at(i * 15 * S);
  }
  assert.deepEqual(receiver.sent, ['firing HighLatency', 'resolved HighLatency']);
  source.set('lat > 0.1', [sample(0.3)]);
  await at(5 * MIN);
  assert.deepEqual(receiver.sent.slice(2), ['firing HighLatency'], 'firing again after the window is announced');
});

test('manual resolve: resolved is notified, it does not re-fire until the condition has cleared once', async () => {
  const { service, source, receiver, at } = setup();
  source.set('lat > 0.1', [sample(0.3)]);
  await at(0);
  const [alert] = await service.alerts({ state: 'firing' });
  const resolved = await service.resolve(alert!.id, 'ops@example.com');
  await service.notificationsIdle();
  assert.equal(resolved!.state, 'resolved');
  assert.equal(resolved!.resolvedBy, 'ops@example.com');
  assert.deepEqual(receiver.sent, ['firing HighLatency', 'resolved HighLatency']);
  assert.equal(await service.resolve(alert!.id, 'ops'), undefined, 'resolving twice finds no open alert');

  await at(15 * S);
  await at(10 * MIN);
  assert.deepEqual((await service.alerts()).map((a) => a.state), ['resolved'], 'condition still true: stays resolved');
  assert.equal(receiver.sent.length, 2);

  source.set('lat > 0.1', []);
  await at(11 * MIN);
  source.set('lat > 0.1', [sample(0.4)]);
  await at(12 * MIN);
  const states = (await service.alerts()).map((a) => a.state);
  assert.deepEqual(states, ['firing', 'resolved'], 'cleared once, so it fires again as a new instance');
  assert.deepEqual(receiver.sent.slice(2), ['firing HighLatency']);
  const manual = (await service.history({ alertId: alert!.id }))[0]!;
  assert.equal(manual.actor, 'ops@example.com');
  await assert.rejects(service.resolve(alert!.id, ' '), /by must name who resolves/);
});

test('a silenced alert is tracked but not notified; once the silence ends it is', async () => {
  const { service, source, receiver, at } = setup();
  const silence = await service.silence({
    matchers: [{ name: 'alertname', value: 'High.*', isRegex: true }],
    untilMs: T0 + 2 * MIN,
    createdBy: 'ops',
    comment: 'deploy',
  });
  source.set('lat > 0.1', [sample(0.3)]);
  await at(0);
  await at(MIN);
  const [alert] = await service.alerts();
  assert.equal(alert!.state, 'firing', 'tracked while silenced');
  assert.deepEqual(alert!.silencedBy, [silence.id]);
  assert.deepEqual(receiver.sent, []);
  await at(2 * MIN);
  assert.deepEqual(receiver.sent, ['firing HighLatency'], 'notified once the silence ended');
  assert.deepEqual((await service.alerts())[0]!.silencedBy, []);
});

test('an expired silence stops muting at once; a negative matcher does not match its value', async () => {
  const { service, source, receiver, at } = setup();
  const s = await service.silence({ matchers: [{ name: 'severity', value: 'critical', isEqual: false }], untilMs: T0 + 60 * MIN, createdBy: 'ops' });
  source.set('lat > 0.1', [sample(0.3)]);
  await at(0);
  assert.deepEqual(receiver.sent, [], 'severity=warning matches severity!=critical');
  assert.equal(await service.expireSilence(s.id), true);
  assert.equal(await service.expireSilence(s.id), false);
  await at(15 * S);
  assert.deepEqual(receiver.sent, ['firing HighLatency']);
});

test('silence input is validated with precise messages', async () => {
  const { service } = setup();
  await assert.rejects(service.silence({ matchers: [], untilMs: T0 + MIN, createdBy: 'x' }), /matchers must be a non-empty array/);
  await assert.rejects(service.silence({ matchers: [{ name: 'a', value: '(', isRegex: true }], untilMs: T0 + MIN, createdBy: 'x' }), /matchers\[0\]\.value is not a valid regex/);
  await assert.rejects(service.silence({ matchers: [{ name: '1a', value: 'x' }], untilMs: T0 + MIN, createdBy: 'x' }), /matchers\[0\]\.name must be a label name/);
  await assert.rejects(service.silence({ matchers: [{ name: 'a', value: 'x' }], untilMs: T0 - 1, createdBy: 'x' }), /untilMs must be after the start/);
  await assert.rejects(service.silence({ matchers: [{ name: 'a', value: 'x' }], untilMs: T0 + MIN, createdBy: '' }), /createdBy must name who silences/);
});

test('a new service on the same store keeps the alert firing and does not notify it again within the window', async () => {
  const store = new MemoryAlertStore();
  const source = new ScriptedSource().set('lat > 0.1', [sample(0.3)]);
  const first = setup({ store, source });
  await first.at(0);
  assert.deepEqual(first.receiver.sent, ['firing HighLatency']);
  await first.service.stop();

  const second = setup({ store, source });
  await second.at(MIN);
  assert.deepEqual((await second.service.alerts()).map((a) => a.state), ['firing']);
  assert.deepEqual(second.receiver.sent, [], 'notified 1 min ago by the previous instance');
  await second.at(5 * MIN);
  assert.deepEqual(second.receiver.sent, ['firing HighLatency'], 'the repeat comes when the window passes');
});
