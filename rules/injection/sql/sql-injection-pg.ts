// Test code for sql-injection-pg: node-postgres in Express and Next.js handlers.
import express, { type Request, type Response } from 'express';
import { Pool, Client } from 'pg';

const app = express();
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

// "Get a user's orders"
app.get('/users/:id/orders', async (req: Request, res: Response) => {
  // ruleid: sql-injection-pg
  const { rows } = await pool.query(`SELECT * FROM orders WHERE user_id = ${req.params.id} ORDER BY created_at DESC`);
  res.json(rows);
});

// Next.js app router (app/api/search/route.ts)
export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const term = searchParams.get('term') ?? '';
  const client = new Client();
  await client.connect();
  // ruleid: sql-injection-pg
  const result = await client.query({ text: "SELECT * FROM posts WHERE title ILIKE '%" + term + "%'" });
  await client.end();
  return Response.json(result.rows);
}

// A helper that runs the query, given the request's value.
async function findByEmail(email: string) {
  // ruleid: sql-injection-pg
  return pool.query("SELECT id, email FROM users WHERE email = '" + email + "'");
}
app.post('/reset', async (req: Request, res: Response) => {
  const user = await findByEmail(req.body.email);
  res.json({ found: user.rowCount });
});

// A Next.js server component (app/posts/page.tsx) reading the searchParams prop.
export default async function PostsPage({ searchParams }: { searchParams: Promise<{ tag?: string }> }) {
  const { tag } = await searchParams;
  // ruleid: sql-injection-pg
  const { rows } = await pool.query(`SELECT * FROM posts WHERE tag = '${tag}'`);
  return rows.length;
}

// The fixed forms.
app.get('/users/:id/orders-safe', async (req: Request, res: Response) => {
  // ok: sql-injection-pg
  const { rows } = await pool.query('SELECT * FROM orders WHERE user_id = $1 ORDER BY created_at DESC', [req.params.id]);
  res.json(rows);
});

app.get('/posts', async (req: Request, res: Response) => {
  // ok: sql-injection-pg
  const { rows } = await pool.query({ text: 'SELECT * FROM posts WHERE title ILIKE $1', values: [`%${req.query.term}%`] });
  const limit = parseInt(String(req.query.limit), 10) || 20;
  // ok: sql-injection-pg
  const page = await pool.query('SELECT * FROM posts LIMIT ' + limit);
  let column = String(req.query.sort);
  if (!['title', 'created_at'].includes(column)) column = 'created_at';
  column = 'created_at';
  // ok: sql-injection-pg
  const sorted = await pool.query(`SELECT * FROM posts ORDER BY ${column}`);
  res.json({ rows, page: page.rows, sorted: sorted.rows });
});

// ok: sql-injection-pg
pool.query('SELECT NOW()');
