// Database-layer helpers that need no server: URL masking, package root, migration files.
import { test } from 'vitest';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { maskUrl, migrationsDir, packageRoot, readMigrations } from '../../src/db/index.js';

test('maskUrl hides the password and leaves the rest', () => {
  assert.equal(maskUrl('postgres://app:s3cret@db:5432/x'), 'postgres://app:***@db:5432/x');
  assert.equal(maskUrl('postgres://app@db/x'), 'postgres://app@db/x');
  assert.equal(maskUrl('not a url'), 'not a url');
});

test('the package root holds package.json and the migrations folder, from src or dist alike', () => {
  const root = packageRoot();
  assert.equal(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).name, 'foresight');
  assert.ok(fs.existsSync(migrationsDir()));
});

test('readMigrations orders files by version and checksums them', () => {
  const migrations = readMigrations();
  assert.ok(migrations.length >= 2);
  assert.deepEqual(migrations.map((m) => m.version), [...migrations.map((m) => m.version)].sort());
  assert.match(migrations[0]!.checksum, /^[0-9a-f]{64}$/);
});

test('readMigrations ignores other files and rejects two files with one version', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-migrations-'));
  try {
    fs.writeFileSync(path.join(dir, '002_b.sql'), 'SELECT 2');
    fs.writeFileSync(path.join(dir, '001_a.sql'), 'SELECT 1');
    fs.writeFileSync(path.join(dir, 'README.md'), '#');
    assert.deepEqual(readMigrations(dir).map((m) => m.name), ['001_a', '002_b']);
    fs.writeFileSync(path.join(dir, '002_c.sql'), 'SELECT 3');
    assert.throws(() => readMigrations(dir), /two files share version 002/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
