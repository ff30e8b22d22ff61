// Test code for sql-query-concat: mysql, pg, Sequelize, Prisma and SQLite calls as assistants write them.
import express, { type Request, type Response } from 'express';
import mysql from 'mysql2';
import { Pool } from 'pg';
import { PrismaClient } from '@prisma/client';
import { Sequelize, QueryTypes } from 'sequelize';
import Database from 'better-sqlite3';

const app = express();
const connection = mysql.createConnection({ host: 'localhost', user: 'app', database: 'shop' });
const pool = new Pool();
const prisma = new PrismaClient();
const sequelize = new Sequelize(process.env.DATABASE_URL ?? '');
const db = new Database('app.db');

// "Write a login endpoint with MySQL"
app.post('/login', (req: Request, res: Response) => {
  const { email } = req.body;
  // ruleid: sql-query-concat
  connection.query("SELECT * FROM users WHERE email = '" + email + "'", (err, rows) => {
    if (err) return res.status(500).send('db error');
    res.json(rows);
  });
});

// "Get a user's orders with node-postgres"
app.get('/users/:id/orders', async (req: Request, res: Response) => {
  // ruleid: sql-query-concat
  const { rows } = await pool.query(`SELECT * FROM orders WHERE user_id = ${req.params.id} ORDER BY created_at DESC`);
  res.json(rows);
});

// "Search products by name with Prisma raw SQL"
export async function searchProducts(term: string) {
  // ruleid: sql-query-concat
  return prisma.$queryRawUnsafe(`SELECT * FROM "Product" WHERE name ILIKE '%${term}%'`);
}

// "Mark an order as shipped with Sequelize"
export async function markShipped(orderId: string) {
  // ruleid: sql-query-concat
  await sequelize.query(
    `UPDATE orders SET status = 'shipped' WHERE id = ${orderId}`,
    { type: QueryTypes.UPDATE },
  );
}

export function deleteNote(id: string) {
  // ruleid: sql-query-concat
  return db.prepare('DELETE FROM notes WHERE id = ' + id).run();
}

// The safe forms: constant SQL, values as parameters.
app.post('/login-safe', (req: Request, res: Response) => {
  // ok: sql-query-concat
  connection.query('SELECT * FROM users WHERE email = ?', [req.body.email], (err, rows) => {
    res.json(rows);
  });
});

app.get('/users/:id/orders-safe', async (req: Request, res: Response) => {
  // ok: sql-query-concat
  const { rows } = await pool.query('SELECT * FROM orders WHERE user_id = $1 ORDER BY created_at DESC', [req.params.id]);
  res.json(rows);
});

export async function searchProductsSafe(term: string) {
  // ok: sql-query-concat
  return prisma.$queryRaw`SELECT * FROM "Product" WHERE name ILIKE ${'%' + term + '%'}`;
}

export function deleteNoteSafe(id: string) {
  // ok: sql-query-concat
  return db.prepare('DELETE FROM notes WHERE id = ?').run(id);
}

// A constant query split over two literals.
// ok: sql-query-concat
pool.query('SELECT id, name ' + 'FROM products');

// Not SQL: a cache key built from an id.
const cache = new Map<string, string>();
export function cached(id: string) {
  // ok: sql-query-concat
  return cache.get('user:' + id);
}
