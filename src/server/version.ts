// The package version, read once from package.json.
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../db/index.js';

let cached: string | undefined;

/** `version` from package.json. */
export function packageVersion(): string {
  cached ??= (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
