// Test code for eval-with-expression: calculators, "dynamic" config and timers as assistants write them.
const express = require('express');
const vm = require('node:vm');

const app = express();
app.use(express.json());

// "Build a simple calculator API"
app.post('/api/calculate', (req, res) => {
  const { expression } = req.body;
  try {
    // A value passed through unchanged: code-injection-eval (taint) reports this one.
    // ok: eval-with-expression
    const result = eval(expression);
    res.json({ result });
  } catch (e) {
    res.status(400).json({ error: 'Invalid expression' });
  }
});

// "Let users define a custom scoring formula"
function compileFormula(formula) {
  // ruleid: eval-with-expression
  return new Function('score', 'bonus', `return ${formula};`);
}

// "Parse the config the client sends"
app.post('/api/config', (req, res) => {
  // ruleid: eval-with-expression
  const config = eval('(' + req.body.config + ')');
  res.json(config);
});

// "Run a user-supplied filter in a sandbox" (vm is not a security boundary)
app.post('/api/filter', (req, res) => {
  // Passed through unchanged: code-injection-vm (taint) reports this one.
  // ok: eval-with-expression
  const keep = vm.runInNewContext(req.body.filter, { item: req.body.item });
  // ruleid: eval-with-expression
  const score = vm.runInNewContext(`(${req.body.formula}) * weight`, { weight: 2 });
  res.json({ keep, score });
});

function scheduleReminder(userId, delayMs) {
  // ruleid: eval-with-expression
  setTimeout('sendReminder(' + userId + ')', delayMs);
}

// The safe forms.
app.post('/api/config-safe', (req, res) => {
  // ok: eval-with-expression
  const config = JSON.parse(req.body.config);
  res.json(config);
});

const OPERATIONS = { add: (a, b) => a + b, sub: (a, b) => a - b };
app.post('/api/calculate-safe', (req, res) => {
  const op = OPERATIONS[req.body.op];
  if (!op) return res.status(400).json({ error: 'Unknown operation' });
  // ok: eval-with-expression
  res.json({ result: op(Number(req.body.a), Number(req.body.b)) });
});

// A literal is code the author wrote.
// ok: eval-with-expression
const add = new Function('a', 'b', 'return a + b');

// A function passed to setTimeout is not evaluated as a string.
function scheduleReminderSafe(userId, delayMs) {
  // ok: eval-with-expression
  setTimeout(() => sendReminder(userId + 1), delayMs);
}

// A method that is merely named eval on another object.
const interpreter = { eval: (source) => source.length };
// ok: eval-with-expression
interpreter.eval(add.toString());

function sendReminder(id) {
  return id;
}

module.exports = { app, compileFormula, scheduleReminder, scheduleReminderSafe };
