// The configuration in effect, for `foresight config`: every variable of the schema with the
// value the process would use and where it came from, parsed by the same rules as at start (the
// agent's variables leniently, the services' strictly). Secrets never leave masked.
import type { z } from 'zod';
import { agentVariables, describeIgnored, parseLeniently } from './agent.js';
import { isSecret } from './fields.js';
import { envSchema } from './schema.js';

/** One variable as the process would see it. */
export interface EffectiveVariable {
  variable: string;
  /** The value in effect, masked where it is a secret; `(unset)` when there is none. */
  value: string;
  source: 'environment' | 'default';
  /** Why the environment's value is not the one in effect (agent), or refused (services). */
  problem?: string;
  /** True when the services would refuse to start on this value. */
  refused?: boolean;
}

const MASK = '****';

/** `scheme://user:password@host` keeps the user, query strings keep their names: the rest is masked. */
export function maskUrls(text: string): string {
  return text.replace(/(\/\/[^/:@\s,]*:)[^@/\s,]*@/g, `$1${MASK}@`).replace(/([?&][^=&\s,#]+=)[^&\s,#]*/g, `$1${MASK}`);
}

function shown(value: unknown, secret: boolean): string {
  if (value === undefined) return '(unset)';
  if (secret) return MASK;
  if (Array.isArray(value)) return maskUrls(value.join(','));
  return maskUrls(typeof value === 'string' ? value : JSON.stringify(value));
}

/** Every variable of the schema, in its order, as `env` sets it. */
export function effectiveConfig(env: NodeJS.ProcessEnv): EffectiveVariable[] {
  const agent = parseLeniently(agentVariables, env);
  const ignored = new Map(agent.ignored.map((i) => [i.variable, i]));
  return Object.entries(envSchema.shape).map(([variable, field]: [string, z.ZodType]) => {
    const secret = isSecret(field);
    if (variable in agentVariables) {
      const bad = ignored.get(variable);
      // Set to nothing counts as unset for the agent's variables, as OpenTelemetry reads them.
      const source = bad || !env[variable]?.trim() ? 'default' : 'environment';
      const entry: EffectiveVariable = { variable, value: shown(agent.values[variable], secret), source };
      if (bad) entry.problem = describeIgnored({ ...bad, value: secret ? MASK : maskUrls(bad.value) });
      return entry;
    }
    const raw = env[variable];
    const parsed = field.safeParse(raw);
    if (!parsed.success) {
      const problem = `${variable}: ${parsed.error.issues.map((i) => i.message).join('; ')}`;
      return { variable, value: shown(raw, secret), source: 'environment', problem, refused: true };
    }
    return { variable, value: shown(parsed.data, secret), source: raw === undefined ? 'default' : 'environment' };
  });
}
