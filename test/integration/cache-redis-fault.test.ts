// Redis failures never reach callers: a throwaway redis-server is killed mid-stream and
// restarted on the same port, then frozen (SIGSTOP) to make every command slow.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { TieredCache } from '../../src/cache/index.js';
import { freePort } from '../helpers/ports.js';
import { required } from '../helpers/services.js';

let child: ChildProcess | undefined;
let port = 0;
const caches: TieredCache[] = [];

after(async () => {
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
  for (let i = 0; i < 200; i++) {
    if (await answers()) return true;
    await sleep(10);
  }
  throw new Error(`redis-server did not start on port ${port}`);
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

async function until(what: string, check: () => boolean, ms: number): Promise<number> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > ms) assert.fail(`${what} not within ${ms} ms`);
    await sleep(5);
  }
  return Math.round(performance.now() - start);
}

test('Redis killed mid-stream and restarted: no call fails, L1 serves, L2 resumes by itself', async (t) => {
  port = await freePort();
  if (!(await startRedis(t))) return;
  // A small L1 over a larger key space, so L2 is read all the time.
  const cache = new TieredCache({ redisUrl: `redis://127.0.0.1:${port}`, maxEntries: 8, commandTimeoutMs: 50 });
  caches.push(cache);
  await until('first connection', () => cache.l2State() === 'connected', 2000);
  const s = stream(cache, 32);
  await until('L2 hits', () => cache.stats().l2.hits > 50, 5000);

  await stopRedis('SIGKILL');
  const degradedAfter = await until('degraded state', () => cache.l2State() === 'degraded', 2000);
  const callsAtKill = s.state.calls;
  const slowestBefore = s.state.slowest;
  s.state.slowest = 0;
  await sleep(700);
  assert.ok(s.state.calls - callsAtKill > 50, `traffic kept flowing (${s.state.calls - callsAtKill} calls)`);
  const slowestDuringOutage = s.state.slowest;
  assert.ok(slowestDuringOutage < 250, `no call waited on the dead Redis (slowest ${slowestDuringOutage.toFixed(1)} ms)`);
  const errorsDuringOutage = cache.stats().l2.errors;
  assert.ok(errorsDuringOutage > 0);

  await startRedis(t);
  const reconnectedAfter = await until('reconnection', () => cache.l2State() === 'connected', 5000);
  const hitsAtRestart = cache.stats().l2.hits;
  await until('L2 hits again', () => cache.stats().l2.hits > hitsAtRestart + 20, 5000);
  await s.stop();

  assert.equal(s.state.rejected, 0, 'no call rejected');
  assert.equal(s.state.wrong, 0, 'every value right');
  t.diagnostic(
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
  const cache = new TieredCache({ redisUrl: `redis://127.0.0.1:${port}`, commandTimeoutMs: 50 });
  caches.push(cache);
  await until('connection', () => cache.l2State() === 'connected', 2000);
  await cache.set('frozen', 1);
  child!.kill('SIGSTOP');
  try {
    const other = new TieredCache({ redisUrl: `redis://127.0.0.1:${port}`, commandTimeoutMs: 50 });
    caches.push(other);
    // `other` cannot even connect: its first lookup waits for the attempt at most the timeout.
    const start = performance.now();
    assert.equal(await other.get('frozen'), undefined);
    const firstLookupMs = performance.now() - start;
    assert.ok(firstLookupMs < 150, `first lookup took ${firstLookupMs.toFixed(1)} ms`);
    const startSet = performance.now();
    await cache.set('x', 2);
    assert.equal(await cache.get('x'), 2, 'the write still reached L1');
    const elapsed = performance.now() - startSet;
    assert.ok(elapsed < 200, `set+get took ${elapsed.toFixed(1)} ms with Redis frozen`);
    assert.ok(cache.stats().l2.timeouts >= 1, `timeouts ${cache.stats().l2.timeouts}`);
    assert.equal(cache.l2State(), 'degraded');
    t.diagnostic(`cold first lookup ${firstLookupMs.toFixed(1)} ms, set+get ${elapsed.toFixed(1)} ms with Redis frozen`);
  } finally {
    child!.kill('SIGCONT');
  }
  const recovered = await until('recovery', () => cache.l2State() === 'connected', 5000);
  await cache.set('after', 3);
  const reader = new TieredCache({ redisUrl: `redis://127.0.0.1:${port}` });
  caches.push(reader);
  await until('reader connection', () => reader.l2State() === 'connected', 2000);
  assert.equal(await reader.get('after'), 3);
  t.diagnostic(`connected again ${recovered} ms after SIGCONT`);
});
