// Fastify 5 apps, ESM and CommonJS, run unchanged under `node --import foresight/register`.
// What each app must show is in test/fixtures/agent-harness/suite.ts.
import { agentAppSuite } from '../fixtures/agent-harness/suite.js';

agentAppSuite('fastify5-esm');
agentAppSuite('fastify5-cjs');
