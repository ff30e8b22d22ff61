// Test code for prototype-pollution-computed-key: nested writes with request-chosen keys.
const express = require('express');

const app = express();
app.use(express.json());
const store = {};

// "Save a setting in a section: POST { section, key, value }"
app.post('/settings', (req, res) => {
  const { section, key, value } = req.body;
  store[section] = store[section] || {};
  // ruleid: prototype-pollution-computed-key
  store[section][key] = value;
  res.json(store);
});

app.get('/track', (req, res) => {
  // ruleid: prototype-pollution-computed-key
  store[req.query.category][req.query.name] = Date.now();
  res.end();
});

function setNested(obj, a, b, v) {
  // ruleid: prototype-pollution-computed-key
  obj[a][b] = v;
}
function nestedHandler(req, res) {
  setNested(store, req.params.group, req.params.item, req.body.v);
  res.end();
}
app.put('/nested/:group/:item', nestedHandler);

// The fixed forms and look-alikes.
const SECTIONS = ['ui', 'mail'];
app.post('/settings-safe', (req, res) => {
  const { section, key, value } = req.body;
  if (!SECTIONS.includes(section)) return res.status(400).end();
  // Engine gap: the inner key of an assignment target (section) is never evaluated, so the
  // rule looks at the outer key; a check on the inner key alone does not clear the finding.
  // todook: prototype-pollution-computed-key
  store[section][key] = value;
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') return res.status(400).end();
  // ok: prototype-pollution-computed-key
  store[section][key] = value;
  const safe = Object.create(null);
  safe[req.body.a] = Object.create(null);
  // ok: prototype-pollution-computed-key
  safe[req.body.a][req.body.b] = req.body.v;
  // A fixed first level written with a dot is not an index access.
  // ok: prototype-pollution-computed-key
  store.ui[req.body.key] = req.body.value;
  // A quoted first key is fixed too, but neither `pattern-not: $OBJ["..."][$K] = $V` nor a
  // metavariable-regex on the key excludes it (the regex is also tried without quotes).
  // todook: prototype-pollution-computed-key
  store['ui'][req.body.key] = 1;
  let name = req.body.name;
  name = 'theme';
  // ok: prototype-pollution-computed-key
  store[req.body.group][name] = 1;
  // Engine gap: an exact sink whose focused expression is a call is checked against the
  // call's arguments, so the number conversion is not seen.
  // todook: prototype-pollution-computed-key
  store[req.body.group][Number(req.body.index)] = 1;
  const slot = Number(req.body.slot);
  // ok: prototype-pollution-computed-key
  store[req.body.group][slot] = 1;
  res.json(store);
});

module.exports = app;
