// Test code for ssti-nunjucks: renderString with request data.
const express = require('express');
const nunjucks = require('nunjucks');

const app = express();
const env = nunjucks.configure('views', { autoescape: true });

// "Render the notification text the admin entered"
app.post('/notify/preview', (req, res) => {
  // ruleid: ssti-nunjucks
  res.send(nunjucks.renderString(req.body.text, { user: 'Ada' }));
});

app.get('/welcome', (req, res) => {
  // ruleid: ssti-nunjucks
  res.send(env.renderString('Welcome ' + req.query.name, {}));
});

function templateFrom(body) {
  // ruleid: ssti-nunjucks
  return new nunjucks.Template(body.source, env);
}
function templateHandler(req, res) {
  res.send(templateFrom(req.body).render({}));
}
app.post('/template', templateHandler);

// The fixed forms.
app.get('/welcome-safe', (req, res) => {
  // ok: ssti-nunjucks
  res.send(nunjucks.renderString('Welcome {{ name }}', { name: req.query.name }));
  // ok: ssti-nunjucks
  res.send(nunjucks.render('welcome.njk', { name: req.query.name }));
  let source = req.query.source;
  source = 'Hi {{ name }}';
  // ok: ssti-nunjucks
  res.send(env.renderString(source, { name: req.query.name }));
});

module.exports = app;
