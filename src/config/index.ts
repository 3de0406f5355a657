// Configuration: the validated environment, read once at start.
import { readAgentConfig, type Warn } from './agent.js';
import { envSchema, serviceEnvSchema, type Config } from './schema.js';

export { envSchema, type Config };

/**
 * Parses `env` (default `process.env`); throws one error naming every invalid variable of the
 * services. The agent's variables follow the agent's rule in every process: a bad value is
 * warned about through `warn` and its default used, as `foresight/register` already did.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, warn?: Warn): Config {
  const agent = readAgentConfig(env, warn);
  const result = serviceEnvSchema.safeParse(env);
  if (result.success) return { ...result.data, ...agent };
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid configuration: ${problems.join('; ')}`);
}
