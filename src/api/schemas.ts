// Request schemas of the prediction API (zod); the OpenAPI document is generated from them.
import { z } from 'zod';

/** A city slug as the registry stores it, e.g. `berlin` or `new-york`. */
export const citySlug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a lower-case city slug such as "berlin" or "new-york"');

/** `YYYY-MM-DD`, a real calendar date. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'a real calendar date');

/** Body of `POST /api/v1/predict`. */
export const predictRequest = z.object({
  city: citySlug,
  timestamp: z.iso.datetime({ offset: true, message: 'an ISO 8601 timestamp such as 2026-11-23T14:00:00Z' }),
  temperature: z.number().min(-60).max(60).optional().describe('°C; looked up in the weather table when omitted'),
});
export type PredictRequest = z.infer<typeof predictRequest>;

/** Body of `POST /api/v1/predict/batch`, bounded by PREDICT_BATCH_MAX_ITEMS. */
export const predictBatchRequest = (maxItems: number) =>
  z.object({ items: z.array(predictRequest).min(1).max(maxItems) });

/** Route parameters of `GET /api/v1/forecast/:city/:date`. */
export const forecastParams = z.object({ city: citySlug, date: isoDate });
