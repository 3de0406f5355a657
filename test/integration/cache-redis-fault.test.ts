// Redis failures never reach callers: a throwaway redis-server is killed mid-stream and
// restarted on the same port, then frozen (SIGSTOP) to make every command slow.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, test } from 'vitest';
import { TieredCache } from '../../src/cache/index.js';
import { failFastOptions } from '../../src/cache/redis-connection.js';
import { freePort } from '../helpers/ports.js';
import { required } from '../helpers/services.js';
import { waitFor } from '../helpers/wait-for.js';

let child: ChildProcess | undefined;
let port = 0;
const caches: TieredCache[] = [];

afterAll(async () => {
  for (const c of caches) await c.close();
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

function answers(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** Starts redis-server on `port`; resolves once it accepts connections. */
async function startRedis(t: { skip(reason: string): void }): Promise<boolean> {
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const spawned = await new Promise<boolean>((resolve) => {
    proc.once('spawn', () => resolve(true));
    proc.once('error', () => resolve(false));
  });
  if (!spawned) {
    const reason = 'redis-server is not installed (Debian: apt-get install redis-server)';
    if (required) throw new Error(`${reason} (FORESIGHT_REQUIRE_SERVICES=1)`);
    t.skip(reason);
    return false;
  }
  child = proc;
  await waitFor(`redis-server accepting connections on port ${port}`, answers);
  return true;
}

async function stopRedis(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  const proc = child!;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill(signal);
  await exited;
}

/** Calls getOrCompute in a loop (like request traffic) and records every outcome. */
function stream(cache: TieredCache, keys: number) {
  const state = { calls: 0, rejected: 0, wrong: 0, slowest: 0, stop: false };
  const done = (async () => {
    for (let i = 0; !state.stop; i++) {
      const k = i % keys;
      const start = performance.now();
      try {
        const { value } = await cache.getOrCompute(`item:${k}`, () => Promise.resolve({ k }), { tags: ['stream'] });
        if (value.k !== k) state.wrong++;
      } catch {
        state.rejected++;
      }
      state.slowest = Math.max(state.slowest, performance.now() - start);
      state.calls++;
      await sleep(1);
    }
  })();
  return { state, stop: async () => ((state.stop = true), await done) };
}

test('Redis killed mid-stream and restarted: no call fails, L1 serves, L2 resumes by itself', async (t) => {
  port = await freePort();
  if (!(await startRedis(t))) return;
  // A small L1 over a larger key space, so L2 is read all the time. A command timeout of a second:
  // a call that waited on the dead Redis would take about that long, or count a timeout; one that
  // failed at once takes milliseconds, so half of it is a bound no slow machine comes near.
  const commandTimeoutMs = 1000;
  const cache = new TieredCache({ redisUrl: `redis://127.0.0.1:${port}`, maxEntries: 8, commandTimeoutMs });
  caches.push(cache);
  await waitFor('first connection', () => cache.l2State() === 'connected');
  const s = stream(cache, 32);
  await waitFor('L2 hits', () => cache.stats().l2.hits > 50);

  await stopRedis('SIGKILL');
  const degradedAfter = await waitFor('degraded state', () => cache.l2State() === 'degraded');
  const callsAtKill = s.state.calls;
  const slowestBefore = s.state.slowest;
  const timeoutsAtKill = cache.stats().l2.timeouts;
  s.state.slowest = 0;
  // Redis stays dead until restarted below: these calls all run during the outage.
  await waitFor('50 calls with Redis dead', () => s.state.calls - callsAtKill > 50, { timeoutMs: 20_000 });
  const slowestDuringOutage = s.state.slowest;
  assert.equal(cache.stats().l2.timeouts, timeoutsAtKill, 'no call waited for its command timeout: each failed at once');
  assert.ok(slowestDuringOutage < commandTimeoutMs / 2, `no call waited on the dead Redis (slowest ${slowestDuringOutage.toFixed(1)} ms)`);
  const errorsDuringOutage = cache.stats().l2.errors;
  assert.ok(errorsDuringOutage > 0);

  await startRedis(t);
  const reconnectedAfter = await waitFor('reconnection', () => cache.l2State() === 'connected', { timeoutMs: 20_000 });
  const hitsAtRestart = cache.stats().l2.hits;
  await waitFor('L2 hits again', () => cache.stats().l2.hits > hitsAtRestart + 20);
  await s.stop();

  assert.equal(s.state.rejected, 0, 'no call rejected');
  assert.equal(s.state.wrong, 0, 'every value right');
  await t.annotate(
    `degraded ${degradedAfter} ms after SIGKILL; reconnected ${reconnectedAfter} ms after restart; ` +
      `slowest call before ${slowestBefore.toFixed(1)} ms, during outage ${slowestDuringOutage.toFixed(1)} ms; ` +
      `${s.state.calls} calls, l2 ${JSON.stringify(cache.stats().l2)}`,
  );
});

test('a frozen Redis (SIGSTOP) makes commands time out as misses, then recovers on SIGCONT', async (t) => {
  if (!child || child.exitCode !== null) {
    port = await freePort();
    if (!(await startRedis(t))) return;
  }
  const commandTimeoutMs = 50;
  // A frozen Redis keeps its connections open, so only the connection's own deadlines (connect
  // and socket timeouts, a second or more) would end a call the command timeout did not: a call
  // that ends in half that time was ended by its 50 ms command timeout, however slow the machine.
  const { connectTimeout = 0, socketTimeout = 0 } = failFastOptions(commandTimeoutMs);
  const boundMs = Math.min(connectTimeout, socketTimeout) / 2;
  const cache = new TieredCache({ redisUrl: `redis://127.0.0.1:${port}`, commandTimeoutMs });
  caches.push(cache);
  await waitFor('connection', () => cache.l2State() === 'connected');
  await cache.set('frozen', 1);
  child!.kill('SIGSTOP');
  try {
    const other = new TieredCache({ redisUrl: `redis://127.0.0.1:${port}`, commandTimeoutMs });
    caches.push(other);
    // `other` cannot even connect: its first lookup waits for the attempt at most the timeout.
    const start = performance.now();
    assert.equal(await other.get('frozen'), undefined);
    const firstLookupMs = performance.now() - start;
    assert.ok(firstLookupMs < boundMs, `first lookup took ${firstLookupMs.toFixed(1)} ms`);
    const timeoutsBefore = cache.stats().l2.timeouts;
    const startSet = performance.now();
    await cache.set('x', 2);
    assert.equal(await cache.get('x'), 2, 'the write still reached L1');
    const elapsed = performance.now() - startSet;
    assert.equal(cache.stats().l2.timeouts, timeoutsBefore + 1, 'the L2 write ended by its command timeout');
    assert.ok(elapsed < boundMs, `set+get took ${elapsed.toFixed(1)} ms with Redis frozen`);
    assert.equal(cache.l2State(), 'degraded');
    await t.annotate(`cold first lookup ${firstLookupMs.toFixed(1)} ms, set+get ${elapsed.toFixed(1)} ms with Redis frozen`);
  } finally {
    child!.kill('SIGCONT');
  }
  const recovered = await waitFor('recovery', () => cache.l2State() === 'connected', { timeoutMs: 20_000 });
  await cache.set('after', 3);
  const reader = new TieredCache({ redisUrl: `redis://127.0.0.1:${port}` });
  caches.push(reader);
  await waitFor('reader connection', () => reader.l2State() === 'connected');
  assert.equal(await reader.get('after'), 3);
  await t.annotate(`connected again ${recovered} ms after SIGCONT`);
});
