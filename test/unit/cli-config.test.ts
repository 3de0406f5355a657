// `foresight config` prints the values in effect and where each came from, secrets masked;
// `--markdown` prints the README's table.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { envSchema } from '../../src/config/index.js';
import { envMarkdownTable } from '../../src/config/markdown.js';
import { packageRoot } from '../../src/db/package-root.js';

const bin = path.join(packageRoot(path.dirname(fileURLToPath(import.meta.url))), 'bin', 'foresight.js');

/** `foresight config ...args` with `env` over an environment holding none of the schema's variables. */
function config(args: string[], env: Record<string, string>) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(k in envSchema.shape)));
  return spawnSync(process.execPath, [bin, 'config', ...args], { cwd: os.tmpdir(), encoding: 'utf8', env: { ...inherited, ...env }, timeout: 30_000 });
}

test('each variable with its value in effect and its source; secrets masked', () => {
  const run = config([], {
    PORT: '9999',
    TRACE_SLOW_MS: 'p95',
    DATABASE_URL: 'postgres://app:pw-456@db/app',
    ADMIN_TOKEN: 'tok-123',
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^variable +value +source$/m);
  assert.match(run.stdout, /^PORT +9999 +environment$/m);
  assert.match(run.stdout, /^HOST +0\.0\.0\.0 +default$/m);
  assert.match(run.stdout, /^TRACE_SLOW_MS +p95 +environment$/m);
  assert.match(run.stdout, /^TRACE_STORE_MAX_TRACES +2000 +default$/m);
  assert.match(run.stdout, /^DATABASE_URL +postgres:\/\/app:\*\*\*\*@db\/app +environment$/m);
  assert.match(run.stdout, /^ADMIN_TOKEN +\*\*\*\* +environment$/m);
  assert.match(run.stdout, /^REDIS_URL +\(unset\) +default$/m);
  assert.doesNotMatch(run.stdout + run.stderr, /pw-456|tok-123/);
  for (const name of Object.keys(envSchema.shape)) assert.match(run.stdout, new RegExp(`^${name} `, 'm'), name);
});

test('an agent variable with a bad value shows its default and why; a refused service variable exits 1', () => {
  const ignored = config([], { TRACE_STORE_MAX_TRACES: 'lots' });
  assert.equal(ignored.status, 0, ignored.stderr);
  assert.match(ignored.stdout, /^TRACE_STORE_MAX_TRACES +2000 +default\n +ignored: TRACE_STORE_MAX_TRACES="lots" ignored/m);
  const refused = config([], { BATCH_ENABLED: 'yes' });
  assert.equal(refused.status, 1);
  assert.match(refused.stdout, /^BATCH_ENABLED +yes +environment\n +invalid: BATCH_ENABLED: /m);
});

test('--markdown prints the README table', () => {
  const run = config(['--markdown'], { PORT: '9999' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, envMarkdownTable() + '\n');
});
