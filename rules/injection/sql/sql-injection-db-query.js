// Test code for sql-injection-db-query: the pool comes from another module, so the driver is unknown.
const express = require('express');
const db = require('../db');
const { pool } = require('./database');

const router = express.Router();

// "Add an endpoint to get a product by slug"
router.get('/products/:slug', async (req, res) => {
  // ruleid: sql-injection-db-query
  const rows = await db.query(`SELECT * FROM products WHERE slug = '${req.params.slug}'`);
  res.json(rows[0]);
});

// A named handler and a helper that builds the WHERE clause.
function buildFilter(category, maxPrice) {
  return "SELECT * FROM products WHERE category = '" + category + "' AND price < " + maxPrice;
}
async function searchHandler(req, res) {
  const sql = buildFilter(req.query.category, req.query.max);
  // ruleid: sql-injection-db-query
  const rows = await pool.query(sql);
  res.json(rows);
}
router.get('/search', searchHandler);

class CommentService {
  constructor(database) {
    this.db = database;
  }
  byAuthor(author) {
    // ruleid: sql-injection-db-query
    return this.db.execute('SELECT * FROM comments WHERE author = "' + author + '"');
  }
  route(req, res) {
    return this.byAuthor(req.query.author).then((rows) => res.json(rows));
  }
}

// The fixed forms and look-alikes.
router.get('/products-safe/:slug', async (req, res) => {
  // ok: sql-injection-db-query
  const rows = await db.query('SELECT * FROM products WHERE slug = ?', [req.params.slug]);
  const id = Number(req.query.id);
  // ok: sql-injection-db-query
  const byId = await db.query('SELECT * FROM products WHERE id = ' + id);
  let sort = req.query.sort;
  sort = 'name';
  // ok: sql-injection-db-query
  const sorted = await db.query(`SELECT * FROM products ORDER BY ${sort}`);
  res.json({ rows, byId, sorted });
});

// A GraphQL client's query() takes a document and variables, not SQL text.
router.get('/gql/:id', async (req, res) => {
  const apolloClient = req.app.get('apollo');
  // ok: sql-injection-db-query
  const result = await apolloClient.query({ query: 'GetUser', variables: { id: req.params.id } });
  // ok: sql-injection-db-query
  const hits = await req.app.locals.searchIndex.query(req.query.q);
  res.json({ result, hits });
});

// ok: sql-injection-db-query
db.query('SELECT 1');

module.exports = { router, CommentService };
