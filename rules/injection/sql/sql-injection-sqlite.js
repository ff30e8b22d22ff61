// Test code for sql-injection-sqlite: sqlite3 and better-sqlite3 in small Express apps.
const express = require('express');
const Database = require('better-sqlite3');
const sqlite3 = require('sqlite3');

const app = express();
const db = new Database('notes.db');
const legacyDb = new sqlite3.Database('legacy.db');

// "Delete a note by id"
app.delete('/notes/:id', (req, res) => {
  // ruleid: sql-injection-sqlite
  db.prepare('DELETE FROM notes WHERE id = ' + req.params.id).run();
  res.sendStatus(204);
});

// "Find users by name" with the sqlite3 callback API
app.get('/users', (req, res) => {
  // ruleid: sql-injection-sqlite
  legacyDb.all(`SELECT * FROM users WHERE name = '${req.query.name}'`, (err, rows) => res.json(rows));
});

// A helper that runs the statement, called from a named handler.
function setTitle(id, title) {
  // ruleid: sql-injection-sqlite
  db.exec(`UPDATE notes SET title = '${title}' WHERE id = ${id}`);
}
function renameHandler(req, res) {
  setTitle(Number(req.params.id), req.body.title);
  res.sendStatus(204);
}
app.put('/notes/:id', renameHandler);

// The fixed forms: placeholders, and values bound to the prepared statement.
app.delete('/notes-safe/:id', (req, res) => {
  // ok: sql-injection-sqlite
  db.prepare('DELETE FROM notes WHERE id = ?').run(req.params.id);
  const stmt = db.prepare('SELECT * FROM notes WHERE owner = @owner');
  // ok: sql-injection-sqlite
  const rows = stmt.all({ owner: req.query.owner });
  // ok: sql-injection-sqlite
  legacyDb.get('SELECT * FROM users WHERE name = ?', [req.query.name], (err, row) => res.json({ row, rows }));
});

app.get('/page', (req, res) => {
  const offset = parseInt(req.query.offset, 10) || 0;
  // ok: sql-injection-sqlite
  const rows = db.prepare('SELECT * FROM notes LIMIT 20 OFFSET ' + offset).all();
  let order = req.query.order;
  order = 'created_at';
  // ok: sql-injection-sqlite
  const sorted = db.prepare(`SELECT * FROM notes ORDER BY ${order}`).all();
  // A cache lookup named get is not SQL.
  const cache = new Map();
  // ok: sql-injection-sqlite
  const hit = cache.get('notes:' + req.query.q);
  res.json({ rows, sorted, hit });
});

// ok: sql-injection-sqlite
db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, title TEXT)');

module.exports = app;
