// Runs Prometheus' own `promtool` against the exported rules: `check rules` (syntax, templates)
// and `test rules` (the unit tests of alert-rules/tests). The tests name `foresight-rules.yml`
// relative to themselves, so they are copied next to the exported file in a temporary directory.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CompiledRuleSet } from '../types.js';
import { exportPrometheus, PROMETHEUS_RULE_FILE } from './prometheus.js';

/** Options of {@link runPromtool}. */
export interface PromtoolOptions {
  /** The promtool binary. @defaultValue 'promtool' (on PATH) */
  promtool?: string;
  /** Where promtool's output goes. @defaultValue process.stdout / process.stderr */
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

/** Exit code and output of one promtool run. */
export interface PromtoolResult {
  code: number;
  output: string;
}

/** `promtool check rules` on the exported rule set. */
export function promtoolCheck(ruleSet: CompiledRuleSet, options: PromtoolOptions = {}): Promise<PromtoolResult> {
  return inExportDir(ruleSet, [], (dir) => runPromtool(['check', 'rules', path.join(dir, PROMETHEUS_RULE_FILE)], dir, options));
}

/** `promtool test rules` with the test files `tests` (copied next to the exported rules). */
export function promtoolTest(ruleSet: CompiledRuleSet, tests: string[], options: PromtoolOptions = {}): Promise<PromtoolResult> {
  if (tests.length === 0) return Promise.resolve({ code: 1, output: 'no promtool test files\n' });
  return inExportDir(ruleSet, tests, (dir) => runPromtool(['test', 'rules', ...tests.map((t) => path.basename(t))], dir, options));
}

/** The `*.yaml`/`*.yml` files of `dir`, sorted; empty when it does not exist. */
export async function listTestFiles(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => path.join(dir, n));
}

/** Runs promtool with `args` in `cwd`, streaming and collecting its output; code 127 when missing. */
export function runPromtool(args: string[], cwd: string, options: PromtoolOptions = {}): Promise<PromtoolResult> {
  const bin = options.promtool ?? 'promtool';
  const out = options.stdout ?? process.stdout;
  const err = options.stderr ?? process.stderr;
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(bin, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (b: Buffer) => ((output += b.toString()), out.write(b)));
    child.stderr.on('data', (b: Buffer) => ((output += b.toString()), err.write(b)));
    child.on('error', (e) => {
      const message = `cannot run ${bin}: ${e.message}\n`;
      err.write(message);
      resolve({ code: 127, output: output + message });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

async function inExportDir<T>(ruleSet: CompiledRuleSet, tests: string[], fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'foresight-rules-'));
  try {
    for (const [name, text] of Object.entries(exportPrometheus(ruleSet))) await fs.writeFile(path.join(dir, name), text);
    for (const t of tests) await fs.copyFile(t, path.join(dir, path.basename(t)));
    return await fn(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
