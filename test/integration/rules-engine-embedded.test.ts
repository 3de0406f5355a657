// The Postgres store and leader lock on the embedded default (PGlite over the wire protocol):
// what `npm start` runs without DATABASE_URL must work the same as real Postgres.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { RulesService } from '../../src/rules/service.js';
import { alertRule, CollectingNotifier, ruleSetOf, sample, ScriptedSource } from '../helpers/rules-engine.js';

const T0 = Date.parse('2025-01-20T10:00:00Z');

test('embedded PGlite: migration 010 applies; lifecycle, resolve, silences and history persist; the lock is taken', async () => {
  const db = await openDatabase({ PGLITE_DATA_DIR: 'memory://', PGLITE_PORT: 0, DB_POOL_MAX: 4, DB_STATEMENT_TIMEOUT_MS: 5000 });
  const receiver = new CollectingNotifier();
  const source = new ScriptedSource().set('x > 1', [sample(2, { a: '1' }), sample(Infinity, { a: '2' })]);
  const service = new RulesService({
    db, source, notifiers: [receiver], ruleSet: () => ruleSetOf([alertRule({ name: 'X', expr: 'x > 1', forMs: 30_000 })]),
    leaderLock: false,
  });
  // Leadership on its own service: loops on the real clock would mix with the test's times.
  const leader = new RulesService({ db, source, ruleSet: () => ruleSetOf([], []), leaderLock: { retryMs: 100 } });
  try {
    await leader.start();
    assert.equal(leader.isLeader(), true, 'the advisory lock works on PGlite');
    await service.evaluateOnce(T0);
    await service.evaluateOnce(T0 + 30_000);
    await service.notificationsIdle();
    const firing = await service.alerts({ state: 'firing' });
    assert.equal(firing.length, 2);
    assert.equal(firing.find((a) => a.labels.a === '2')!.value, null, 'an infinite value is stored (float8) and served as null');
    const resolved = await service.resolve(firing[0]!.id, 'admin');
    assert.equal(resolved!.state, 'resolved');
    await service.silence({ matchers: [{ name: 'a', value: '2' }], untilMs: Date.now() + 3_600_000, createdBy: 'ops' });
    assert.equal((await service.silences()).length, 1);
    const history = await service.history();
    assert.deepEqual(history.map((h) => h.to).sort(), ['firing', 'firing', 'pending', 'pending', 'resolved']);
    assert.equal(receiver.sent.filter((s) => s.startsWith('firing')).length, 2);
  } finally {
    await service.stop(0);
    await leader.stop(0);
    await db.close();
  }
});
