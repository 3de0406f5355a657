// The committed rule exports of the stack are what `foresight rules export` produces from
// alert-rules/ now: a change to a rule without a re-export fails here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'vitest';
import { repoRoot } from '../helpers/spawn-server.js';

/** The exact commands that generated the committed files (also in README "Full stack"). */
const exports = [
  { dir: 'prometheus/rules', args: ['--target', 'prometheus'] },
  {
    dir: 'grafana/provisioning/alerting',
    args: ['--target', 'grafana', '--datasource', 'prometheus', '--webhook', 'http://api:8080/api/v1/performance/alerts/webhook'],
  },
];

for (const { dir, args } of exports) {
  test(`${dir} is fresh: foresight rules export ${args.join(' ')}`, () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-export-'));
    try {
      const run = spawnSync(process.execPath, ['bin/foresight.js', 'rules', 'export', ...args, '--out', out], { cwd: repoRoot, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const fresh = fs.readdirSync(out).sort();
      assert.deepEqual(fs.readdirSync(path.join(repoRoot, dir)).sort(), fresh, `${dir} holds other files than the export`);
      for (const f of fresh) {
        const committed = fs.readFileSync(path.join(repoRoot, dir, f), 'utf8');
        assert.ok(committed === fs.readFileSync(path.join(out, f), 'utf8'), `${dir}/${f} is stale: run foresight rules export ${args.join(' ')} --out ${dir}`);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
}
