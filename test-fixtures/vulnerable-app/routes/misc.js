// One vulnerable route per remaining class, each with its correctly fixed twin.
const express = require('express');
const fs = require('fs');
const path = require('path');
const { exec, execFile } = require('child_process');
const ejs = require('ejs');
const { users } = require('../mini-mongo');

const router = express.Router();

function escapeHtml(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// Reflected XSS inside a double-quoted attribute.
router.get('/greet', (req, res) => {
  const name = req.query.name;
  res.send(`<html><body><form><input name="name" value="${name}"></form><p>Welcome!</p></body></html>`);
});

router.get('/greet-fixed', (req, res) => {
  const name = escapeHtml(req.query.name);
  res.send(`<html><body><form><input name="name" value="${name}"></form><p>Welcome!</p></body></html>`);
});

// Reflected XSS from a request header, inside a class attribute.
router.get('/banner', (req, res) => {
  const theme = req.get('x-theme');
  res.send('<html><body><div class="banner ' + theme + '">Sale!</div></body></html>');
});

router.get('/banner-fixed', (req, res) => {
  const theme = escapeHtml(req.get('x-theme'));
  res.send('<html><body><div class="banner ' + theme + '">Sale!</div></body></html>');
});

// Reflected XSS from a cookie.
router.get('/welcome', (req, res) => {
  res.send('<html><body><p>Welcome back, ' + req.cookies.user + '</p></body></html>');
});

router.get('/welcome-fixed', (req, res) => {
  res.send('<html><body><p>Welcome back, ' + escapeHtml(req.cookies.user) + '</p></body></html>');
});

// Path traversal from the public folder.
router.get('/files', (req, res) => {
  const name = req.query.name;
  try {
    const data = fs.readFileSync(path.join(__dirname, '..', 'public', name), 'utf8');
    res.type('text/plain').send(data);
  } catch {
    res.status(404).send('no such file');
  }
});

router.get('/files-fixed', (req, res) => {
  const name = path.basename(String(req.query.name));
  try {
    const data = fs.readFileSync(path.join(__dirname, '..', 'public', name), 'utf8');
    res.type('text/plain').send(data);
  } catch {
    res.status(404).send('no such file');
  }
});

// Command injection inside a double-quoted shell word.
router.get('/ls', (req, res) => {
  const dir = req.query.dir;
  exec(`ls -1 "public/${dir}"`, { cwd: path.join(__dirname, '..'), timeout: 2000 }, (err, stdout, stderr) => {
    res.json({ ok: !err, stdout, stderr });
  });
});

router.get('/ls-fixed', (req, res) => {
  const dir = path.basename(String(req.query.dir));
  execFile('ls', ['-1', path.join('public', dir)], { cwd: path.join(__dirname, '..'), timeout: 2000 }, (err, stdout, stderr) => {
    res.json({ ok: !err, stdout, stderr });
  });
});

// Code injection: a calculator that evals.
router.get('/calc', (req, res) => {
  const expr = req.query.expr;
  try {
    const result = eval(expr);
    res.json({ result: String(result) });
  } catch {
    res.status(400).json({ error: 'bad expression' });
  }
});

/** Evaluates + - * / over numbers with a small parser: no JavaScript is run. */
function safeCalc(text) {
  const tokens = String(text).match(/\d+(?:\.\d+)?|[-+*/()]/g);
  if (!tokens || tokens.join('') !== String(text).replace(/\s+/g, '')) throw new Error('bad expression');
  let i = 0;
  const expr = () => {
    let v = term();
    while (tokens[i] === '+' || tokens[i] === '-') v = tokens[i++] === '+' ? v + term() : v - term();
    return v;
  };
  const term = () => {
    let v = factor();
    while (tokens[i] === '*' || tokens[i] === '/') v = tokens[i++] === '*' ? v * factor() : v / factor();
    return v;
  };
  const factor = () => {
    const t = tokens[i++];
    if (t === '(') {
      const v = expr();
      i++;
      return v;
    }
    if (t === '-') return -factor();
    const n = Number(t);
    if (Number.isNaN(n)) throw new Error('bad expression');
    return n;
  };
  const v = expr();
  if (i !== tokens.length) throw new Error('bad expression');
  return v;
}

router.get('/calc-fixed', (req, res) => {
  try {
    res.json({ result: String(safeCalc(req.query.expr)) });
  } catch {
    res.status(400).json({ error: 'bad expression' });
  }
});

// Server-side template injection: the name becomes part of the EJS template.
router.get('/hello', (req, res) => {
  const name = req.query.name;
  res.send(ejs.render('<p>Hello ' + name + '</p>'));
});

router.get('/hello-fixed', (req, res) => {
  const name = req.query.name;
  res.send(ejs.render('<p>Hello <%= name %></p>', { name }));
});

// SSRF: the server fetches any URL it is given.
router.get('/preview', async (req, res) => {
  const url = req.query.url;
  try {
    const upstream = await fetch(url);
    res.json({ status: upstream.status });
  } catch {
    res.status(502).json({ error: 'fetch failed' });
  }
});

const ALLOWED_HOSTS = new Set(['docs.example.com']);

router.get('/preview-fixed', async (req, res) => {
  let url;
  try {
    url = new URL(String(req.query.url));
  } catch {
    return res.status(400).json({ error: 'bad url' });
  }
  if (url.protocol !== 'https:' || !ALLOWED_HOSTS.has(url.hostname)) return res.status(400).json({ error: 'host not allowed' });
  try {
    const upstream = await fetch(url);
    res.json({ status: upstream.status });
  } catch {
    res.status(502).json({ error: 'fetch failed' });
  }
});

// NoSQL operator injection: the JSON body goes into the query object as it is.
router.post('/nosql/login', (req, res) => {
  const user = users.findOne({ username: req.body.username, password: req.body.password });
  if (!user) return res.status(401).json({ error: 'invalid credentials' });
  res.json({ user: user.username });
});

router.post('/nosql/login-fixed', (req, res) => {
  const user = users.findOne({ username: String(req.body.username), password: String(req.body.password) });
  if (!user) return res.status(401).json({ error: 'invalid credentials' });
  res.json({ user: user.username });
});

module.exports = router;
