// Express 4 apps, ESM and CommonJS, run unchanged under `node --import foresight/register`.
// What each app must show is in test/fixtures/agent-harness/suite.ts.
import { agentAppSuite } from '../fixtures/agent-harness/suite.js';

agentAppSuite('express4-esm');
agentAppSuite('express4-cjs');
