// The layering of src/ as ARCHITECTURE.md draws it, checked by test/unit/architecture.test.ts
// (and by hand: npx depcruise src). Dependencies point down:
//   cli → server → api → {rules, traces, prediction, perf} → {cache, batch, db, ratelimit} → {telemetry, log, config, metrics}
// src/server is the one composition root; src/index.ts is the package's public API.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: the modules cannot be understood, tested or loaded one without the other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-imports-http-or-composition',
      severity: 'error',
      comment: 'A domain folder (rules, traces, prediction, perf, cache, batch, db, ratelimit) is used by api/ and server/, never the reverse.',
      from: { path: '^src/(rules|traces|prediction|perf|cache|batch|db|ratelimit)/' },
      to: { path: '^src/(api|server|cli|console)/' },
    },
    {
      name: 'composition-root-imported',
      severity: 'error',
      comment: 'src/server is the one composition root: only the CLI starts it.',
      from: { path: '^src/', pathNot: '^src/(server|cli)/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'http-layer-imported-below',
      severity: 'error',
      comment: 'The HTTP layer (api/) is wired by server/ only; the public API does not reach into it.',
      from: { path: '^src/', pathNot: '^src/(api|server|cli)/' },
      to: { path: '^src/api/' },
    },
    {
      name: 'infrastructure-imports-domain',
      severity: 'error',
      comment: 'cache, batch, db and ratelimit serve the domains; they know none of them.',
      from: { path: '^src/(cache|batch|db|ratelimit)/' },
      to: { path: '^src/(rules|traces|prediction|perf)/' },
    },
    {
      name: 'base-imports-upward',
      severity: 'error',
      comment: 'log, config and the metrics contract are the bottom layer: they import no other folder of src/.',
      from: { path: '^src/(log|config|metrics)/' },
      to: { path: '^src/', pathNot: '^src/$1/' },
    },
    {
      name: 'agent-imports-service',
      severity: 'error',
      comment: 'The agent (telemetry, agent) runs in any app: it loads none of the prediction API or the rules service.',
      from: { path: '^src/(telemetry|agent)/' },
      to: { path: '^src/(api|server|cli|rules|prediction|perf|cache|batch|db|ratelimit)/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
