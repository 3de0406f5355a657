// The request schemas of silences, shared by the performance API and the Alertmanager form.
import { z } from '@hono/zod-openapi';
import { parseDuration } from '../../../rules/files/index.js';

/** One Alertmanager matcher. */
export const matcher = z
  .object({
    name: z.string().regex(/^[A-Za-z_]\w*$/, 'a label name').max(100),
    value: z.string().max(1000),
    isRegex: z.boolean().default(false),
    isEqual: z.boolean().default(true),
  })
  .refine((m) => !m.isRegex || isRegex(m.value), { message: 'not a valid regular expression', path: ['value'] });

function isRegex(source: string): boolean {
  try {
    new RegExp(`^(?:${source})$`);
    return true;
  } catch {
    return false;
  }
}

const instant = z.iso.datetime({ offset: true, message: 'an ISO 8601 time such as 2026-11-23T14:00:00Z' });

/** Body of `POST /api/v1/performance/silences`: an end time, or a duration from the start. */
export const silenceBody = z
  .object({
    matchers: z.array(matcher).min(1).max(20),
    startsAt: instant.optional(),
    endsAt: instant.optional(),
    duration: z
      .string()
      .refine((d) => (parseDuration(d) ?? 0) > 0, 'a duration such as 2h or 30m')
      .optional()
      .describe('instead of endsAt: how long from the start, e.g. `2h`'),
    createdBy: z.string().min(1).max(200).optional(),
    comment: z.string().max(2000).default(''),
  })
  .strict()
  .refine((b) => (b.endsAt === undefined) !== (b.duration === undefined), { message: 'give endsAt or duration (one of them)', path: ['endsAt'] });

/** Body of Alertmanager's `POST /api/v2/silences` (PostableSilence). */
export const postableSilence = z.looseObject({
  id: z.string().optional().describe('updating a silence is not supported: leave it out'),
  matchers: z.array(matcher).min(1).max(20),
  startsAt: instant,
  endsAt: instant,
  createdBy: z.string().min(1).max(200),
  comment: z.string().max(2000),
});

/** A silence id in a path. */
export const silenceId = z.string().min(1).max(128);

/** The end of a silence body in ms since the epoch. */
export function endOf(body: z.infer<typeof silenceBody>, startsAtMs: number): number {
  return body.endsAt !== undefined ? Date.parse(body.endsAt) : startsAtMs + parseDuration(body.duration!)!;
}

/** Where a silence stands at `nowMs`. */
export function silenceState(s: { startsAt: string; endsAt: string }, nowMs = Date.now()): 'active' | 'pending' | 'expired' {
  return Date.parse(s.startsAt) > nowMs ? 'pending' : Date.parse(s.endsAt) <= nowMs ? 'expired' : 'active';
}
