// `foresight start` stopped by SIGTERM under load, as an orchestrator stops it: in-flight
// requests are answered, idle and busy keep-alive connections do not hold the process open,
// a request that never completes is cut at FORESIGHT_DRAIN_TIMEOUT_MS, the spans of the
// drained requests are exported (telemetry last), and the exit code is 0.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterAll, test } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';
import { adminSql, requireService, schemaScopedUrl, testDatabaseUrl } from '../helpers/services.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server.js';
import { waitFor } from '../helpers/wait-for.js';

const schema = `shutdown_${crypto.randomBytes(4).toString('hex')}`;
let created = false;
let server: SpawnedServer | undefined;
let receiver: OtlpReceiver | undefined;
afterAll(async () => {
  if (server?.child.exitCode === null) server.child.kill('SIGKILL');
  await receiver?.close();
  if (created) await adminSql(`DROP SCHEMA ${schema} CASCADE`);
});

/** Resolves with the exit code and the ms from now until the child exited. */
function exitOf(s: SpawnedServer): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => s.child.once('exit', (code, signal) => resolve({ code, signal, ms: Date.now() - t0 })));
}

/** Whether a new TCP connection to `port` is accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    c.once('connect', () => (c.destroy(), resolve(true)));
    c.once('error', () => resolve(false));
  });
}

/** The server's log line when the drain deadline cut connections (src/server/index.ts). */
const CUT_AT_DEADLINE = 'requests still in flight at the drain deadline; connections cut';

async function start(env: Record<string, string>): Promise<SpawnedServer> {
  if (!created) {
    await adminSql(`CREATE SCHEMA ${schema}`);
    created = true;
  }
  server = await spawnServer({ DATABASE_URL: schemaScopedUrl(schema), SEED_CITIES: '3', SEED_DAYS: '30', RULES_ENABLED: 'false', ...env });
  return server;
}

test('SIGTERM under 20 in-flight batch requests: all answered, keep-alive clients let go, spans exported, exit 0', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  receiver = await startOtlpReceiver();
  // Batches wait 6 s to fill, so every request is still in flight when the signal arrives.
  const drainDeadlineMs = 30_000;
  const s = await start({
    BATCH_MAX_WAIT_TIME: '6000', BATCH_MAX_SIZE: '10000', FORESIGHT_DRAIN_TIMEOUT_MS: String(drainDeadlineMs),
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_TRACES_EXPORTER: 'otlp', OTEL_TRACES_SAMPLER: 'always_on',
  });
  const { port } = new URL(s.url);
  const city: string = ((await (await fetch(`${s.url}/api/v1/cities`)).json()) as any).data.cities[0].slug;

  // An idle keep-alive connection, and a client that keeps its connection busy.
  const idleAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const idleClosed = new Promise<number>((resolve) => {
    http
      .get({ port, path: '/healthz', agent: idleAgent }, (res) => {
        res.on('error', () => {}).resume();
        res.socket.once('close', () => resolve(Date.now()));
      })
      .on('error', () => {});
  });
  const busyAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let busyDone = false;
  let busyAnswered = 0;
  let busyToldToClose = false;
  const busy = (async () => {
    while (!busyDone) {
      const ok = await new Promise<boolean>((resolve) => {
        http
          .get({ port, path: '/healthz', agent: busyAgent }, (res) => {
            if (res.headers.connection === 'close') busyToldToClose = true;
            res.on('error', () => resolve(false)).once('end', () => resolve(true));
            res.resume();
          })
          .on('error', () => resolve(false));
      });
      if (!ok) break;
      busyAnswered++;
    }
  })();

  // 100 distinct (city, hour) keys, so none is shared through the cache's single flight.
  const day = (i: number) => new Date(Date.now() - (i + 2) * 86_400_000).toISOString().slice(0, 10);
  let firstAnswerAt = Infinity;
  const inFlight = Array.from({ length: 20 }, (_, i) =>
    fetch(`${s.url}/api/v1/predict/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items: Array.from({ length: 5 }, (_, h) => ({ city, timestamp: `${day(i)}T${String(h).padStart(2, '0')}:00:00Z` })) }),
    })
      .finally(() => (firstAnswerAt = Math.min(firstAnswerAt, Date.now())))
      .then((r) => r.status, (err: Error) => `reset: ${err.message} ${(err.cause as Error | undefined)?.message ?? ""}`),
  );
  // Every request received and queued (20 × 5 items) before the signal: in flight on the server.
  // Once the 6 s batch is cut the queue empties, so waiting longer would be waiting for nothing.
  let queued = 0;
  const queuedAll = async () => {
    queued = ((await (await fetch(`${s.url}/api/v1/performance/batch/statistics`)).json()) as any).data.queue_size;
    return queued >= 100;
  };
  await waitFor('100 items queued', queuedAll, { timeoutMs: 5000, intervalMs: 20 }).catch((err: Error) => assert.fail(`${err.message}: ${queued} queued`));
  const exited = exitOf(s);
  const signalledAt = Date.now();
  s.child.kill('SIGTERM');

  // The listener takes what its backlog already holds (up to 250 ms), then closes. Polled while
  // the 20 requests are still in flight, so the refusal is the drain's doing, not the exit's.
  await waitFor('a new connection refused', async () => !(await accepts(Number(port))), { timeoutMs: 20_000, intervalMs: 25 });
  assert.ok(s.child.exitCode === null && s.child.signalCode === null, 'no new connection accepted once stopping, while still draining');
  const refusedAfterMs = Date.now() - signalledAt;
  const statuses = await Promise.all(inFlight);
  assert.deepEqual(statuses, Array(20).fill(200), `every in-flight request answered; server output:\n${s.output().slice(-4000)}`);
  const { code, signal, ms } = await exited;
  busyDone = true;
  await busy;
  assert.equal(signal, null, s.output());
  assert.equal(code, 0, s.output());
  assert.ok(!s.output().includes(CUT_AT_DEADLINE), `drained before the deadline: no keep-alive client held the process open\n${s.output().slice(-4000)}`);
  assert.ok(ms < drainDeadlineMs, `exited ${ms} ms after SIGTERM, before the ${drainDeadlineMs} ms deadline`);
  // Closed at once rather than at the end of the drain: before the batch was cut and answered.
  assert.ok((await idleClosed) < firstAnswerAt, 'the idle keep-alive connection was closed while the requests were in flight');
  assert.ok(busyAnswered > 0, 'the busy client was being served');
  assert.ok(busyToldToClose, 'the busy keep-alive client was told Connection: close');
  const spans = receiver.spans.filter((sp) => sp.name === 'POST /api/v1/predict/batch');
  assert.equal(spans.length, 20, 'the spans of the drained requests were exported before exit');
  await t.annotate(
    `exit ${code} ${ms} ms after SIGTERM; refused new connections ${refusedAfterMs} ms after; ` +
      `idle connection closed ${(await idleClosed) - signalledAt} ms after; 20/20 answered; busy client served ${busyAnswered} requests`,
  );
  idleAgent.destroy();
  busyAgent.destroy();
});

test('a request that never completes is cut at FORESIGHT_DRAIN_TIMEOUT_MS, then the process exits 0', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  const deadlineMs = 1500;
  const s = await start({ FORESIGHT_DRAIN_TIMEOUT_MS: String(deadlineMs), OTEL_TRACES_EXPORTER: 'none' });
  const { port } = new URL(s.url);
  // Headers promise a body that never comes: the request stays in flight. `Expect: 100-continue`
  // has the server say when it has read them, so the request is in flight before the signal.
  const stalled = net.connect(Number(port), '127.0.0.1');
  stalled.on('error', () => {});
  await new Promise((r) => stalled.once('connect', r));
  const cut = new Promise<void>((resolve) => stalled.once('close', () => resolve()));
  let received = '';
  const continued = new Promise<void>((resolve) =>
    stalled.on('data', (d: Buffer) => {
      received += d.toString();
      if (received.startsWith('HTTP/1.1 100 Continue')) resolve();
    }),
  );
  stalled.write(`POST /api/v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n`);
  await continued;
  stalled.write('{"ci');
  const exited = exitOf(s);
  s.child.kill('SIGTERM');
  const { code, ms } = await exited;
  await cut;
  assert.equal(code, 0, s.output());
  assert.ok(ms >= deadlineMs - 100, `exited ${ms} ms after SIGTERM: held until the ${deadlineMs} ms deadline`);
  assert.ok(s.output().includes(CUT_AT_DEADLINE), `the stalled request was cut at the deadline\n${s.output().slice(-4000)}`);
  // Far from 10 s, the default deadline, however loaded the machine: the configured one applied.
  assert.ok(ms < 10_000, `exited ${ms} ms after SIGTERM with a ${deadlineMs} ms deadline`);
  assert.doesNotMatch(received, /HTTP\/1\.1 [2-5]\d\d /, 'the stalled request got no answer: its connection was cut');
});
