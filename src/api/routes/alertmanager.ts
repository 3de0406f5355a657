// Silences in the form of Alertmanager's v2 API (`/api/v2/silences`, `/api/v2/silence/{id}`),
// so amtool, Grafana's Alertmanager data source and scripts written against Alertmanager work
// unchanged. Bodies are Alertmanager's (no envelope); errors keep the API's error envelope.
// Writes need the admin token (amtool: `--http.config.file` with `authorization`).
import { createRoute, z } from '@hono/zod-openapi';
import { logger } from '../../log/index.js';
import { matches, parseMatcher } from '../../rules/engine/matchers.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { requireAdmin } from '../middleware/admin.js';
import { openApiApp } from '../openapi/app.js';
import { adminRoute, errors, jsonBody } from '../openapi/responses.js';
import type { Silence, SilenceMatcher } from '../../rules/index.js';
import { matcher as matcherSchema, postableSilence, silenceId, silenceState } from './performance/silence-schemas.js';

const gettable = z
  .object({
    id: z.string(),
    status: z.object({ state: z.enum(['active', 'pending', 'expired']) }),
    updatedAt: z.string(),
    matchers: z.array(matcherSchema),
    startsAt: z.string(),
    endsAt: z.string(),
    createdBy: z.string(),
    comment: z.string(),
  })
  .openapi('GettableSilence');

type Gettable = z.infer<typeof gettable>;

function toGettable(s: Silence, nowMs = Date.now()): Gettable {
  const state = silenceState(s, nowMs);
  const matchers = s.matchers.map((m) => ({ name: m.name, value: m.value, isRegex: m.isRegex ?? false, isEqual: m.isEqual ?? true }));
  return { id: s.id, status: { state }, updatedAt: s.startsAt, matchers, startsAt: s.startsAt, endsAt: s.endsAt, createdBy: s.createdBy, comment: s.comment };
}

// amtool's `filter` matchers (name="value", name!="value", name=~"regex", name!~"regex").
function parseFilter(text: string): SilenceMatcher {
  try {
    return parseMatcher(text);
  } catch (err) {
    throw new ApiError('VALIDATION_FAILED', `filter: ${(err as Error).message}`, { details: { fields: [{ field: 'filter', message: (err as Error).message }] } });
  }
}

// As Alertmanager: the silence's equality matchers form a label set every filter matcher must match.
function matchesFilter(s: Silence, filters: SilenceMatcher[]): boolean {
  const labels = Object.fromEntries(s.matchers.filter((m) => !m.isRegex && (m.isEqual ?? true)).map((m) => [m.name, m.value]));
  return filters.every((f) => matches(f, labels));
}

/** Mounted at `/api/v2`. */
export function alertmanagerSilenceRoutes(deps: Pick<AppDeps, 'rules' | 'config'>) {
  const { rules } = deps;
  const admin = requireAdmin({ token: deps.config.ADMIN_TOKEN });
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

  const list = createRoute({
    method: 'get',
    path: '/silences',
    summary: 'Silences in force or scheduled (Alertmanager v2 form)',
    request: { query: z.object({ filter: z.union([z.string(), z.array(z.string())]).optional() }) },
    responses: { 200: json(z.array(gettable), 'GettableSilences'), ...errors('VALIDATION_FAILED') },
  });
  const create = adminRoute(admin, {
    method: 'post',
    path: '/silences',
    summary: 'Create a silence; with an id, the old one expires and a new one replaces it (admin)',
    request: { body: jsonBody(postableSilence) },
    responses: { 200: json(z.object({ silenceID: z.string() }), 'the new silence id'), ...errors('VALIDATION_FAILED', 'INVALID_JSON', 'UNSUPPORTED_MEDIA_TYPE') },
  });
  const one = createRoute({
    method: 'get',
    path: '/silence/{silenceID}',
    summary: 'One silence in force or scheduled',
    request: { params: z.object({ silenceID: silenceId }) },
    responses: { 200: json(gettable, 'GettableSilence'), ...errors('NOT_FOUND') },
  });
  const expire = adminRoute(admin, {
    method: 'delete',
    path: '/silence/{silenceID}',
    summary: 'Expire a silence (admin)',
    request: { params: z.object({ silenceID: silenceId }) },
    responses: { 200: { description: 'expired' }, ...errors('NOT_FOUND') },
  });

  const find = async (id: string) => (await rules.silences()).find((s) => s.id === id);

  return openApiApp()
    .openapi(list, async (c) => {
      const { filter } = c.req.valid('query');
      const filters = (filter === undefined ? [] : [filter].flat()).map(parseFilter);
      const silences = (await rules.silences()).filter((s) => matchesFilter(s, filters));
      return c.json(silences.map((s) => toGettable(s)), 200);
    })
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      if (body.id !== undefined) await rules.expireSilence(body.id);
      const silence = await rules.silence({
        matchers: body.matchers,
        startsAtMs: Math.max(Date.parse(body.startsAt), Date.now()),
        endsAtMs: Date.parse(body.endsAt),
        createdBy: body.createdBy,
        comment: body.comment,
      });
      logger().info({ silence: silence.id, replaces: body.id, matchers: silence.matchers, by: silence.createdBy }, 'silence created (Alertmanager API)');
      return c.json({ silenceID: silence.id }, 200);
    })
    .openapi(one, async (c) => {
      const { silenceID } = c.req.valid('param');
      const silence = await find(silenceID);
      if (!silence) throw new ApiError('NOT_FOUND', `no silence "${silenceID}" in force`);
      return c.json(toGettable(silence), 200);
    })
    .openapi(expire, async (c) => {
      const { silenceID } = c.req.valid('param');
      if (!(await rules.expireSilence(silenceID))) throw new ApiError('NOT_FOUND', `no silence "${silenceID}" in force`);
      logger().info({ silence: silenceID, by: c.get('admin') }, 'silence expired (Alertmanager API)');
      return c.body(null, 200);
    });
}
