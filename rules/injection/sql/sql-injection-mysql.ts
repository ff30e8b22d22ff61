// Test code for sql-injection-mysql: Express handlers on mysql / mysql2 as assistants write them.
import express, { type Request, type Response } from 'express';
import mysql from 'mysql2';

const app = express();
app.use(express.json());
const connection = mysql.createConnection({ host: 'localhost', user: 'app', database: 'shop' });
const pool = mysql.createPool({ host: 'localhost', user: 'app', database: 'shop' }).promise();

// "Write a login endpoint with MySQL"
app.post('/login', (req: Request, res: Response) => {
  const { email, password } = req.body;
  // ruleid: sql-injection-mysql
  connection.query("SELECT * FROM users WHERE email = '" + email + "' AND password = '" + password + "'", (err, rows) => {
    if (err) return res.status(500).send('db error');
    res.json(rows);
  });
});

// "Search products by name" (mysql2/promise, execute)
app.get('/products', async (req: Request, res: Response) => {
  // ruleid: sql-injection-mysql
  const [rows] = await pool.execute(`SELECT * FROM products WHERE name LIKE '%${req.query.q}%'`);
  res.json(rows);
});

// A helper that builds the SQL, called from a named route handler.
function ordersQuery(status: string, sort: string): string {
  return `SELECT * FROM orders WHERE status = '${status}' ORDER BY ${sort}`;
}
async function listOrders(req: Request, res: Response) {
  const sql = ordersQuery(String(req.query.status), String(req.query.sort));
  // ruleid: sql-injection-mysql
  const [rows] = await pool.query(sql);
  res.json(rows);
}
app.get('/orders', listOrders);

// A repository class: the handler passes the id to a method that runs the query.
class UserRepository {
  async remove(id: string) {
    // ruleid: sql-injection-mysql
    return pool.query({ sql: 'DELETE FROM users WHERE id = ' + id });
  }
  async handle(req: Request) {
    return this.remove(req.params.id);
  }
}

// The fixed forms: placeholders and a values array.
app.post('/login-safe', (req: Request, res: Response) => {
  // ok: sql-injection-mysql
  connection.query('SELECT * FROM users WHERE email = ? AND password_hash = ?', [req.body.email, req.body.hash], (err, rows) => {
    res.json(rows);
  });
});

app.get('/products-safe', async (req: Request, res: Response) => {
  // ok: sql-injection-mysql
  const [rows] = await pool.execute('SELECT * FROM products WHERE name LIKE ?', [`%${req.query.q}%`]);
  res.json(rows);
});

app.get('/orders/:id', async (req: Request, res: Response) => {
  const id = Number(req.params.id);
  // ok: sql-injection-mysql
  const [rows] = await pool.query('SELECT * FROM orders WHERE id = ' + id);
  res.json(rows);
});

app.get('/stats', async (req: Request, res: Response) => {
  let table = req.query.table;
  table = 'orders';
  // ok: sql-injection-mysql
  const [rows] = await pool.query('SELECT COUNT(*) AS n FROM ' + table);
  // ok: sql-injection-mysql
  const [cols] = await pool.query('SELECT * FROM ?? WHERE id = ?', [req.query.table, req.query.id]);
  // ok: sql-injection-mysql
  const [esc] = await pool.query('SELECT * FROM users WHERE name = ' + connection.escape(req.query.name));
  res.json({ rows, cols, esc });
});

const TABLE = 'audit_log';
// ok: sql-injection-mysql
pool.query('SELECT * FROM ' + TABLE);

export { app, UserRepository };
