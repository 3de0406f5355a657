// `node --import foresight/register` reads its variables through the one config schema: what
// disables it anywhere disables it here, and a bad value of a variable it can do without costs a
// warning naming it, never the app.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'vitest';
import { pathToFileURL } from 'node:url';
import { envSchema } from '../../src/config/index.js';
import { registerEntry, repoRoot } from '../fixtures/register-harness/index.js';

// The app: prints what the agent started, then stops it and exits.
const APP = `
const { telemetry } = await import(${JSON.stringify(pathToFileURL(registerEntry).href)});
const { sharedTraceStore } = await import(${JSON.stringify(pathToFileURL(path.join(repoRoot, 'dist/src/traces/shared.js')).href)});
console.log(JSON.stringify({ enabled: telemetry?.enabled ?? false, maxTraces: telemetry ? sharedTraceStore().options.maxTraces : null }));
await telemetry?.shutdown();
process.exit(0);
`;

/** Runs the app under the agent with `env` over a clean environment (none of the schema's variables inherited). */
function runApp(env: Record<string, string>) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(k in envSchema.shape) && !k.startsWith('OTEL_')));
  const run = spawnSync(process.execPath, ['--import', registerEntry, '--input-type=module', '-e', APP], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...inherited,
      OTEL_EXPORTER_PROMETHEUS_PORT: '0',
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
      ...env,
    },
  });
  assert.equal(run.status, 0, `exit ${run.status}: ${run.stderr}`);
  return { started: JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { enabled: boolean; maxTraces: number | null }, stderr: run.stderr };
}

test('OTEL_SDK_DISABLED=1 (or TRUE) disables the agent, as it does the rest of foresight', () => {
  for (const value of ['1', 'TRUE']) {
    const { started, stderr } = runApp({ OTEL_SDK_DISABLED: value });
    assert.deepEqual(started, { enabled: false, maxTraces: null }, value);
    assert.equal(stderr, '', value);
  }
  assert.equal(runApp({ OTEL_SDK_DISABLED: '0' }).started.enabled, true);
});

test('a bad TRACE_STORE_MAX_TRACES: one warning naming it, and the store runs with the default', () => {
  const { started, stderr } = runApp({ TRACE_STORE_MAX_TRACES: 'lots', TRACE_STORE_MAX_BYTES: '1048576' });
  assert.deepEqual(started, { enabled: true, maxTraces: 2000 });
  const warnings = stderr.split('\n').filter((l) => l.includes('TRACE_STORE_MAX_TRACES'));
  assert.equal(warnings.length, 1, stderr);
  assert.match(warnings[0]!, /TRACE_STORE_MAX_TRACES="lots" ignored \(.+\); using the default 2000/);
});
