// Configuration: the validated environment, read once at start.
import { envSchema, type Config } from './schema.js';

export { envSchema, type Config };

/** Parses `env` (default `process.env`); throws one error naming every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid configuration: ${problems.join('; ')}`);
}
