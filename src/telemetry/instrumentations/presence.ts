// Which modules the instrumented app can load: a module is present when a `node_modules/<name>`
// folder exists on the resolution path of the app's entry script or of the working directory.
// A directory check, not `require.resolve`: resolving an ESM-only package from CommonJS fails,
// and loading a package to see whether it exists would cost what we are trying to save.
import fs from 'node:fs';
import path from 'node:path';

/** The folders whose `node_modules` the app resolves from, nearest first, without repeats. */
export function resolutionRoots(entry: string | undefined, cwd: string): string[] {
  const roots: string[] = [];
  for (const start of [entry ? path.dirname(path.resolve(cwd, entry)) : undefined, cwd]) {
    if (!start) continue;
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (!roots.includes(dir)) roots.push(dir);
      if (path.dirname(dir) === dir) break;
    }
  }
  return roots;
}

/** A predicate telling whether module `name` is installed under any of `roots`; answers are memoised. */
export function modulePresence(roots: string[]): (name: string) => boolean {
  const seen = new Map<string, boolean>();
  return (name) => {
    let present = seen.get(name);
    if (present === undefined) {
      present = roots.some((root) => fs.existsSync(path.join(root, 'node_modules', name, 'package.json')));
      seen.set(name, present);
    }
    return present;
  };
}
