// Test code for ssrf-http-request: node:http / node:https clients.
const express = require('express');
const http = require('http');
const https = require('node:https');

const app = express();

// "Download a file from a URL the user gives"
app.get('/download', (req, res) => {
  // ruleid: ssrf-http-request
  https.get(req.query.url, (upstream) => upstream.pipe(res));
});

app.get('/status', (req, res) => {
  // ruleid: ssrf-http-request
  const r = http.request({ hostname: req.query.host, port: 80, path: '/status' }, (up) => up.pipe(res));
  r.end();
});

function probe(target, cb) {
  // ruleid: ssrf-http-request
  http.get(target, cb);
}
function probeHandler(req, res) {
  probe(req.body.target, (up) => res.sendStatus(up.statusCode));
}
app.post('/probe', probeHandler);

// The fixed forms.
const ALLOWED = new Set(['status.example.com', 'api.example.com']);
app.get('/status-safe', (req, res) => {
  const host = req.query.host;
  if (!ALLOWED.has(host)) return res.status(400).end();
  // ok: ssrf-http-request
  http.request({ hostname: host, port: 80, path: '/status' }, (up) => up.pipe(res)).end();
  // ok: ssrf-http-request
  https.get('https://api.example.com/items/' + req.query.id, (up) => up.pipe(res));
  let url = req.query.url;
  url = 'https://example.com';
  // ok: ssrf-http-request
  https.get(url, (up) => up.resume());
  // ok: ssrf-http-request
  http.get({ host: 'localhost', port: Number(req.query.port) }, (up) => up.resume());
});

module.exports = app;
