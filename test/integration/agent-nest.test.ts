// A NestJS app on Express (CommonJS) run unchanged under `node --import foresight/register`.
// What each app must show is in test/fixtures/agent-harness/suite.ts.
import { agentAppSuite } from '../fixtures/agent-harness/suite.js';

agentAppSuite('nest-cjs');
