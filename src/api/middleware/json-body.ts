// Reads and validates a JSON body with a zod schema, answering 400 with the failing fields.
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from '../errors.js';
import { validationError } from '../envelope.js';

/** Parses the request body as JSON and validates it; errors name the field and what it expected. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ApiError('INVALID_JSON', 'request body is not valid JSON (Content-Type: application/json expected)');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, 'body');
  return parsed.data;
}

/** Validates route or query parameters with a zod schema. */
export function readParams<S extends z.ZodType>(values: unknown, schema: S, where: string): z.infer<S> {
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw validationError(parsed.error, where);
  return parsed.data;
}
