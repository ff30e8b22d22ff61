// Test code for ssti-ejs: rendering templates that come from the request.
const express = require('express');
const ejs = require('ejs');

const app = express();
app.use(express.json());

// "Let users customize their profile card template"
app.post('/preview', (req, res) => {
  // ruleid: ssti-ejs
  const html = ejs.render(req.body.template, { user: req.user });
  res.send(html);
});

app.get('/greeting', (req, res) => {
  // ruleid: ssti-ejs
  res.send(ejs.render('<h1>Hello ' + req.query.name + '</h1>'));
});

// A helper that compiles, reached from a named handler.
function compileCard(source) {
  // ruleid: ssti-ejs
  return ejs.compile(source, { client: false });
}
function cardHandler(req, res) {
  res.send(compileCard(req.body.card)({ name: 'x' }));
}
app.post('/card', cardHandler);

// The fixed forms: the template is constant, the value is data.
app.get('/greeting-safe', (req, res) => {
  // ok: ssti-ejs
  res.send(ejs.render('<h1>Hello <%= name %></h1>', { name: req.query.name }));
  // ok: ssti-ejs
  ejs.renderFile('views/card.ejs', { name: req.query.name }, (err, html) => res.send(html));
  let tpl = req.query.tpl;
  tpl = '<p><%= n %></p>';
  // ok: ssti-ejs
  ejs.render(tpl, { n: Number(req.query.n) });
  // ok: ssti-ejs
  ejs.render('<p>' + Number(req.query.n) + '</p>');
});

module.exports = app;
