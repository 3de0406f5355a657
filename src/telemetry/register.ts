// `node --import foresight/register app.js`: instruments an ESM or CommonJS app with one flag.
// CommonJS `require` is intercepted by require-in-the-middle as soon as the instrumentations
// are enabled. ESM `import` is only visible to a module loader hook, which must be registered
// before the app's first import: without it the instrumentations patch nothing and say
// nothing. The hook is told, through import-in-the-middle's message channel, to wrap only the
// modules an instrumentation asked for (http, pg, express...), so every other module loads
// untouched; we wait for its acknowledgement before the app starts loading. This file is the
// entry point only; the agent itself is composed in src/agent.
import { register } from 'node:module';
import { requireVia } from './peer.js';
import { readAgentConfig } from '../config/agent.js';
import type { Telemetry } from './sdk.js';

interface ImportInTheMiddle {
  createAddHookMessageChannel(): {
    registerOptions: { data?: unknown; transferList?: unknown[] };
    waitForAllMessagesAcknowledged(): Promise<void>;
  };
}

/**
 * The telemetry this entry started (undefined when disabled or failed), for an importer such
 * as the CLI that attaches more to it.
 */
export let telemetry: Telemetry | undefined;

// Disabled (`true` or `1`, read by the one config schema): load nothing more (this is the
// benchmark baseline path). A bad value of an agent variable is warned about here, once.
if (!readAgentConfig(process.env).OTEL_SDK_DISABLED) {
  // The agent's own modules load before the hook: every import after it is resolved through the
  // hook's worker thread, which cost the agent ~0.3 s of start-up. They need no wrapping, and
  // no instrumentation asks for a module (Hook()) before startAgent.
  const { startAgent } = await import('../agent/index.js');
  // The very copy of import-in-the-middle that @opentelemetry/instrumentation uses: the
  // channel is module state that its Hook() calls post to.
  const iitm = requireVia<ImportInTheMiddle>('@opentelemetry/instrumentation', 'import-in-the-middle');
  const channel = iitm.createAddHookMessageChannel();
  const { registerOptions } = channel;
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, registerOptions);
  telemetry = await startAgent();
  await channel.waitForAllMessagesAcknowledged();
}
