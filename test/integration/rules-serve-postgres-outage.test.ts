// `foresight rules serve` while its Postgres goes away (connections cut, new ones refused, the
// shared cluster untouched) and comes back: /readyz stays 200 and says `degraded` with the
// database down (as the API does), the process keeps answering, and once Postgres is back it is
// ready again, leader again, with no restart.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, test } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { startRulesServer, type RunningRulesServer } from '../../src/server/rules-server.js';
import { faultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { call } from '../helpers/in-process.js';
import { adminSql, requireService, schemaScopedUrl, testDatabaseUrl } from '../helpers/services.js';

const schema = `rules_outage_${crypto.randomBytes(4).toString('hex')}`;
let server: RunningRulesServer | undefined;
let proxy: FaultProxy | undefined;
let app: http.Server | undefined;
let created = false;
afterAll(async () => {
  await proxy?.up().catch(() => {});
  await server?.close();
  await proxy?.close();
  await new Promise((r) => (app ? app.close(r) : r(undefined)));
  if (created) await adminSql(`DROP SCHEMA ${schema} CASCADE`);
});

type Ready = { status: number; body: { status: string; components: Record<string, { status: string; detail?: string }> } };

/** Polls /readyz until `done` holds for its answer; fails with the last answer after 30 s. */
async function readyzUntil(url: string, what: string, done: (r: Ready) => boolean): Promise<Ready> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = (await call(url, '/readyz')) as Ready;
    if (done(r)) return r;
    if (Date.now() > deadline) assert.fail(`${what}: not seen in 30 s; last /readyz ${r.status} ${JSON.stringify(r.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('rules serve: Postgres down → /readyz 200 degraded, database down; back → ready and leader without a restart', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  await adminSql(`CREATE SCHEMA ${schema}`);
  created = true;
  const target = new URL(testDatabaseUrl);
  proxy = await faultProxy({ host: target.hostname, port: Number(target.port) });
  // An app that is up, for the embedded evaluator to scrape: its target is then `up`, so any
  // `degraded` below comes from the database.
  app = http.createServer((_req, res) => res.end('# TYPE shop_up gauge\nshop_up 1\n'));
  await new Promise<void>((resolve) => app!.listen(0, '127.0.0.1', resolve));
  const appPort = (app.address() as AddressInfo).port;
  server = await startRulesServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_FILE: '',
      DATABASE_URL: proxy.via(schemaScopedUrl(schema)),
      RULES_SCRAPE_TARGETS: `shop=http://127.0.0.1:${appPort}/metrics`,
      SCRAPE_INTERVAL_MS: '200',
    }),
  );
  const url = server.url;
  const leader = (r: Ready) => r.body.components.rules?.detail?.endsWith(', leader') === true;

  const before = await readyzUntil(url, 'ready and leader before the outage', (r) => r.body.status === 'ready' && leader(r));
  assert.equal(before.status, 200);
  assert.equal(before.body.components.database?.status, 'up');

  await proxy.down();
  const during = await readyzUntil(url, 'the database seen down', (r) => r.body.components.database?.status === 'down');
  assert.equal(during.status, 200, `still in rotation: ${JSON.stringify(during.body)}`);
  assert.equal(during.body.status, 'degraded');
  // The leader lock's session was cut with the rest: the service waits as a standby.
  const standby = await readyzUntil(url, 'leadership lost with the session', (r) => !leader(r));
  assert.equal(standby.status, 200);
  assert.equal(standby.body.status, 'degraded');
  assert.equal((await call(url, '/healthz')).status, 200, 'the process answers');

  await proxy.up();
  const back = await readyzUntil(url, 'ready and leader again after Postgres is back', (r) => r.body.status === 'ready' && leader(r));
  assert.equal(back.status, 200);
  assert.equal(back.body.components.database?.status, 'up');
});
