// The resource the agent attaches to every export and shows on /metrics as target_info names the
// process (executable, script, pid) but never its arguments: a token passed on the command line
// must not be published.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'vitest';
import { envSchema } from '../../src/config/index.js';
import { registerEntry, repoRoot } from '../fixtures/register-harness/index.js';

// The app scrapes its own telemetry port, prints the scrape, then stops the agent.
const APP = `
const { telemetry } = await import(${JSON.stringify(pathToFileURL(registerEntry).href)});
const res = await fetch('http://127.0.0.1:' + telemetry.metricsPort + '/metrics');
console.log(JSON.stringify({ status: res.status, metrics: await res.text() }));
await telemetry.shutdown();
process.exit(0);
`;

test('target_info carries the process but not its command-line arguments', () => {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(k in envSchema.shape) && !k.startsWith('OTEL_')));
  // A script file, as an app is run: `node --import foresight/register app.mjs --api-token=...`.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-resource-'));
  const script = path.join(dir, 'app.mjs');
  fs.writeFileSync(script, APP);
  const run = spawnSync(process.execPath, ['--import', registerEntry, script, '--api-token=s3cret-arg'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...inherited, OTEL_EXPORTER_PROMETHEUS_PORT: '0', OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1', OTEL_TRACES_EXPORTER: 'none' },
  });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(run.status, 0, `exit ${run.status}: ${run.stderr}`);
  const { status, metrics } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { status: number; metrics: string };
  assert.equal(status, 200);
  const targetInfo = metrics.split('\n').find((line) => line.startsWith('target_info{'));
  assert.ok(targetInfo, 'target_info is on /metrics');
  assert.match(targetInfo, /process_pid="\d+"/, 'the process is still described');
  assert.ok(targetInfo.includes(`process_command="${script}"`), `the script is named: ${targetInfo}`);
  assert.doesNotMatch(metrics, /s3cret-arg/, 'the argument is nowhere on /metrics');
  assert.doesNotMatch(targetInfo, /process_command_args|process_command_line/);
});
