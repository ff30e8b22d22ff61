/** Taint mode, bullet by bullet: each feature with a case that must match and look-alikes that must not. */
import * as assert from 'node:assert/strict';
import { scanFile } from '../../../src/engine/scan-file';
import { compileRule } from '../scan-helpers';

/** A taint rule body with `source(...)`, `sink(...)`, `clean(...)` unless given. */
function taintRule(extra = '', parts: { sources?: string; sinks?: string; sanitizers?: string } = {}): string {
  return [
    'mode: taint',
    'pattern-sources:',
    parts.sources ?? '  - pattern: source(...)',
    'pattern-sinks:',
    parts.sinks ?? '  - pattern: sink(...)',
    'pattern-sanitizers:',
    parts.sanitizers ?? '  - pattern: clean(...)',
    extra,
  ].join('\n');
}

/** 1-based lines of the findings of a taint rule on `code`. */
function taintLines(code: string, body = taintRule(), file = 'a.ts'): number[] {
  const result = scanFile(code, file, [compileRule(body)]);
  assert.deepEqual(result.errors.filter((e) => e.level === 'error'), []);
  return result.findings.map((f) => f.range.start.line + 1);
}

/** Lines after each `// MATCH` comment, to keep expectations beside the code. */
function marked(code: string): number[] {
  return code.split('\n').flatMap((line, i) => (line.includes('// MATCH') ? [i + 1] : []));
}

function check(code: string, body?: string): void {
  assert.deepEqual(taintLines(code, body), marked(code), `in:\n${code}`);
}

describe('taint mode', () => {
  describe('sources, sinks and sanitizers', () => {
    it('a source flows to a sink; constants and unrelated values do not', () => {
      check(['const a = source();', 'sink(a); // MATCH', 'sink("constant");', 'const b = other();', 'sink(b);'].join('\n'));
    });
    it('sources are inexact: a sub-expression of a source match is tainted', () => {
      check(['source(sink(x)); // MATCH'].join('\n'));
      check(['source(sink(x));'].join('\n'), taintRule('', { sources: '  - pattern: source(...)\n    exact: true' }));
    });
    it('sinks are exact: the argument itself must be tainted (a tainted condition is not)', () => {
      check(['const t = source();', 'sink(t ? "a" : "b");', 'sink(t ? t : "b"); // MATCH'].join('\n'));
      check(['const t = source();', 'sink(t ? "a" : "b"); // MATCH'].join('\n'), taintRule('', { sinks: '  - pattern: sink(...)\n    exact: false' }));
    });
    it('focus-metavariable narrows a sink to one argument', () => {
      const sinks = '  - patterns:\n      - pattern: query($SQL, $PARAMS)\n      - focus-metavariable: $SQL';
      check(['const t = source();', 'query("SELECT ?", [t]);', 'query("SELECT " + t, []); // MATCH'].join('\n'), taintRule('', { sinks }));
    });
    it('sanitizers are inexact: everything inside a sanitizer match is clean', () => {
      check(['const t = source();', 'sink(clean(t));', 'sink(clean(t) + t); // MATCH', 'const c = clean(t);', 'sink(c);'].join('\n'));
    });
    it('a sanitized source is clean (sanitizer wins over source)', () => {
      check(['sink(clean(source()));'].join('\n'));
    });
  });

  describe('by-side-effect', () => {
    it('a by-side-effect source taints the variable from then on', () => {
      const sources = '  - patterns:\n      - pattern: taintIt($X)\n      - focus-metavariable: $X\n    by-side-effect: true';
      check(['let x = 1;', 'sink(x);', 'taintIt(x);', 'sink(x); // MATCH'].join('\n'), taintRule('', { sources }));
    });
    it('a by-side-effect sanitizer cleans the variable from then on', () => {
      const sanitizers = '  - patterns:\n      - pattern: validate($X)\n      - focus-metavariable: $X\n    by-side-effect: true';
      check(['let x = source();', 'sink(x); // MATCH', 'validate(x);', 'sink(x);'].join('\n'), taintRule('', { sanitizers }));
    });
  });

  describe('propagation', () => {
    const cases: Array<[string, string]> = [
      ['declaration and assignment', 'let a;\na = source();\nconst b = a;\nsink(b); // MATCH'],
      ['object destructuring', 'const { id, name } = source();\nsink(name); // MATCH'],
      ['array destructuring', 'const [first] = source();\nsink(first); // MATCH'],
      ['string concatenation', 'const t = source();\nsink("SELECT " + t + " LIMIT 1"); // MATCH'],
      ['template literal', 'const t = source();\nsink(`ls ${t}`); // MATCH'],
      ['arithmetic', 'const t = source();\nsink(t * 2); // MATCH'],
      ['object literal and property read', 'const t = source();\nconst o = { q: t };\nsink(o.q); // MATCH'],
      ['array literal', 'const t = source();\nsink([1, t]); // MATCH'],
      ['spread', 'const t = source();\nsink({ ...t }); // MATCH'],
      ['await', 'async function f() {\n  const t = await source();\n  sink(t); // MATCH\n}'],
      ['ternary value', 'const t = source();\nsink(c ? t : "x"); // MATCH'],
      ['logical operators', 'const t = source();\nsink(t || "default"); // MATCH'],
      ['opaque call result', 'const t = source();\nsink(format(t)); // MATCH'],
      ['method call on a tainted receiver', 'const t = source();\nsink(t.trim().toLowerCase()); // MATCH'],
      ['property assigned on an object', 'const o = {};\no.cmd = source();\nsink(o.cmd); // MATCH\nsink(o.other);'],
    ];
    for (const [name, code] of cases) {
      it(`flows through ${name}`, () => check(code));
    }
    it('known-safe conversions carry no taint', () => {
      check(['const t = source();', 'sink(Number(t));', 'sink(parseInt(t, 10));', 'sink(t.length);', 'sink(t.indexOf("a"));', 'sink(Math.max(t, 1));', 'sink(typeof t);'].join('\n'));
    });
    it('a sink narrowed to an argument that is a call looks at that call\'s value', () => {
      const sinks = '  - patterns:\n      - pattern: sink($X)\n      - focus-metavariable: $X';
      check(['const t = source();', 'sink(Number(t));', 'sink(format(t)); // MATCH'].join('\n'), taintRule('', { sinks }));
    });
    it('the object part of an assignment target is read (a sink on an inner key)', () => {
      const sinks = '  - patterns:\n      - pattern: $O[$K][$K2] = $V\n      - focus-metavariable: $K2';
      check(['const a = source();', 'store[a][b] = 1;', 'store[x][a] = 1; // MATCH'].join('\n'), taintRule('', { sinks }));
    });
    it('a call to a sanitizer is clean even though its argument is tainted', () => {
      check(['const t = source();', 'const u = clean(t);', 'sink(u);'].join('\n'));
    });
  });

  describe('control flow', () => {
    it('taint assigned on one branch reaches the join', () => {
      check(['let x = "safe";', 'if (c) {', '  x = source();', '}', 'sink(x); // MATCH'].join('\n'));
    });
    it('a sanitizer on every path cleans; on one path it does not', () => {
      check(['let x = source();', 'if (c) { x = clean(x); } else { x = clean(x); }', 'sink(x);'].join('\n'));
      check(['let x = source();', 'if (c) { x = clean(x); }', 'sink(x); // MATCH'].join('\n'));
    });
    it('a variable re-assigned a constant is clean after it', () => {
      check(['let x = source();', 'sink(x); // MATCH', 'x = "constant";', 'sink(x);'].join('\n'));
    });
    it('an early return leaves only the other path', () => {
      check(['function f(c) {', '  let x = source();', '  if (c) { x = "a"; } else { return; }', '  sink(x);', '}'].join('\n'));
    });
    it('taint set in a loop reaches the code after it and the next iteration', () => {
      check(['let acc = "";', 'for (const p of parts) {', '  sink(acc); // MATCH', '  acc = acc + source();', '}', 'sink(acc); // MATCH'].join('\n'));
    });
    it('for-of over a tainted collection taints the element', () => {
      check(['for (const item of source()) {', '  sink(item); // MATCH', '}'].join('\n'));
    });
    it('an unrelated variable of the same name in another function is not tainted', () => {
      check(['function a() { const x = source(); }', 'function b() { const x = "ok"; sink(x); }'].join('\n'));
    });
  });

  describe('labels and requires', () => {
    it('a sink requiring two labels fires only when both reach it', () => {
      const body = [
        'mode: taint',
        'pattern-sources:',
        '  - pattern: userInput()',
        '    label: INPUT',
        '  - patterns:',
        '      - pattern: decode($X)',
        '    label: DECODED',
        '    requires: INPUT',
        'pattern-sinks:',
        '  - pattern: sink(...)',
        '    requires: DECODED',
      ].join('\n');
      check(['const a = userInput();', 'sink(a);', 'const b = decode(a);', 'sink(b); // MATCH', 'sink(decode("const"));'].join('\n'), body);
    });
    it('requires with not: a sink that refuses a sanitized label', () => {
      const body = [
        'mode: taint',
        'pattern-sources:',
        '  - pattern: userInput()',
        '    label: INPUT',
        '  - pattern: escapeIt(...)',
        '    label: ESCAPED',
        'pattern-sinks:',
        '  - pattern: sink(...)',
        '    requires: INPUT and not ESCAPED',
      ].join('\n');
      check(['const a = userInput();', 'sink(a); // MATCH', 'sink(escapeIt(a));'].join('\n'), body);
    });
  });

  describe('options', () => {
    it('taint_assume_safe_functions: opaque calls do not propagate', () => {
      check(['const t = source();', 'sink(format(t));', 'sink(t); // MATCH'].join('\n'), taintRule('options:\n  taint_assume_safe_functions: true'));
    });
    it('taint_assume_safe_indexes: a tainted index does not taint the access', () => {
      check(['const i = source();', 'sink(table[i]); // MATCH'].join('\n'));
      check(['const i = source();', 'sink(table[i]);'].join('\n'), taintRule('options:\n  taint_assume_safe_indexes: true'));
    });
    it('taint_assume_safe_numbers and taint_assume_safe_booleans', () => {
      check(['const t = source();', 'sink(t * 2);', 'sink(t + "x"); // MATCH'].join('\n'), taintRule('options:\n  taint_assume_safe_numbers: true'));
      check(['const t = source();', 'sink(t === "a");', 'sink(!t);'].join('\n'), taintRule('options:\n  taint_assume_safe_booleans: true'));
      check(['const t = source();', 'sink(t === "a"); // MATCH'].join('\n'));
    });
    it('taint_unify_mvars: source and sink metavariables must agree', () => {
      const body = [
        'mode: taint',
        'options:',
        '  taint_unify_mvars: true',
        'pattern-sources:',
        '  - pattern: read($KEY)',
        'pattern-sinks:',
        '  - pattern: write($KEY, ...)',
      ].join('\n');
      check(['const a = read(k1);', 'write(k1, a); // MATCH', 'write(k2, a);'].join('\n'), body);
    });
    it('interfile is accepted and has no effect', () => {
      check(['const a = source();', 'sink(a); // MATCH'].join('\n'), taintRule('options:\n  interfile: true'));
    });
  });

  describe('propagators', () => {
    it('taint moves from one metavariable to another by side effect', () => {
      const body = taintRule('pattern-propagators:\n  - pattern: $TO.push($FROM)\n    from: $FROM\n    to: $TO');
      check(['const list = [];', 'sink(list);', 'list.push(source());', 'sink(list); // MATCH'].join('\n'), body);
    });
  });

  describe('across functions of one file', () => {
    it('a value passed to a function defined in the file reaches a sink inside it', () => {
      check(['function run(cmd) {', '  sink(cmd); // MATCH', '}', 'run(source());', 'run("constant");'].join('\n'));
    });
    it('a function that returns its (tainted) argument', () => {
      check(['const wrap = (v) => "<b>" + v + "</b>";', 'sink(wrap(source())); // MATCH', 'sink(wrap("x"));'].join('\n'));
    });
    it('a callback\'s return value is not the return value of the function around it', () => {
      check(['function f(x) {', '  later(() => { return x; });', '  return "safe";', '}', 'sink(f(source()));'].join('\n'));
    });
    it('a function that sanitizes its argument on the way', () => {
      check(['function safe(v) { return clean(v); }', 'sink(safe(source()));'].join('\n'));
    });
    it('a function that returns a source by itself', () => {
      check(['function getInput() { return source(); }', 'sink(getInput()); // MATCH'].join('\n'));
    });
    it('a callback that receives the tainted value (route handlers defined as named functions)', () => {
      const body = taintRule('', { sources: '  - pattern: $REQ.query' });
      check(['function handler(req, res) {', '  sink(req.query.id); // MATCH', '}', "app.get('/x', handler);"].join('\n'), body);
    });
    it('element callbacks of a tainted array', () => {
      check(['source().forEach((item) => {', '  sink(item); // MATCH', '});'].join('\n'));
    });
    it('class methods called through this', () => {
      check(['class Repo {', '  find(id) { return this.run("SELECT " + id); }', '  run(sql) { return sink(sql); } // MATCH', '  handle() { this.find(source()); }', '}'].join('\n'));
    });
    it('chains of calls: a parameter passed on to another function', () => {
      check(['function inner(x) { sink(x); } // MATCH', 'function outer(y) { inner(y); }', 'outer(source());'].join('\n'));
    });
    it('recursion does not loop', () => {
      check(['function f(x, n) { if (n) return f(x, n - 1); sink(x); } // MATCH', 'f(source(), 3);'].join('\n'));
    });
    it('a callback holding only the sink sees a tainted variable of the function around it', () => {
      check(['function h(req) {', '  const c = source();', '  db.transaction(() => {', '    sink(c); // MATCH', '  });', '}'].join('\n'));
    });
    it('a parameter reaches a sink inside a callback of the function', () => {
      check(['function later(cmd) {', '  setTimeout(() => sink(cmd), 10); // MATCH', '}', 'later(source());'].join('\n'));
    });
    it('captured variables flow into callbacks', () => {
      check(['const t = source();', 'setImmediate(() => {', '  sink(t); // MATCH', '});'].join('\n'));
    });
  });

  describe('findings', () => {
    it('carry a trace from source through each step to the sink', () => {
      const code = ['function run(cmd) {', '  sink(cmd);', '}', 'const input = source();', 'const command = "ls " + input;', 'run(command);'].join('\n');
      const [f] = scanFile(code, 'a.ts', [compileRule(taintRule())]).findings;
      assert.ok(f?.trace);
      const kinds = f.trace.map((s) => s.kind);
      assert.deepEqual(kinds, ['source', 'assignment', 'assignment', 'call', 'parameter', 'sink']);
      assert.deepEqual(f.trace.map((s) => s.range.start.line + 1), [4, 4, 5, 6, 1, 2]);
      assert.match(f.trace[0]!.label, /source\(\)/);
    });
    it('messages use sink metavariables, and source ones that do not collide', () => {
      const body = ['mode: taint', 'pattern-sources:', '  - pattern: read($FIELD)', 'pattern-sinks:', '  - pattern: $DB.query(...)'].join('\n');
      const rule = compileRule(body, { message: '$FIELD reaches $DB' });
      const [f] = scanFile('const v = read(name);\ndb.query(v);', 'a.ts', [rule]).findings;
      assert.equal(f?.message, 'name reaches db');
    });
    it('one finding per sink even when several sources reach it', () => {
      assert.equal(taintLines('const a = source();\nconst b = source();\nsink(a + b);').length, 1);
    });
  });
});
