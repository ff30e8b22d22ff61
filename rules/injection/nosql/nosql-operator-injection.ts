// Test code for nosql-operator-injection: Express + Mongoose / MongoDB driver logins and lookups.
import express, { type Request, type Response } from 'express';
import mongoose from 'mongoose';
import { MongoClient, ObjectId } from 'mongodb';
import mongoSanitize from 'mongo-sanitize';
import { z } from 'zod';

const app = express();
app.use(express.json());
const User = mongoose.model('User', new mongoose.Schema({ username: String, password: String }));
const client = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost');
const orders = client.db('shop').collection('orders');

// "Write a login route with Mongoose"
app.post('/login', async (req: Request, res: Response) => {
  const { username, password } = req.body;
  // ruleid: nosql-operator-injection
  const user = await User.findOne({ username, password });
  if (!user) return res.status(401).json({ error: 'Invalid credentials' });
  res.json({ ok: true });
});

// "Filter orders by the query string" (?status[$ne]=x)
app.get('/orders', async (req: Request, res: Response) => {
  // ruleid: nosql-operator-injection
  const list = await orders.find({ status: req.query.status, owner: req.query.owner }).toArray();
  res.json(list);
});

// A helper that takes the filter, called from a named handler.
function removeWhere(filter: Record<string, unknown>) {
  // ruleid: nosql-operator-injection
  return orders.deleteMany(filter);
}
async function cleanup(req: Request, res: Response) {
  await removeWhere(req.body.filter);
  res.sendStatus(204);
}
app.post('/cleanup', cleanup);

class AccountService {
  byEmail(email: unknown) {
    // ruleid: nosql-operator-injection
    return User.findOne({ email });
  }
  async reset(req: Request) {
    return this.byEmail(req.body.email);
  }
}

// The fixed forms: values forced to strings, sanitized, validated.
app.post('/login-safe', async (req: Request, res: Response) => {
  // ok: nosql-operator-injection
  const user = await User.findOne({ username: String(req.body.username), password: String(req.body.password) });
  // ok: nosql-operator-injection
  const clean = await User.findOne(mongoSanitize(req.body));
  const { email } = z.object({ email: z.string().email() }).parse(req.body);
  // ok: nosql-operator-injection
  const byEmail = await User.findOne({ email });
  // ok: nosql-operator-injection
  const normalized = await User.findOne({ email: req.body.email.trim().toLowerCase() });
  res.json({ user, clean, byEmail, normalized });
});

app.get('/orders-safe', async (req: Request, res: Response) => {
  const status = req.query.status;
  if (typeof status !== 'string') return res.status(400).end();
  // ok: nosql-operator-injection
  const list = await orders.find({ status }).toArray();
  // ok: nosql-operator-injection
  const one = await orders.findOne({ _id: new ObjectId(String(req.query.id)) });
  // ok: nosql-operator-injection
  const page = await orders.find({ page: Number(req.query.page) }).toArray();
  let owner = req.query.owner;
  owner = 'system';
  // ok: nosql-operator-injection
  const mine = await orders.find({ owner }).toArray();
  // Array.prototype.find with a callback is not a database query.
  // ok: nosql-operator-injection
  const first = list.find((o) => o.status === req.query.status);
  res.json({ list, one, page, mine, first });
});

// ok: nosql-operator-injection
User.find({ active: true });

export { app, AccountService };
