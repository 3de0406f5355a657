// The README's configuration table is the one generated from the schema, and bad values are
// refused with the variable named.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { envMarkdownTable } from '../../src/config/markdown.js';
import { repoRoot } from '../helpers/spawn-server.js';

test('README lists every variable with its default (regenerate with `foresight config --markdown`)', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  assert.ok(readme.includes(envMarkdownTable()), 'README configuration table is stale: paste `foresight config --markdown` output');
});

test('defaults need no environment at all', () => {
  const c = loadConfig({});
  assert.equal(c.PORT, 8080);
  assert.equal(c.OTEL_EXPORTER_PROMETHEUS_PORT, 9464);
  assert.equal(c.DATABASE_URL, undefined);
  assert.equal(c.BATCH_ENABLED, true);
});

test('an invalid value names the variable', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
  assert.throws(() => loadConfig({ BATCH_ENABLED: 'yes' }), /BATCH_ENABLED/);
  assert.throws(() => loadConfig({ CACHE_TTL_JITTER: '2' }), /CACHE_TTL_JITTER/);
  // pino-roll reads a bare number as megabytes: a unit is required, so 10 never means 10 MB by surprise.
  assert.throws(() => loadConfig({ LOG_FILE_MAX_SIZE: '10' }), /LOG_FILE_MAX_SIZE/);
  assert.throws(() => loadConfig({ LOG_FILE_MAX_FILES: '0' }), /LOG_FILE_MAX_FILES/);
});
