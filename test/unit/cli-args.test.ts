// The CLI takes its arguments where a user types them (`foresight rules check DIR`) and refuses
// what it does not know instead of ignoring it; `foresight traces` finds the server on PORT.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../src/db/package-root.js';
import { defaultUrl } from '../../src/cli/traces.js';

const root = packageRoot(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'bin', 'foresight.js');

// The installed command, in a directory of its own (no ./alert-rules), with a clean environment.
function foresight(args: string[], env: Record<string, string> = {}, cwd = os.tmpdir()) {
  const { RULES_DIR: _r, PORT: _p, FORESIGHT_URL: _u, ...rest } = process.env;
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...rest, ...env }, timeout: 30_000 });
}

async function ruleDir(t: { onTestFinished(fn: () => Promise<void>): void }, yaml: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cli-rules-'));
  t.onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  await fs.writeFile(path.join(dir, 'rules.yaml'), yaml);
  return dir;
}

const BAD = 'version: "1"\ngroups:\n  - name: g\n    rules:\n      - alert: A\n        severity: warning\n        expr: rate(x[5q])\n';

test('rules check DIR checks DIR, not the shipped rules', async (t) => {
  const dir = await ruleDir(t, BAD);
  const run = foresight(['rules', 'check', dir]);
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stderr, /rules\.yaml:7: .*invalid PromQL/);
  assert.doesNotMatch(run.stdout, /OK/);
});

test('rules check without DIR reads RULES_DIR, the variable the server reads', async (t) => {
  const dir = await ruleDir(t, BAD);
  const run = foresight(['rules', 'check'], { RULES_DIR: dir });
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stderr, /rules\.yaml:7:/);
});

test('rules check of a directory that does not exist fails, naming it', () => {
  const run = foresight(['rules', 'check', '/nonexistent/rules']);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /\/nonexistent\/rules/);
});

test('rules check without arguments checks the rules shipped with the package', () => {
  const run = foresight(['rules', 'check']);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /alert-rules: OK, version/);
});

for (const args of [
  ['rules', 'check', 'a', 'b'],
  ['rules', 'check', '--bogus'],
  ['rules', 'check', '--out', 'x'],
  ['rules', 'check', '--dir', 'x'],
  ['rules', 'frobnicate'],
  ['rules'],
  ['rules', 'export', '--target', 'nagios', '--out', 'x'],
  ['traces', 'a', 'b'],
  ['traces', '--bogus'],
  ['traces', '--limit', 'many'],
  ['config', 'extra'],
  ['seed', '--force'],
  ['start', '--port', '9000'],
  ['frobnicate'],
]) {
  test(`foresight ${args.join(' ')}: usage error, exit 2`, () => {
    const run = foresight(args);
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /^foresight( \w+)?: .+\nusage: foresight/);
  });
}

test('help exits 0 with the usage', () => {
  for (const args of [['help'], ['--help'], ['rules', '--help'], ['traces', '--help'], ['config', '--help']]) {
    const run = foresight(args);
    assert.equal(run.status, 0, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stdout, /^usage: foresight/);
  }
});

test('traces --url defaults from FORESIGHT_URL, else PORT (8080 when unset); a bad PORT is an error', () => {
  assert.equal(defaultUrl('http://h:1/', {}), 'http://h:1');
  assert.equal(defaultUrl(undefined, { FORESIGHT_URL: 'http://h:2', PORT: '3' }), 'http://h:2');
  assert.equal(defaultUrl(undefined, { PORT: '9123' }), 'http://127.0.0.1:9123');
  assert.equal(defaultUrl(undefined, {}), 'http://127.0.0.1:8080');
  assert.throws(() => defaultUrl(undefined, { PORT: 'http' }), /PORT must be a port number, got "http"/);
});

test('traces reaches the server on PORT', () => {
  // Nothing listens on port 9 of this machine: the error names the address PORT gave.
  const run = foresight(['traces'], { PORT: '9' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /cannot reach http:\/\/127\.0\.0\.1:9 /);
});
