// The Hono app every route file builds on: an OpenAPIHono whose routes are validated by the zod
// schemas they declare (so the OpenAPI document is made of the very schemas that validate), and
// whose validation failures become VALIDATION_FAILED in the API's envelope, naming each field.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.js';
import { validationError } from '../envelope.js';

// What the error message calls each validation target.
const WHERE: Record<string, string> = { json: 'body', query: 'query', param: 'path', header: 'header', form: 'body', cookie: 'cookie' };

/** A new route group; mount it with `parent.route(prefix, group)` so its routes join the document. */
export function openApiApp(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: function rejectInvalid(result) {
      if (!result.success) throw validationError(result.error, WHERE[result.target] ?? result.target);
    },
  });
}
