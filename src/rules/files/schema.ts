// The rule file format (alert-rules/README.md) as zod schemas. Objects are strict, so a
// misspelt key (`keep_firing`, `threshhold`) is an error at its line instead of being ignored.
import { z } from 'zod';
import { parseDuration } from './duration.js';

const NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const RECORD = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SLUG = /^[a-z0-9][a-z0-9_-]*$/;

/** A Prometheus duration string (`5m`, `1h30m`). */
export const durationSchema = z
  .string()
  .refine((s) => parseDuration(s) !== undefined, { error: (i) => `bad duration ${JSON.stringify(i.input)}: expected e.g. 30s, 5m, 1h30m` });

const labelsSchema = z.record(
  z.string().regex(LABEL, { error: 'label names are [a-zA-Z_][a-zA-Z0-9_]*' }),
  z.string({ error: 'label values are strings (quote numbers)' }),
);
const annotationsSchema = z.record(z.string(), z.string({ error: 'annotation values are strings' }));

/** One tunable threshold: the levels and which side of them is bad. */
export const thresholdSchema = z.strictObject({
  warning: z.number(),
  critical: z.number(),
  direction: z.enum(['above', 'below']),
  unit: z.string().optional(),
  description: z.string().optional(),
});

/** An alerting rule: `threshold` (compiled per level) or `severity` (expr has its comparison). */
export const alertRuleSchema = z.strictObject({
  alert: z.string().regex(NAME, { error: 'alert names are [a-zA-Z_][a-zA-Z0-9_]*' }),
  expr: z.string().min(1),
  threshold: z.string().optional(),
  severities: z.array(z.enum(['warning', 'critical'])).min(1).optional(),
  severity: z.enum(['info', 'warning', 'critical']).optional(),
  for: durationSchema.optional(),
  keep_firing_for: durationSchema.optional(),
  labels: labelsSchema.optional(),
  annotations: annotationsSchema.optional(),
});

/** A recording rule. */
export const recordRuleSchema = z.strictObject({
  record: z.string().regex(RECORD, { error: 'record names are [a-zA-Z_:][a-zA-Z0-9_:]*' }),
  expr: z.string().min(1),
  labels: labelsSchema.optional(),
});

/** An evaluation group; its rules are checked one by one (alert or record) by the parser. */
export const groupSchema = z.strictObject({
  name: z.string().min(1),
  interval: durationSchema.optional(),
  rules: z.array(z.record(z.string(), z.unknown(), { error: 'a rule is a map with `alert` or `record`' })).min(1),
});

/** A recommendation (seed 003's fields) and when it applies. */
export const recommendationSchema = z.strictObject({
  id: z.string().regex(SLUG, { error: 'ids are lower-case slugs' }),
  category: z.string().min(1),
  priority: z.enum(['low', 'medium', 'high', 'critical']),
  title: z.string().min(1),
  description: z.string().min(1),
  impact: z.string().min(1),
  effort: z.enum(['low', 'medium', 'high']),
  implementation: z.string().min(1),
  when: z
    .strictObject({ alerts: z.array(z.string()).min(1).optional(), expr: z.string().min(1).optional() })
    .refine((w) => w.alerts !== undefined || w.expr !== undefined, { error: '`when` needs `alerts` or `expr`' }),
});

/** An SLO: the objective (percent of good events) and its SLI as error and total rates. */
export const sloSchema = z.strictObject({
  name: z.string().regex(SLUG, { error: 'SLO names are lower-case slugs' }),
  objective: z.number().gt(0).lt(100),
  description: z.string().optional(),
  sli: z.strictObject({ errors: z.string().min(1), total: z.string().min(1) }),
  alert: z.string().regex(NAME, { error: 'alert names are [a-zA-Z_][a-zA-Z0-9_]*' }),
  interval: durationSchema.optional(),
  labels: labelsSchema.optional(),
  annotations: annotationsSchema.optional(),
});

/** An inhibit rule in Alertmanager's syntax (the matchers are checked by the parser). */
export const inhibitRuleSchema = z.strictObject({
  source_matchers: z.array(z.string()).min(1),
  target_matchers: z.array(z.string()).min(1),
  equal: z.array(z.string().regex(LABEL, { error: 'label names are [a-zA-Z_][a-zA-Z0-9_]*' })).optional(),
});

/** One rule file. Every section is optional; `version` must agree across the files that set it. */
export const ruleFileSchema = z.strictObject({
  version: z.union([z.string(), z.number()]).transform(String).optional(),
  thresholds: z.record(z.string().regex(NAME, { error: 'threshold names are [a-zA-Z_][a-zA-Z0-9_]*' }), thresholdSchema).optional(),
  groups: z.array(groupSchema).optional(),
  recommendations: z.array(recommendationSchema).optional(),
  slos: z.array(sloSchema).optional(),
  inhibit_rules: z.array(inhibitRuleSchema).optional(),
});

export type RuleFileInput = z.infer<typeof ruleFileSchema>;
export type AlertRuleInput = z.infer<typeof alertRuleSchema>;
export type RecordRuleInput = z.infer<typeof recordRuleSchema>;
export type SloInput = z.infer<typeof sloSchema>;
