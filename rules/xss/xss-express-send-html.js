// Test code for xss-express-send-html: Express handlers that echo request data into HTML.
const express = require('express');
const escapeHtml = require('escape-html');
const { formatReport } = require('./reports');

const app = express();

// "Show a greeting with the user's name"
app.get('/hello', (req, res) => {
  // ruleid: xss-express-send-html
  res.send('<h1>Hello ' + req.query.name + '</h1>');
});

// "Return a search results page"
app.get('/search', (req, res) => {
  const q = req.query.q;
  res.write('<html><body>');
  // ruleid: xss-express-send-html
  res.write(`<p>Results for <b>${q}</b></p>`);
  res.end('</body></html>');
});

// A helper that builds the page, called from a named handler.
function errorPage(message) {
  return `<!doctype html><div class="error">${message}</div>`;
}
function notFound(req, res) {
  // ruleid: xss-express-send-html
  res.status(404).send(errorPage('No such page: ' + req.params.page));
}
app.get('/pages/:page', notFound);

app.get('/plain', (req, res) => {
  // ruleid: xss-express-send-html
  res.type('html').send(req.query.msg);
});

// The fixed forms and look-alikes.
app.get('/hello-safe', (req, res) => {
  // ok: xss-express-send-html
  res.send('<h1>Hello ' + escapeHtml(req.query.name) + '</h1>');
  // ok: xss-express-send-html
  res.json({ greeting: `Hello ${req.query.name}` });
  // ok: xss-express-send-html
  res.send(req.body);
  // ok: xss-express-send-html
  res.send('<p>Page ' + Number(req.query.page) + '</p>');
  let name = req.query.name;
  name = 'guest';
  // ok: xss-express-send-html
  res.send(`<h1>Hello ${name}</h1>`);
  // taint_assume_safe_functions: an imported function's result is not the request's text.
  // ok: xss-express-send-html
  res.send(formatReport(req.query.id));
});

// ok: xss-express-send-html
app.get('/health', (req, res) => res.send('<p>ok</p>'));

module.exports = app;
