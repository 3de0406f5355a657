// One active evaluator among replicas: two services on one Postgres, only the holder of the
// advisory lock evaluates; when its session is killed, the standby takes over.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { afterAll, beforeAll, test } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { RulesService } from '../../src/rules/service.js';
import type { CompiledGroup } from '../../src/rules/types.js';
import { alertRule, ruleSetOf, sample, ScriptedSource } from '../helpers/rules-engine.js';
import { rulesSchema, type RulesSchema } from '../helpers/rules-db.js';
import { requireService, testDatabaseUrl } from '../helpers/services.js';

let schema: RulesSchema | undefined;
const dbs: Database[] = [];
const services: RulesService[] = [];
beforeAll(async () => {
  schema = await rulesSchema().catch(() => undefined);
});
afterAll(async () => {
  for (const s of services) await s.stop(0);
  for (const db of dbs) await db.close();
  await schema?.drop();
});

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const groups: CompiledGroup[] = [{ name: 'fast', intervalMs: 50, rules: [alertRule({ name: 'Busy', group: 'fast', expr: 'busy > 0' })] }];

test('two services: only the lock holder evaluates; killing its session hands over to the standby', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  // A key of this test's own, so no other process holding the default key interferes.
  const key = crypto.randomInt(1, 2 ** 31 - 1);
  const replica = async () => {
    const db = await schema!.open();
    dbs.push(db);
    const source = new ScriptedSource().set('busy > 0', [sample(1)]);
    const service = new RulesService({ db, source, ruleSet: () => ruleSetOf([], groups), leaderLock: { key, retryMs: 200 } });
    services.push(service);
    await service.start();
    return { service, source };
  };
  const a = await replica();
  const b = await replica();
  await waitFor(() => a.source.calls.length >= 3, 5000, 'the first replica to evaluate');
  assert.equal(a.service.isLeader(), true);
  assert.equal(b.service.isLeader(), false);
  await new Promise((r) => setTimeout(r, 500)); // several standby retries
  assert.equal(b.service.isLeader(), false, 'the standby stays standby while the leader lives');
  assert.equal(b.source.calls.length, 0, 'the standby never evaluated');
  assert.deepEqual((await b.service.alerts()).map((x) => x.state), ['firing'], 'a standby serves the state the leader stored');

  const holders = await schema!.sql<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = $1 AND objsubid = 1 AND granted`,
    [key],
  );
  assert.equal(holders.length, 1, 'one session holds the lock');
  await schema!.sql('SELECT pg_terminate_backend($1)', [holders[0]!.pid]);

  await waitFor(() => b.service.isLeader(), 5000, 'the standby to take over');
  await waitFor(() => !a.service.isLeader(), 5000, 'the old leader to step down');
  const bCalls = b.source.calls.length;
  await waitFor(() => b.source.calls.length >= bCalls + 3, 5000, 'the new leader to evaluate');
  const aCalls = a.source.calls.length;
  await new Promise((r) => setTimeout(r, 500)); // the old leader retries and finds the lock taken
  assert.equal(a.service.isLeader(), false);
  assert.equal(a.source.calls.length, aCalls, 'the old leader does not evaluate any more');
  assert.deepEqual((await b.service.alerts()).map((x) => x.state), ['firing'], 'the new leader carried the alert on, no duplicate');

  await b.service.stop(0);
  await waitFor(() => a.service.isLeader(), 5000, 'the old leader to lead again once the lock is released');
});
