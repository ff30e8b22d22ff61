// Test code for code-injection-vm: "sandboxing" user code with node:vm.
const express = require('express');
const vm = require('node:vm');

const app = express();
app.use(express.json());

// "Run a user-supplied filter in a sandbox"
app.post('/api/filter', (req, res) => {
  // ruleid: code-injection-vm
  const keep = vm.runInNewContext(req.body.filter, { item: req.body.item });
  res.json({ keep });
});

app.post('/api/script', (req, res) => {
  // ruleid: code-injection-vm
  const script = new vm.Script(`result = (${req.body.code})`);
  const ctx = vm.createContext({ result: null });
  script.runInContext(ctx);
  res.json(ctx.result);
});

// A helper that runs the code, called from a class method.
class RuleEngine {
  evaluate(rule, facts) {
    const context = vm.createContext({ facts });
    // ruleid: code-injection-vm
    return vm.runInContext(rule, context, { timeout: 50 });
  }
  handle(req, res) {
    res.json({ ok: this.evaluate(req.body.rule, req.body.facts) });
  }
}

// The fixed forms and look-alikes.
app.post('/api/filter-safe', (req, res) => {
  const allowed = { inStock: (item) => item.stock > 0 };
  const predicate = allowed[req.body.filter];
  // ok: code-injection-vm
  const version = vm.runInNewContext('process.version', {});
  const limit = Number(req.body.limit);
  // ok: code-injection-vm
  const capped = vm.runInNewContext('Math.min(x, ' + limit + ')', { x: 10 });
  let code = req.body.code;
  code = '1 + 1';
  // ok: code-injection-vm
  const two = vm.runInThisContext(code);
  res.json({ keep: predicate ? predicate(req.body.item) : false, version, capped, two });
});

module.exports = { app, RuleEngine };
