// The small Hono app of the agent benchmark: one parameterised route answering a 24-value
// forecast from a Map filled at start, so a request costs routing and JSON and nothing else
// (the overhead an agent adds shows plainly). PORT from the environment; prints `listening <port>`.
import fs from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const data = JSON.parse(fs.readFileSync(new URL('./data.json', import.meta.url), 'utf8'));

const forecasts = new Map();
for (const [c, city] of data.forecast.cities.entries()) {
  for (const [d, date] of data.forecast.dates.entries()) {
    const values = Array.from({ length: 24 }, (_, h) => Math.round((400 + 50 * c + 10 * d + 120 * Math.sin((h / 24) * 2 * Math.PI)) * 100) / 100);
    forecasts.set(`${city}/${date}`, { city, date, unit: 'MW', values });
  }
}

const app = new Hono();
app.get('/api/v1/forecast/:city/:date', (c) => {
  const forecast = forecasts.get(`${c.req.param('city')}/${c.req.param('date')}`);
  if (!forecast) return c.json({ status: 'error', error: { code: 'NOT_FOUND', message: 'no forecast' } }, 404);
  return c.json({ status: 'success', data: forecast });
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`listening ${info.port}\n`);
});
