// Finds files shipped next to package.json (migrations/) whether the code runs from src/ or dist/src/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest directory at or above `from` (default: this module's directory) holding a package.json. */
export function packageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json found at or above ${from}`);
    dir = parent;
  }
}

/** The migrations folder of the foresight package. */
export function migrationsDir(): string {
  return path.join(packageRoot(), 'migrations');
}
