// Test code for error-details-to-client: error handlers as assistants write them.
import express, { type Request, type Response, type NextFunction } from 'express';
import { NextResponse } from 'next/server';
import { pool } from './db';

const app = express();

app.get('/api/orders/:id', async (req, res) => {
  try {
    const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1', [req.params.id]);
    res.json(rows[0]);
  } catch (err) {
    // ruleid: error-details-to-client
    res.status(500).json({ error: err });
  }
});

app.post('/api/upload', async (req, res) => {
  try {
    await pool.query('INSERT INTO uploads (name) VALUES ($1)', [req.body.name]);
    res.sendStatus(201);
  } catch (error: any) {
    // ruleid: error-details-to-client
    res.status(500).send({ message: error.message, stack: error.stack });
  }
});

// "Add a global error handler"
app.use((err: Error, req: Request, res: Response, next: NextFunction) => {
  // ruleid: error-details-to-client
  res.status(500).send(err.stack);
});

// Next.js route handler
export async function GET() {
  try {
    return NextResponse.json(await pool.query('SELECT 1'));
  } catch (e) {
    // ruleid: error-details-to-client
    return NextResponse.json({ error: String(e), stack: (e as Error).stack }, { status: 500 });
  }
}

app.get('/api/report', (req, res) => {
  pool
    .query('SELECT * FROM reports')
    .then(({ rows }) => res.json(rows))
    // ruleid: error-details-to-client
    .catch((err) => res.json(err));
});

// The fixed forms.
app.use((err: Error, req: Request, res: Response, _next: NextFunction) => {
  console.error(err);
  // ok: error-details-to-client
  res.status(500).json({ error: 'Internal server error' });
});

// Stack traces only in development.
app.use((err: Error, req: Request, res: Response, _next: NextFunction) => {
  // ok: error-details-to-client
  res.status(500).json({ error: 'Internal server error', stack: process.env.NODE_ENV === 'development' ? err.stack : undefined });
});

// A validation message chosen by the code.
app.post('/api/signup', (req, res) => {
  try {
    if (!req.body.email) throw new Error('email is required');
    res.sendStatus(201);
  } catch (err) {
    // ok: error-details-to-client
    res.status(400).json({ error: (err as Error).message });
  }
});

// Fastify: reply.send(err) goes through Fastify's error handler (no stack is sent).
export function fastifyHandler(request: unknown, reply: { send: (x: unknown) => void }) {
  try {
    throw new Error('boom');
  } catch (err) {
    // ok: error-details-to-client
    reply.send(err);
  }
}
