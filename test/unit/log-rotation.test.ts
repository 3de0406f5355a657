// The API's log file is rotated by size with a bounded number of files, this run's and earlier
// runs' together, and no line is split across two files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, test } from 'vitest';
import { closeLogFile, createLogger, logFileReady } from '../../src/log/index.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-roll-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** `app.<n>.log` files of a directory by number, oldest first. */
function rotated(dir: string): Array<{ n: number; file: string }> {
  return fs
    .readdirSync(dir)
    .flatMap((f) => {
      const m = /^app\.(\d+)\.log$/.exec(f);
      return m ? [{ n: Number(m[1]), file: path.join(dir, f) }] : [];
    })
    .sort((a, b) => a.n - b.n);
}

/** Writes `bursts` bursts of 5 lines of about 150 bytes, letting the worker write each. */
async function writeBursts(log: ReturnType<typeof createLogger>, bursts: number, tag: string): Promise<void> {
  for (let b = 0; b < bursts; b++) {
    for (let i = 0; i < 5; i++) log.info({ burst: b, line: i, pad: 'x'.repeat(60) }, `${tag} ${b}.${i}`);
    await sleep(15);
  }
}

/** Removal of old files runs after the rotation, in the worker: wait until the bound holds. */
async function settle(dir: string, most: number): Promise<Array<{ n: number; file: string }>> {
  for (let i = 0; i < 100 && rotated(dir).length > most; i++) await sleep(20);
  return rotated(dir);
}

test('past the size bound the file rotates, and at most LOG_FILE_MAX_FILES rotated files stay', async () => {
  const dir = path.join(root, 'one');
  const log = createLogger({ file: path.join(dir, 'app.log'), fileMaxSize: '1k', fileMaxFiles: 2, level: 'info' });
  // Lines written before the worker is up reach it as one write, which rotates once at most.
  await logFileReady(log);
  await writeBursts(log, 60, 'line'); // ~45 KB through a 1 KB bound
  await closeLogFile(log);
  const files = await settle(dir, 3);
  const newest = files.at(-1)!.n;
  assert.ok(newest > 10, `the file rotated ${newest - 1} times for ~45 KB over a 1 KB bound`);
  assert.ok(files.length <= 3, `${files.length} files kept: 2 rotated + the active one at most`);
  assert.deepEqual(files.map((f) => f.n), Array.from({ length: files.length }, (_, i) => newest - files.length + 1 + i), 'the newest files are kept');
  const lines = files.flatMap((f) => fs.readFileSync(f.file, 'utf8').split('\n').filter(Boolean)).map((l) => JSON.parse(l));
  assert.equal(lines.at(-1).message, 'line 59.4', 'the last line is in the newest file');
  // Each file was rotated once it reached the bound; one burst (~750 B) may land past it.
  for (const f of files.slice(0, -1)) {
    const size = fs.statSync(f.file).size;
    assert.ok(size >= 1024 && size < 1024 + 4096, `${path.basename(f.file)} is ${size} bytes`);
  }
});

test("a restart continues the numbering and removes the earlier run's files past the bound", async () => {
  const dir = path.join(root, 'restart');
  fs.mkdirSync(dir);
  for (let n = 1; n <= 6; n++) fs.writeFileSync(path.join(dir, `app.${n}.log`), `{"message":"old ${n}"}\n`);
  fs.writeFileSync(path.join(dir, 'other.txt'), 'not a log file');
  const log = createLogger({ file: path.join(dir, 'app.log'), fileMaxSize: '1k', fileMaxFiles: 2 });
  await logFileReady(log);
  await writeBursts(log, 10, 'new');
  await closeLogFile(log);
  const files = await settle(dir, 3);
  assert.ok(files.length <= 3, `${files.map((f) => f.n).join(', ')} kept`);
  assert.ok(files[0]!.n > 6, 'the old files are gone');
  assert.ok(fs.existsSync(path.join(dir, 'other.txt')), 'files that are not its own are left alone');
});

test('a log file that cannot be written costs the file only, with one warning', async () => {
  const blocker = path.join(root, 'not-a-dir');
  fs.writeFileSync(blocker, '');
  const warnings: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => warnings.push(String(chunk)) > 0);
  try {
    const log = createLogger({ file: path.join(blocker, 'app.log'), level: 'info' });
    await logFileReady(log);
    for (let i = 0; i < 20; i++) log.info('still logging');
    await sleep(100);
    await closeLogFile(log);
  } finally {
    process.stderr.write = write;
  }
  assert.equal(warnings.filter((w) => w.includes('not written')).length, 1, warnings.join(''));
});
