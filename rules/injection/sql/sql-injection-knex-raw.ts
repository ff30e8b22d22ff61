// Test code for sql-injection-knex-raw: knex raw fragments.
import express, { type Request, type Response } from 'express';
import knexFactory from 'knex';

const app = express();
const knex = knexFactory({ client: 'pg', connection: process.env.DATABASE_URL });

// "Filter users by a search term"
app.get('/users', async (req: Request, res: Response) => {
  // ruleid: sql-injection-knex-raw
  const users = await knex('users').whereRaw(`name ILIKE '%${req.query.q}%'`);
  res.json(users);
});

// "Let the client choose the sort order"
app.get('/posts', async (req: Request, res: Response) => {
  const { sort, dir } = req.query as Record<string, string>;
  // ruleid: sql-injection-knex-raw
  const posts = await knex('posts').select('*').orderByRaw(sort + ' ' + dir);
  res.json(posts);
});

// A helper that builds a raw statement.
function totals(year: string) {
  // ruleid: sql-injection-knex-raw
  return knex.raw('SELECT SUM(amount) FROM invoices WHERE year = ' + year);
}
async function totalsHandler(req: Request, res: Response) {
  res.json(await totals(req.params.year));
}
app.get('/totals/:year', totalsHandler);

// The fixed forms: the builder, and bindings.
app.get('/users-safe', async (req: Request, res: Response) => {
  // ok: sql-injection-knex-raw
  const users = await knex('users').whereRaw('name ILIKE ?', [`%${req.query.q}%`]);
  // ok: sql-injection-knex-raw
  const sorted = await knex('posts').orderByRaw('?? DESC', [req.query.sort]);
  // ok: sql-injection-knex-raw
  const byName = await knex('users').where('name', req.query.name as string);
  const year = parseInt(String(req.query.year), 10);
  // ok: sql-injection-knex-raw
  const sums = await knex.raw('SELECT SUM(amount) FROM invoices WHERE year = ' + year);
  let column = req.query.column;
  column = 'created_at';
  // ok: sql-injection-knex-raw
  const recent = await knex.raw(`SELECT * FROM posts ORDER BY ${column} DESC`);
  res.json({ users, sorted, byName, sums, recent });
});

// ok: sql-injection-knex-raw
knex.raw('SELECT 1');
