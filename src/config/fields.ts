// The variables' kinds as zod schemas, for the services' strict schema and `foresight config`.
// Each wraps the zod-free reader the agent uses (env-values.ts), so a variable means the same
// thing to the API, the agent and `foresight config` (`OTEL_SDK_DISABLED=1` disables everywhere,
// or nowhere).
import { z } from 'zod';
import { integer, orDefault, tcpPort, trueFalse, type EnvVariable } from './env-values.js';

/** `read` as a schema of the variable's text: a value it refuses is an issue with its message. */
function fromReader<T>(read: (text: string | undefined) => T): z.ZodType<T, string | undefined> {
  return z
    .string()
    .optional()
    .transform((text, ctx) => {
      try {
        return read(text);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    });
}

/** One of the agent's variables (agent.ts) as a schema, with its meaning and secrecy. */
export const variableSchema = <T>(variable: EnvVariable<T>): z.ZodType<T, string | undefined> =>
  fromReader(variable.read).meta({ description: variable.description, ...(variable.secret ? { secret: true } : {}) });

/** An integer of at least `min`, `def` when unset. */
export const int = (def: number, min = 0) => fromReader(orDefault(integer(min), def));

/** A TCP port (0: any free one), `def` when unset. */
export const port = (def: number) => fromReader(orDefault(tcpPort, def));

/** `true`/`1` or `false`/`0`, in any case and spacing, as the OpenTelemetry SDK reads its booleans; `def` when unset. */
export const bool = (def: boolean) => fromReader(orDefault(trueFalse, def));

/** Marks `schema` as a secret (a token, a webhook URL that is its own key): `foresight config` never shows it. */
export const secret = <T extends z.ZodType>(schema: T, description: string): T => schema.meta({ description, secret: true });

/** True when `schema` was marked with {@link secret}. */
export const isSecret = (schema: z.ZodType): boolean => schema.meta()?.secret === true;
