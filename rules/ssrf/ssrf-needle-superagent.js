// Test code for ssrf-needle-superagent: needle, superagent and request with request-controlled URLs.
const express = require('express');
const needle = require('needle');
const superagent = require('superagent');

const app = express();
app.use(express.json());

// "Fetch the page title of a link"
app.get('/title', (req, res) => {
  // ruleid: ssrf-needle-superagent
  needle.get(req.query.url, (err, resp) => res.send(String(resp && resp.body).slice(0, 100)));
});

app.post('/relay', async (req, res) => {
  // ruleid: ssrf-needle-superagent
  const r = await superagent.post(req.body.target).send({ ok: true });
  res.json(r.body);
});

function load(url) {
  // ruleid: ssrf-needle-superagent
  return needle('get', url);
}
async function loadHandler(req, res) {
  res.json((await load(req.query.src)).body);
}
app.get('/load', loadHandler);

// The fixed forms.
const SOURCES = { weather: 'https://weather.example.com/today' };
app.get('/title-safe', async (req, res) => {
  const url = SOURCES[req.query.source];
  if (!url) return res.status(400).end();
  // ok: ssrf-needle-superagent
  const r = await superagent.get(url);
  // ok: ssrf-needle-superagent
  const u = await superagent.get('https://api.example.com/users/' + req.query.id);
  let target = req.query.target;
  target = 'https://example.com';
  // ok: ssrf-needle-superagent
  needle.get(target);
  res.json({ r: r.body, u: u.body });
});

module.exports = app;
