// Silences (seed 003 "alert suppression"): matching alerts stay tracked and listed, but are not
// notified until the silence ends. Writes need the admin token.
import { createRoute, z } from '@hono/zod-openapi';
import { logger } from '../../../log/index.js';
import { success } from '../../envelope.js';
import { ApiError } from '../../errors.js';
import { requireAdmin } from '../../middleware/admin.js';
import { openApiApp } from '../../openapi/app.js';
import { adminRoute, errors, jsonBody, ok } from '../../openapi/responses.js';
import type { PerformanceDeps } from './deps.js';
import type { RulesFacade, Silence } from '../../../rules/index.js';
import { endOf, silenceBody, silenceId, silenceState } from './silence-schemas.js';

/** A silence as this API shows it, with its state now. */
export function silenceView(s: Silence, nowMs = Date.now()) {
  return { ...s, state: silenceState(s, nowMs) };
}

/** `GET silences`, `POST silences` (admin), `DELETE silences/:id` (admin) */
export function silenceRoutes(deps: Pick<PerformanceDeps, 'adminToken'>, rules: RulesFacade) {
  const admin = requireAdmin({ token: deps.adminToken });
  const list = createRoute({
    method: 'get',
    path: '/silences',
    summary: 'Silences in force or scheduled',
    responses: { 200: ok('silences and their count') },
  });
  const create = adminRoute(admin, {
    method: 'post',
    path: '/silences',
    summary: 'Silence the alerts matching every matcher until endsAt (or for duration) (admin)',
    request: { body: jsonBody(silenceBody) },
    responses: { 201: ok('the silence'), ...errors('VALIDATION_FAILED', 'INVALID_JSON', 'UNSUPPORTED_MEDIA_TYPE') },
  });
  const expire = adminRoute(admin, {
    method: 'delete',
    path: '/silences/{id}',
    summary: 'End a silence now (admin)',
    request: { params: z.object({ id: silenceId }) },
    responses: { 200: ok('the id of the expired silence'), ...errors('NOT_FOUND') },
  });

  return openApiApp()
    .openapi(list, async (c) => {
      const silences = (await rules.silences()).map((s) => silenceView(s));
      return success(c, { silences, count: silences.length });
    })
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      const startsAtMs = body.startsAt ? Date.parse(body.startsAt) : Date.now();
      const silence = await rules.silence({
        matchers: body.matchers,
        startsAtMs,
        endsAtMs: endOf(body, startsAtMs),
        createdBy: body.createdBy ?? c.get('admin'),
        comment: body.comment,
      });
      logger().info({ silence: silence.id, matchers: silence.matchers, endsAt: silence.endsAt, by: silence.createdBy }, 'silence created');
      return success(c, silenceView(silence), 201);
    })
    .openapi(expire, async (c) => {
      const { id } = c.req.valid('param');
      if (!(await rules.expireSilence(id))) throw new ApiError('NOT_FOUND', `no silence "${id}" in force`);
      logger().info({ silence: id, by: c.get('admin') }, 'silence expired');
      return success(c, { id, state: 'expired' });
    });
}
