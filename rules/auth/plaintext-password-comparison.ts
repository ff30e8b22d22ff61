// Test code for plaintext-password-comparison: login routes that store passwords as typed.
import express from 'express';
import bcrypt from 'bcrypt';
import { User } from './models/user';
import { prisma } from './db';
import { pool } from './pg';

const app = express();

// "Write a login route"
app.post('/login', async (req, res) => {
  const { email, password } = req.body;
  const user = await User.findOne({ email });
  // ruleid: plaintext-password-comparison
  if (!user || user.password !== password) {
    return res.status(401).json({ error: 'Invalid credentials' });
  }
  res.json({ ok: true });
});

app.post('/api/login', async (req, res) => {
  // ruleid: plaintext-password-comparison
  const user = await User.findOne({ email: req.body.email, password: req.body.password });
  if (!user) return res.sendStatus(401);
  res.json(user);
});

app.post('/signin', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM users WHERE email = $1', [req.body.email]);
  // ruleid: plaintext-password-comparison
  if (rows.length && rows[0].password === req.body.password) return res.json({ ok: true });
  res.sendStatus(401);
});

export async function login(email: string, password: string) {
  // ruleid: plaintext-password-comparison
  return prisma.user.findFirst({ where: { email, password } });
}

// The fixed form.
app.post('/login-safe', async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  // ok: plaintext-password-comparison
  const valid = user !== null && (await bcrypt.compare(req.body.password, user.passwordHash));
  if (!valid) return res.sendStatus(401);
  res.json({ ok: true });
});

// Sign-up validation: the two typed passwords must match.
app.post('/register', (req, res) => {
  const { password, confirmPassword } = req.body;
  // ok: plaintext-password-comparison
  if (password !== confirmPassword) return res.status(400).json({ error: 'Passwords do not match' });
  res.sendStatus(201);
});

// Checking whether a password was set at all.
export function hasPassword(user: { password?: string | null }) {
  // ok: plaintext-password-comparison
  return user.password !== null && user.password !== undefined;
}
