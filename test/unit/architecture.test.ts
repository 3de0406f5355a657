// The layering of src/ holds: no import cycle, no domain folder importing the HTTP layer or the
// composition root, the bottom layers importing nothing above them (.dependency-cruiser.cjs says
// which, dependency-cruiser checks it on the TypeScript sources, type-only imports included),
// and no domain folder reading the environment (the composition root maps Config onto options).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../src/db/package-root.js';

const root = packageRoot(path.dirname(fileURLToPath(import.meta.url)));
const depcruise = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: Array<{ name: string }>;
}

// Runs dependency-cruiser on `cwd`/src with the project's rules; returns its violations.
function violations(cwd: string): Violation[] {
  const run = spawnSync(process.execPath, [depcruise, 'src', '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 300_000,
  });
  assert.ok(run.stdout, `dependency-cruiser printed nothing: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const describe = (v: Violation) => `${v.rule.name}: ${v.from} → ${v.cycle ? v.cycle.map((c) => c.name).join(' → ') : v.to}`;

test('src/ has no import cycle and no import against the layering', { timeout: 300_000 }, () => {
  const found = violations(root);
  assert.deepEqual(found.map(describe), []);
});

test('the check sees a domain importing api/, a cycle and a bottom layer importing upward', { timeout: 300_000 }, (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layering-'));
  t.onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src'] }));
  write('src/rules/alert.ts', "import type { View } from '../api/view.js';\nexport const alert = (v: View) => v;\n");
  write('src/api/view.ts', "import { alert } from '../rules/alert.js';\nexport type View = string;\nexport const show = alert;\n");
  write('src/log/index.ts', "import { level } from '../config/index.js';\nimport { fmt } from './format.js';\nexport const log = fmt(level);\n");
  write('src/log/format.ts', 'export const fmt = (s: string) => s;\n');
  write('src/config/index.ts', "export const level = 'info';\n");
  write('src/traces/store.ts', "import { start } from '../server/index.js';\nexport const store = start;\n");
  write('src/server/index.ts', 'export const start = 1;\n');

  const found = violations(dir).map(describe).sort();
  const cycles = found.filter((v) => v.startsWith('no-circular: '));
  assert.ok(cycles.length >= 1 && cycles.every((c) => c.includes('src/rules/alert.ts') && c.includes('src/api/view.ts')), found.join('\n'));
  assert.deepEqual(found.filter((v) => !cycles.includes(v)), [
    'base-imports-upward: src/log/index.ts → src/config/index.ts',
    'composition-root-imported: src/traces/store.ts → src/server/index.ts',
    'domain-imports-http-or-composition: src/rules/alert.ts → src/api/view.ts',
    'domain-imports-http-or-composition: src/traces/store.ts → src/server/index.ts',
    'http-layer-imported-below: src/rules/alert.ts → src/api/view.ts',
  ]);
});

test('domain folders do not read process.env', () => {
  const readers: string[] = [];
  for (const folder of ['rules', 'traces', 'prediction', 'perf', 'cache', 'batch', 'db', 'ratelimit']) {
    for (const file of fs.readdirSync(path.join(root, 'src', folder), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const rel = `src/${folder}/${file}`;
      if (/\bprocess\.env\b/.test(fs.readFileSync(path.join(root, rel), 'utf8'))) readers.push(rel);
    }
  }
  // The agent's trace-store variables too are parsed by src/config and handed over as options.
  assert.deepEqual(readers, [], 'a domain folder reads process.env: take the value as an option from src/server (or src/agent) instead');
});
