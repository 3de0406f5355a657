// Which instrumentations to enable: OTEL_NODE_ENABLED_INSTRUMENTATIONS (or every default one)
// minus OTEL_NODE_DISABLED_INSTRUMENTATIONS, as auto-instrumentations-node reads them, and of
// those only the ones whose modules the app has installed.
import { diag } from '@opentelemetry/api';
import { readAgentConfig } from '../../config/agent.js';
import { catalogue, instrumentationNames } from './catalogue.js';

function known(names: string[], variable: string): string[] {
  for (const n of names) {
    if (!(n in catalogue)) diag.warn(`${variable}: unknown instrumentation "${n}" (known: ${instrumentationNames.join(', ')})`);
  }
  return names.filter((n) => n in catalogue);
}

/** The names the environment asks for, before the presence check. */
export function requestedInstrumentations(env: NodeJS.ProcessEnv): string[] {
  const config = readAgentConfig(env);
  const enabled = known(config.OTEL_NODE_ENABLED_INSTRUMENTATIONS ?? [], 'OTEL_NODE_ENABLED_INSTRUMENTATIONS');
  const disabled = new Set(known(config.OTEL_NODE_DISABLED_INSTRUMENTATIONS ?? [], 'OTEL_NODE_DISABLED_INSTRUMENTATIONS'));
  const base = enabled.length > 0 ? enabled : instrumentationNames.filter((n) => !catalogue[n]!.offByDefault);
  return base.filter((n) => {
    const onlyWith = catalogue[n]!.onlyWithEnv;
    return !disabled.has(n) && (onlyWith === undefined || Boolean(env[onlyWith]));
  });
}

/** `names` restricted to those with at least one of their modules present (Node's own always are). */
export function presentInstrumentations(names: string[], isPresent: (module: string) => boolean): string[] {
  return names.filter((n) => {
    const modules = catalogue[n]!.modules;
    return modules === 'builtin' || modules.some(isPresent);
  });
}
