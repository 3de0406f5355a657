// The OpenAPI 3.1 document of the prediction API; request schemas come from the zod schemas the
// routes validate with, so the document cannot drift from what the server accepts.
import { z } from 'zod';
import { errorCodes } from './errors.js';
import { forecastParams, predictBatchRequest, predictRequest } from './schemas.js';

const json = (schema: z.ZodType) => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};
const envelope = (data: object) => ({
  type: 'object',
  required: ['status', 'data'],
  properties: { status: { const: 'success' }, data },
});
const ok = (description: string, data: object = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema: envelope(data) } },
});
const errors = (...codes: Array<keyof typeof errorCodes>) =>
  Object.fromEntries(
    codes.map((code) => [
      String(errorCodes[code]),
      { description: code, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );
const pathParam = (name: string, schema: object) => ({ name, in: 'path', required: true, schema });

/** Builds the document; `maxBatchItems` is the configured PREDICT_BATCH_MAX_ITEMS. */
export function openApiDocument(version: string, maxBatchItems: number) {
  const params = json(forecastParams) as { properties: Record<string, object> };
  return {
    openapi: '3.1.0',
    info: { title: 'foresight prediction API', version, description: 'Energy-demand forecasts per city, instrumented with OpenTelemetry.' },
    paths: {
      '/api/v1/cities': { get: { summary: 'Cities with their active model version and accuracy (MAPE)', responses: ok('cities') } },
      '/api/v1/predict': {
        post: {
          summary: 'Predict the demand of one city at one timestamp',
          requestBody: { required: true, content: { 'application/json': { schema: json(predictRequest) } } },
          responses: { 200: ok('prediction'), ...errors('VALIDATION_FAILED', 'UNKNOWN_CITY', 'PAYLOAD_TOO_LARGE', 'BATCH_QUEUE_FULL') },
        },
      },
      '/api/v1/predict/batch': {
        post: {
          summary: `Predict up to ${maxBatchItems} items in one call`,
          requestBody: { required: true, content: { 'application/json': { schema: json(predictBatchRequest(maxBatchItems)) } } },
          responses: { 200: ok('predictions'), ...errors('VALIDATION_FAILED', 'UNKNOWN_CITY', 'PAYLOAD_TOO_LARGE', 'BATCH_QUEUE_FULL') },
        },
      },
      '/api/v1/forecast/{city}/{date}': {
        get: {
          summary: '24 hourly values of one city and day, with the model version and whether it came from cache',
          parameters: [pathParam('city', params.properties.city!), pathParam('date', params.properties.date!)],
          responses: { 200: ok('forecast'), ...errors('VALIDATION_FAILED', 'UNKNOWN_CITY', 'NO_WEATHER_DATA', 'BATCH_QUEUE_FULL') },
        },
      },
      '/api/v1/models/{city}/train': {
        post: {
          summary: 'Train a new model version for a city and hot-swap it in (admin)',
          security: [{ admin: [] }],
          parameters: [pathParam('city', params.properties.city!)],
          responses: { 201: ok('trained model'), ...errors('UNAUTHORIZED', 'ADMIN_DISABLED', 'UNKNOWN_CITY') },
        },
      },
      '/healthz': { get: { summary: 'Liveness', responses: { 200: { description: 'alive' } } } },
      '/readyz': { get: { summary: 'Readiness with each component state', responses: { 200: { description: 'ready' }, 503: { description: 'not ready' } } } },
    },
    components: {
      securitySchemes: { admin: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['status', 'error'],
          properties: {
            status: { const: 'error' },
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { enum: Object.keys(errorCodes) }, message: { type: 'string' }, details: {} },
            },
          },
        },
      },
    },
  };
}
