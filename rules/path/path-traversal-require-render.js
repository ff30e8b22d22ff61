// Test code for path-traversal-require-render: modules and views chosen by the request.
const express = require('express');

const app = express();
app.set('view engine', 'ejs');

// "Render the page named in the URL"
app.get('/page/:name', (req, res) => {
  // ruleid: path-traversal-require-render
  res.render(req.params.name, { user: req.user });
});

// "Load the plugin the client asks for"
app.post('/plugins', (req, res) => {
  // ruleid: path-traversal-require-render
  const plugin = require('./plugins/' + req.body.plugin);
  res.json(plugin.describe());
});

function loadLocale(lang) {
  // ruleid: path-traversal-require-render
  return require(`./locales/${lang}.json`);
}
function localeHandler(req, res) {
  res.json(loadLocale(req.query.lang));
}
app.get('/locale', localeHandler);

// The fixed forms and look-alikes.
const VIEWS = { home: 'home', about: 'about' };
const PLUGINS = { csv: require('./plugins/csv'), pdf: require('./plugins/pdf') };
app.get('/page-safe/:name', (req, res) => {
  const view = VIEWS[req.params.name];
  if (!view) return res.status(404).end();
  // ok: path-traversal-require-render
  res.render(view, { user: req.user });
  // ok: path-traversal-require-render
  res.render('profile', { name: req.query.name });
  let page = req.query.page;
  page = 'home';
  // ok: path-traversal-require-render
  res.render(page);
  // ok: path-traversal-require-render
  res.render('step-' + Number(req.query.step));
  res.json(Object.keys(PLUGINS));
});

module.exports = app;
