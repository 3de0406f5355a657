// The small Express 5 app of the agent benchmark: the usual `express.json()` middleware and two
// parameterised routes answering small JSON from Maps filled at start. PORT from the
// environment; prints `listening <port>`.
import fs from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';
import express from 'express';

const data = JSON.parse(fs.readFileSync(new URL('./data.json', import.meta.url), 'utf8'));

const users = new Map();
for (let id = 1; id <= data.users; id++) users.set(String(id), { id, name: `user ${id}`, plan: id % 3 ? 'free' : 'pro' });
const orders = new Map();
for (let id = 1; id <= data.orders; id++) {
  const items = Array.from({ length: data.itemsPerOrder }, (_, i) => ({ id: i + 1, sku: `sku-${id}-${i + 1}`, quantity: 1 + (i % 3) }));
  orders.set(String(id), { id, items });
}

const app = express();
app.use(express.json());

app.get('/users/:id', (req, res) => {
  const user = users.get(req.params.id);
  if (!user) return void res.status(404).json({ error: 'no such user' });
  res.json(user);
});

app.get('/orders/:orderId/items/:itemId', (req, res) => {
  const item = orders.get(req.params.orderId)?.items[Number(req.params.itemId) - 1];
  if (!item) return void res.status(404).json({ error: 'no such item' });
  res.json({ orderId: Number(req.params.orderId), ...item });
});

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', (err) => {
  if (err) throw err;
  process.stdout.write(`listening ${server.address().port}\n`);
});
