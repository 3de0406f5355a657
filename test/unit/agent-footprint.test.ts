// What the agent loads before an app runs is what every idle app it instruments carries in
// resident memory. zod (with every locale it ships) cost an idle Hono app ~11 MB of the ~41 MB the
// agent added, so the modules `foresight/register` loads up front must not reach it: the agent
// reads its variables without zod and loads the telemetry port's parameter validation on the
// first request. Checked on the compiled modules, which are what Node loads: their static imports
// load eagerly, a dynamic `import()` only when it runs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'vitest';

const distSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');
const staticImport = /^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]/gm;

/** Each package the static imports of `entry` reach, with one module that imports it. */
function eagerPackages(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, specifier] of fs.readFileSync(file, 'utf8').matchAll(staticImport)) {
      if (specifier!.startsWith('.')) visit(path.resolve(path.dirname(file), specifier!));
      else if (!specifier!.startsWith('node:') && !packages.has(specifier!)) packages.set(specifier!, path.relative(distSrc, file));
    }
  };
  visit(path.join(distSrc, entry));
  return packages;
}

test('the agent loads no zod before the app runs', () => {
  assert.ok(eagerPackages('agent/index.js').has('@opentelemetry/sdk-metrics'), 'the walk follows the imports');
  // register.ts imports the agent with `await import()` before the app: it loads up front too.
  for (const entry of ['telemetry/register.js', 'agent/index.js']) {
    const packages = eagerPackages(entry);
    const zod = [...packages].filter(([name]) => name === 'zod' || name.startsWith('zod/'));
    assert.deepEqual(zod, [], `${entry} reaches zod through`);
  }
});
