// Plain node:http apps, ESM and CommonJS, run unchanged under `node --import foresight/register`:
// with no router there is no route pattern, so every request shares one collapsed `endpoint`.
// And an app that handles SIGTERM itself keeps its own shutdown. The rest of what each app must
// show is in test/fixtures/agent-harness/suite.ts.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { startAgentApp } from '../fixtures/agent-harness/index.js';
import { serverSpan } from '../fixtures/agent-harness/reads.js';
import { agentAppSuite } from '../fixtures/agent-harness/suite.js';

agentAppSuite('http-esm', { routed: false });
agentAppSuite('http-cjs', { routed: false });

test("an app's own SIGTERM handler runs to its end, then the app exits 0 with its spans flushed", { timeout: 120_000 }, async () => {
  // A one-minute batch delay: the span can only arrive through a flush at shutdown.
  const app = await startAgentApp('http-own-sigterm', { env: { OTEL_BSP_SCHEDULE_DELAY: '60000' } });
  assert.equal(await (await fetch(`${app.url}/work`)).text(), 'ok');
  const ended = await app.stop('SIGTERM');
  assert.deepEqual(ended, { code: 0, signal: null }, app.output());
  assert.match(app.stdout(), /app: shutting down\n(.*\n)*app: clean-up done\n/, 'the clean-up was not cut short');
  const server = await serverSpan(app.receiver, '/work', 5000);
  assert.equal(server.resource['service.name'], 'fixture-http-own-sigterm');
});
