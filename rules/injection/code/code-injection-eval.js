// Test code for code-injection-eval: calculators and "dynamic config" with eval.
const express = require('express');

const app = express();
app.use(express.json());

// "Build a simple calculator API"
app.post('/api/calculate', (req, res) => {
  const { expression } = req.body;
  // ruleid: code-injection-eval
  res.json({ result: eval(expression) });
});

// "Parse the filter the client sends"
app.get('/api/items', (req, res) => {
  // ruleid: code-injection-eval
  const filter = eval('(' + req.query.filter + ')');
  res.json(filter);
});

// Browser code: run a snippet from the URL fragment.
function runFromHash() {
  const snippet = decodeURIComponent(location.hash.slice(1));
  // ruleid: code-injection-eval
  window.eval(snippet);
}

// A helper that evaluates, called from a named handler.
function compute(formula) {
  // ruleid: code-injection-eval
  return eval(formula);
}
function scoreHandler(req, res) {
  res.json({ score: compute(req.body.formula) });
}
app.post('/api/score', scoreHandler);

// The fixed forms and look-alikes.
app.post('/api/config-safe', (req, res) => {
  // ok: code-injection-eval
  const config = eval(JSON.parse(req.body.config));
  const OPERATIONS = { add: (a, b) => a + b, sub: (a, b) => a - b };
  const op = OPERATIONS[req.body.op];
  // A number conversion in the sink position carries no taint.
  // ok: code-injection-eval
  const n = eval(Number(req.body.n));
  const m = Number(req.body.m);
  // ok: code-injection-eval
  const sum = eval(m + 1);
  let expr = req.body.expr;
  expr = '1 + 1';
  // ok: code-injection-eval
  const two = eval(expr);
  res.json({ config, n, sum, two, result: op ? op(Number(req.body.a), Number(req.body.b)) : null });
});

// ok: code-injection-eval
eval('2 + 2');

module.exports = { app, runFromHash };
