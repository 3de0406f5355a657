// vitest runs the compiled tests, dist/test/**/*.test.js (npm test's pretest builds them with
// tsc), not the TypeScript sources: many tests spawn dist/ entry points (bin/foresight.js, the
// agent's register) and find the repository from their own location (dist/test/… → the root),
// and the code they test in-process must be the same build the spawned apps run.
import { defineConfig } from 'vitest/config';

/**
 * Closes the run with one plain line, `tests: N passed, N failed, N skipped`, that a reader (or a
 * CI log scanner) finds without knowing vitest's summary layout.
 */
class ClosingLine {
  onInit(vitest) {
    this.logger = vitest.logger;
  }

  onTestRunEnd(testModules) {
    const count = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state in count) count[state]++;
      }
    }
    this.logger.log(`tests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
  }
}

export default defineConfig({
  test: {
    include: ['dist/test/**/*.test.js'],
    exclude: ['**/node_modules/**'],
    // The integration tests share one Redis, one Postgres and the loopback ports: one file at a
    // time, each in a child process of its own (as `node --test --test-concurrency=1` ran them).
    pool: 'forks',
    isolate: true,
    fileParallelism: false,
    // Real services, spawned apps, Prometheus and Chromium: node:test had no default timeout,
    // so these bounds only catch a hang; a test that needs a tighter one sets its own.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    // The code under test (dist/src) is loaded by Node itself, as in a real app and in the apps
    // the tests spawn, not through vite's module runner: the agent's module hooks then see it.
    server: { deps: { external: [/\/node_modules\//, /\/dist\/src\//] } },
    // One line per test, with the figures tests report through annotate() beside it.
    reporters: ['verbose', new ClosingLine()],
  },
});
