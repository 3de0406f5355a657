// External command-line tools for integration tests (e.g. promtool). Where one is missing, the
// test is skipped with the reason shown; with FORESIGHT_REQUIRE_SERVICES=1 it fails instead.
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'vitest';

const required = process.env.FORESIGHT_REQUIRE_SERVICES === '1';

/**
 * Returns true when `name --version` runs. Otherwise skips the test `t` with a visible reason
 * (vitest's skip ends the test there; a stand-in that does not throw gets false), or throws when
 * the services are required. `debianPackage` is named in the
 * reason (.ci/services.sh installs it).
 */
export function requireTool(t: TestContext, name: string, debianPackage = 'prometheus'): boolean {
  const run = spawnSync(name, ['--version'], { stdio: 'ignore' });
  if (!run.error && run.status === 0) return true;
  const reason = `${name} not found on PATH; install it (Debian: apt-get install ${debianPackage})`;
  if (required) throw new Error(`${reason} (FORESIGHT_REQUIRE_SERVICES=1)`);
  t.skip(reason);
  return false;
}
