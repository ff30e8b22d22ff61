// Test code for funcster-deserialize: sending functions between services.
const funcster = require('funcster');
const express = require('express');

const app = express();
app.use(express.json());

// "Let clients send custom validation rules as functions"
app.post('/rules', (req, res) => {
  // ruleid: funcster-deserialize
  const rules = funcster.deepDeserialize(req.body.rules);
  res.json({ valid: rules.validate(req.body.value) });
});

function loadPlugin(message) {
  // ruleid: funcster-deserialize
  return funcster.deepDeserialize(JSON.parse(message), '__fn');
}

const { deepDeserialize } = require('funcster');
// ruleid: funcster-deserialize
const fromCache = (entry) => deepDeserialize(entry);

// The fixed form: data only, behaviour looked up in code.
const validators = { email: (v) => /^[^@]+@[^@]+$/.test(v), nonEmpty: (v) => v.length > 0 };
app.post('/rules-v2', (req, res) => {
  const validate = validators[req.body.rule];
  // ok: funcster-deserialize
  res.json({ valid: typeof validate === 'function' && validate(req.body.value) });
});

// Serialising our own functions is not the dangerous half.
// ok: funcster-deserialize
const shipped = funcster.deepSerialize({ hello: () => 'world' });
// ok: funcster-deserialize
const parsed = JSON.parse('{"rule":"email"}');

module.exports = { loadPlugin, fromCache, shipped, parsed };
