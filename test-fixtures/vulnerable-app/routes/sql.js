// SQL routes: each vulnerable handler next to its correctly fixed twin.
const express = require('express');
const { openDatabase } = require('../db');

const router = express.Router();

// Hard case: the value sits inside LIKE '%…%' within two parentheses; errors are not shown.
router.get('/products/search', async (req, res) => {
  const q = req.query.q;
  const db = await openDatabase();
  try {
    const rows = db.all(`SELECT id, name FROM products WHERE ((name LIKE '%${q}%') AND hidden = 0) ORDER BY id`);
    res.json(rows);
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

router.get('/products/search-fixed', async (req, res) => {
  const q = req.query.q;
  const db = await openDatabase();
  try {
    const rows = db.all("SELECT id, name FROM products WHERE ((name LIKE '%' || ? || '%') AND hidden = 0) ORDER BY id", [String(q)]);
    res.json(rows);
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

// Hard case: a path-segment parameter, numeric context; the error message leaks.
router.get('/products/:id', async (req, res) => {
  const db = await openDatabase();
  try {
    const rows = db.all('SELECT id, name FROM products WHERE id = ' + req.params.id);
    if (rows.length === 0) return res.status(404).json({ error: 'not found' });
    res.json(rows[0]);
  } catch (e) {
    res.status(500).json({ error: String(e.message) });
  }
});

router.get('/products-fixed/:id', async (req, res) => {
  const db = await openDatabase();
  try {
    const rows = db.all('SELECT id, name FROM products WHERE id = ?', [req.params.id]);
    if (rows.length === 0) return res.status(404).json({ error: 'not found' });
    res.json(rows[0]);
  } catch (e) {
    res.status(500).json({ error: String(e.message) });
  }
});

// The sink is in a helper the handler calls: the taint trace leads from the handler's source to it.
function findByName(db, name) {
  return db.all(`SELECT id, name FROM products WHERE name = '${name}' AND hidden = 0`);
}

function findByNameFixed(db, name) {
  return db.all('SELECT id, name FROM products WHERE name = ? AND hidden = 0', [String(name)]);
}

router.get('/products-by-name', async (req, res) => {
  const db = await openDatabase();
  try {
    res.json(findByName(db, req.query.name));
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

router.get('/products-by-name-fixed', async (req, res) => {
  const db = await openDatabase();
  try {
    res.json(findByNameFixed(db, req.query.name));
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

// Hard case: a JSON body, and a login whose normal failure is 401.
router.post('/login', async (req, res) => {
  const { username, password } = req.body;
  const db = await openDatabase();
  try {
    const rows = db.all(`SELECT id, username FROM users WHERE username = '${username}' AND password = '${password}'`);
    if (rows.length === 0) return res.status(401).json({ error: 'invalid credentials' });
    res.json({ user: rows[0].username });
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

router.post('/login-fixed', async (req, res) => {
  const { username, password } = req.body;
  const db = await openDatabase();
  try {
    const rows = db.all('SELECT id, username FROM users WHERE username = ? AND password = ?', [String(username), String(password)]);
    if (rows.length === 0) return res.status(401).json({ error: 'invalid credentials' });
    res.json({ user: rows[0].username });
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

module.exports = router;
