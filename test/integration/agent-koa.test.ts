// A Koa 3 app with @koa/router (ESM) run unchanged under `node --import foresight/register`.
// What each app must show is in test/fixtures/agent-harness/suite.ts.
import { agentAppSuite } from '../fixtures/agent-harness/suite.js';

agentAppSuite('koa-esm');
