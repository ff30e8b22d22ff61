// An Express app as an assistant writes it, with the fixed form of each handler.
const express = require('express');
const { exec, execFile } = require('child_process');
const fs = require('fs');
const path = require('path');
const db = require('./db');
const app = express();

app.get('/users', async (req, res) => {
  const { search } = req.query;
  // ruleid: t-sql
  const rows = await db.query(`SELECT * FROM users WHERE name LIKE '%${search}%'`);
  res.json(rows);
});

app.get('/users-fixed', async (req, res) => {
  const { search } = req.query;
  // ok: t-sql
  const rows = await db.query('SELECT * FROM users WHERE name LIKE ?', [`%${search}%`]);
  res.json(rows);
});

app.get('/user/:id', async (req, res) => {
  const id = parseInt(req.params.id, 10);
  // ok: t-sql
  const rows = await db.query('SELECT * FROM users WHERE id = ' + id);
  res.json(rows[0]);
});

app.post('/ping', (req, res) => {
  const host = req.body.host;
  // ruleid: t-exec
  exec('ping -c 1 ' + host, (err, out) => res.send(out));
});

app.post('/ping-fixed', (req, res) => {
  // ok: t-exec
  execFile('ping', ['-c', '1', req.body.host], (err, out) => res.json({ out }));
});

app.get('/files', (req, res) => {
  const file = path.join(__dirname, 'uploads', req.query.name);
  // ruleid: t-path
  fs.readFile(file, 'utf8', (err, data) => res.json({ data }));
});

app.get('/files-fixed', (req, res) => {
  const root = path.join(__dirname, 'uploads');
  const file = path.resolve(root, req.query.name);
  if (!file.startsWith(root + path.sep)) return res.status(403).end();
  // ok: t-path
  fs.readFile(file, 'utf8', (err, data) => res.json({ data }));
});

app.get('/download', (req, res) => {
  // ok: t-path
  res.sendFile(path.basename(req.query.f), { root: 'public' });
});

app.get('/preview', async (req, res) => {
  // ruleid: t-ssrf
  const r = await fetch(req.query.url);
  res.send(await r.text());
});

const ALLOWED = { docs: 'https://docs.example.com', status: 'https://status.example.com' };
app.get('/preview-fixed', async (req, res) => {
  const target = ALLOWED[req.query.site];
  if (!target) return res.status(400).end();
  // ok: t-ssrf
  const r = await fetch(target);
  res.json({ ok: r.ok });
});

app.get('/login', (req, res) => {
  // ruleid: t-redirect
  res.redirect(req.query.next);
});

app.get('/login-fixed', (req, res) => {
  const next = req.query.next;
  if (typeof next === 'string' && next.startsWith('/') && !next.startsWith('//')) {
    // ok: t-redirect
    return res.redirect(next);
  }
  res.redirect('/');
});

app.get('/hello', (req, res) => {
  // ruleid: t-html
  res.send('<h1>Hello ' + req.query.name + '</h1>');
});

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

app.get('/hello-fixed', (req, res) => {
  // ok: t-html
  res.send('<h1>Hello ' + escapeHtml(req.query.name) + '</h1>');
});

// A route handler defined as a named function, and a helper that builds the query.
function buildReport(filter) {
  return 'SELECT * FROM orders WHERE status = \'' + filter + '\'';
}

async function reportHandler(req, res) {
  const sql = buildReport(req.query.status);
  // ruleid: t-sql
  res.json(await db.query(sql));
}
app.get('/report', reportHandler);

// Headers and cookies are request data too.
app.get('/lang', (req, res) => {
  const lang = req.headers['accept-language'];
  // ruleid: t-html
  res.send('<p>Language: ' + lang + '</p>');
});

app.get('/theme', async (req, res) => {
  const theme = req.cookies.theme;
  // ruleid: t-sql
  await db.query("UPDATE prefs SET theme = '" + theme + "'");
  // ok: t-sql
  await db.query('UPDATE prefs SET theme = ?', [theme]);
  res.end();
});

app.listen(3000);
