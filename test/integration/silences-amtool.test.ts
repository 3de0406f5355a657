// The Alertmanager form of silences is Alertmanager's as its own client sees it: the real
// `amtool` (Debian's prometheus-alertmanager) adds a silence with a bearer token from its HTTP
// config file, finds it with a matcher query, reads it as JSON and expires it; without the token
// it is refused. Skipped without amtool, failed with FORESIGHT_REQUIRE_SERVICES=1.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import type { RunningServer } from '../../src/server/index.js';
import { call, startInProcess } from '../helpers/in-process.js';
import { requireTool } from '../helpers/tools.js';

const TOKEN = 'amtool-admin';
let server: RunningServer | undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-amtool-'));
const withToken = path.join(dir, 'http.yml');
fs.writeFileSync(withToken, `authorization:\n  type: Bearer\n  credentials: ${TOKEN}\n`);

beforeAll(async () => {
  server = await startInProcess({ ADMIN_TOKEN: TOKEN });
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Asynchronous: the server answering amtool runs in this process.
function amtool(args: string[], auth = true): Promise<{ code: number; out: string; err: string }> {
  const base = [`--alertmanager.url=${server!.url}/`, '--no-version-check', ...(auth ? [`--http.config.file=${withToken}`] : [])];
  return new Promise((resolve) => {
    execFile('amtool', [...base, ...args], { encoding: 'utf8', timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, out: stdout.trim(), err: stderr.trim() });
    });
  });
}

test('amtool adds, queries and expires a silence; without the token it is refused', async (t) => {
  if (!requireTool(t, 'amtool', 'prometheus-alertmanager')) return;
  const refused = await amtool(['silence', 'add', 'alertname=HighCpuUsage', '--comment=no token', '--duration=1h'], false);
  assert.notEqual(refused.code, 0, refused.out);

  const added = await amtool(['silence', 'add', 'alertname=HighCpuUsage', 'endpoint=~"/api/v1/.*"', '--author=ops', '--comment=maintenance', '--duration=2h']);
  assert.equal(added.code, 0, added.err);
  const id = added.out;
  assert.match(id, /\S+/);

  const queried = await amtool(['silence', 'query', '-o', 'json', 'alertname=HighCpuUsage']);
  assert.equal(queried.code, 0, queried.err);
  const [silence] = JSON.parse(queried.out) as Array<{ id: string; createdBy: string; comment: string; status: { state: string }; matchers: unknown[] }>;
  assert.equal(silence!.id, id);
  assert.equal(silence!.createdBy, 'ops');
  assert.equal(silence!.comment, 'maintenance');
  assert.equal(silence!.status.state, 'active');
  assert.deepEqual(silence!.matchers, [
    { name: 'alertname', value: 'HighCpuUsage', isRegex: false, isEqual: true },
    { name: 'endpoint', value: '/api/v1/.*', isRegex: true, isEqual: true },
  ]);
  // The same silence in the performance API.
  const perf = await call(server!.url, '/api/v1/performance/silences');
  assert.ok(perf.body.data.silences.some((s: { id: string }) => s.id === id));

  const expired = await amtool(['silence', 'expire', id]);
  assert.equal(expired.code, 0, expired.err);
  assert.equal((await amtool(['silence', 'query', '-q', 'alertname=HighCpuUsage'])).out, '');
});
