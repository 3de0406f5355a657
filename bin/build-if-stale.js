#!/usr/bin/env node
// `npm start` (prestart) and `npm test` (pretest) call this instead of `tsc` directly: it
// compiles only when a source is newer than the last build (`--always` for `npm run build`), so
// a start on an installed, unchanged checkout costs a few file stats instead of a ~40 s
// type-check and emit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const inputs = ['src', 'test', 'bench', 'tsconfig.json', 'package.json', 'package-lock.json'];

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const changed = Math.max(...inputs.map((i) => newestMtime(path.join(root, i))));
if (!process.argv.includes('--always') && built > 0 && changed < built) process.exit(0);

if (built > 0) process.stderr.write('foresight: sources changed since the last build; compiling (tsc)...\n');
const startedAt = new Date();
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
fs.mkdirSync(path.dirname(stamp), { recursive: true });
// The stamp is taken at the start time of this build, so an edit made while tsc ran is seen next time.
fs.writeFileSync(stamp, '');
fs.utimesSync(stamp, startedAt, startedAt);
