// Test code for mass-assignment-orm-create: records created from the whole request body.
import express, { type Request, type Response } from 'express';
import mongoose from 'mongoose';
import { PrismaClient } from '@prisma/client';
import _ from 'lodash';
import { z } from 'zod';

const app = express();
app.use(express.json());
const User = mongoose.model('User', new mongoose.Schema({ name: String, email: String, role: String }));
const prisma = new PrismaClient();

// "Add a signup endpoint"
app.post('/signup', async (req: Request, res: Response) => {
  // ruleid: mass-assignment-orm-create
  const user = await User.create(req.body);
  res.status(201).json(user);
});

// "Update the profile" (Mongoose)
app.put('/users/:id', async (req: Request, res: Response) => {
  // ruleid: mass-assignment-orm-create
  const user = await User.findByIdAndUpdate(req.params.id, { ...req.body }, { new: true });
  res.json(user);
});

// Next.js route handler with Prisma
export async function POST(request: Request) {
  const body = await request.json();
  // ruleid: mass-assignment-orm-create
  const post = await prisma.post.create({ data: body });
  return Response.json(post);
}

class AccountController {
  private build(data: object) {
    // ruleid: mass-assignment-orm-create
    return new User(data);
  }
  register(req: Request) {
    return this.build(req.body).save();
  }
}

// The fixed forms and look-alikes.
const SignupSchema = z.object({ name: z.string(), email: z.string().email() });
app.post('/signup-safe', async (req: Request, res: Response) => {
  // ok: mass-assignment-orm-create
  const a = await User.create({ name: req.body.name, email: req.body.email });
  // ok: mass-assignment-orm-create
  const b = await User.create(_.pick(req.body, ['name', 'email']));
  // ok: mass-assignment-orm-create
  const c = await User.create(SignupSchema.parse(req.body));
  const { name, email } = req.body;
  // ok: mass-assignment-orm-create
  const d = await User.create({ name, email, role: 'user' });
  let data = req.body;
  data = { name: 'guest' };
  // ok: mass-assignment-orm-create
  const e = await User.create(data);
  // ok: mass-assignment-orm-create
  const f = new URL(req.body.website);
  res.json({ a, b, c, d, e, f: String(f) });
});

export { app, AccountController };
