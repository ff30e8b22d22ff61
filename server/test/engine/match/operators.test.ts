/** Semgrep's operators and the `patterns` range algebra, operator by operator, from its documented semantics. */
import * as assert from 'node:assert/strict';
import { scanWith, snippets } from '../scan-helpers';

describe('operators', () => {
  describe('pattern-either', () => {
    it('is the union of its branches, each with independent metavariables', () => {
      const body = 'pattern-either:\n  - pattern: eval($X)\n  - pattern: new Function($X)\n  - patterns:\n      - pattern: setTimeout($X, ...)\n      - pattern-not: setTimeout(function () { ... }, ...)';
      const code = 'eval(a); new Function(b); setTimeout("c()", 1); setTimeout(function () { d(); }, 1); other(e);';
      assert.deepEqual(snippets(body, code), ['eval(a)', 'new Function(b)', 'setTimeout("c()", 1)']);
    });
  });

  describe('patterns: positive terms intersect', () => {
    it('two patterns keep the contained range when metavariables agree', () => {
      const body = 'patterns:\n  - pattern: $F($X)\n  - pattern: exec($X)';
      assert.deepEqual(snippets(body, 'exec(a); run(a);'), ['exec(a)']);
    });
    it('a conflicting metavariable drops the pair', () => {
      const body = 'patterns:\n  - pattern: $X.send($Y)\n  - pattern: res.send(req)\n  - pattern: $X.send($X)';
      assert.deepEqual(snippets(body, 'res.send(req);'), []);
    });
  });

  describe('a bare $X positive', () => {
    it('binds every expression around or inside the other match, as the algebra says', () => {
      const body = 'patterns:\n  - pattern: $T\n  - pattern: $A + $B\n  - metavariable-regex:\n      metavariable: $T\n      regex: \'^"https://\'';
      assert.deepEqual(snippets(body, 'get("https://api.example.com/" + id);\nget(base + id);'), ['"https://api.example.com/"', '"https://api.example.com/" + id']);
    });
  });

  describe('a bare $X inside a context', () => {
    it('reports each $X occurrence inside, not the context', () => {
      const body = 'patterns:\n  - pattern-inside: function $F({..., $P, ...}) { ... }\n  - pattern: $P';
      assert.deepEqual(snippets(body, 'function C({ title, body }) { return title + x; }'), ['title', 'body', 'title']);
    });
  });

  describe('metavariable-pattern sees only the bound code', () => {
    it('a negative inside it does not see code outside the binding', () => {
      const body = [
        'patterns:',
        '  - pattern: run($ARG)',
        '  - metavariable-pattern:',
        '      metavariable: $ARG',
        '      patterns:',
        '        - pattern: input($X)',
        '        - pattern-not-inside: safe(...)',
      ].join('\n');
      assert.deepEqual(snippets(body, 'safe(run(input(1)));\nrun(safe(input(2)));'), ['run(input(1))']);
    });
  });

  describe('pattern-inside', () => {
    it('keeps matches inside the context and reports the inner range', () => {
      const body = 'patterns:\n  - pattern-inside: |\n      app.get($PATH, function ($REQ, $RES) { ... })\n  - pattern: $RES.send($REQ.query.$P)';
      const code = 'app.get("/a", function (req, res) {\n  res.send(req.query.name);\n});\nfunction other(req, res) {\n  res.send(req.query.name);\n}';
      assert.deepEqual(snippets(body, code), ['res.send(req.query.name)']);
    });
    it('shares metavariables with the positive pattern', () => {
      const body = 'patterns:\n  - pattern-inside: |\n      function $F($REQ, $RES) { ... }\n  - pattern: $RES.send($REQ.body)';
      assert.deepEqual(snippets(body, 'function h(req, res) { res.send(req.body); res.send(other.body); }'), ['res.send(req.body)']);
    });
    it('a statement-sequence context covers from its first statement to the end of its block', () => {
      const body = 'patterns:\n  - pattern-inside: |\n      const $C = require("child_process");\n      ...\n  - pattern: $C.exec(...)';
      const code = 'function f() { cp.exec("a"); }\nconst cp = require("child_process");\ncp.exec("b");\nfunction g() { cp.exec("c"); }';
      assert.deepEqual(snippets(body, code), ['cp.exec("b")', 'cp.exec("c")']);
    });
  });

  describe('pattern-not', () => {
    it('removes a positive whose range is exactly a negative match', () => {
      const body = 'patterns:\n  - pattern: $DB.query($Q, ...)\n  - pattern-not: $DB.query("...", ...)';
      assert.deepEqual(snippets(body, 'db.query(sql); db.query("SELECT 1"); db.query("SELECT ?", [id]);'), ['db.query(sql)']);
    });
    it('does not remove a positive that merely contains a negative match', () => {
      const body = 'patterns:\n  - pattern: wrap($X)\n  - pattern-not: safe(...)';
      assert.deepEqual(snippets(body, 'wrap(safe(1));'), ['wrap(safe(1))']);
    });
    it('honours metavariables bound by the positive pattern', () => {
      const body = 'patterns:\n  - pattern: copy($A, $B)\n  - pattern-not: copy($A, $A)';
      assert.deepEqual(snippets(body, 'copy(x, y); copy(x, x);'), ['copy(x, y)']);
    });
  });

  describe('pattern-not-inside', () => {
    it('removes positives contained in a negative range', () => {
      const body = 'patterns:\n  - pattern: $EL.innerHTML = $X\n  - pattern-not-inside: |\n      if (isTrusted($X)) { ... }';
      const code = 'el.innerHTML = html;\nif (isTrusted(html)) { el.innerHTML = html; }\nif (isTrusted(other)) { el.innerHTML = html; }';
      assert.deepEqual(snippets(body, code), ['el.innerHTML = html', 'el.innerHTML = html']);
      assert.deepEqual(scanWith(body, code).findings.map((f) => f.range.start.line + 1), [1, 3]);
    });
  });

  describe('pattern-regex and pattern-not-regex', () => {
    it('pattern-regex matches text, named groups bind metavariables', () => {
      const result = scanWith('pattern-regex: (?P<KEY>AKIA[0-9A-Z]{16})', 'const k = "AKIAABCDEFGHIJKLMNOP";', 'a.js', { message: 'key $KEY' });
      assert.deepEqual(result.findings.map((f) => f.message), ['key AKIAABCDEFGHIJKLMNOP']);
    });
    it('pattern-not-regex removes a positive overlapping (containing or contained by) a regex match', () => {
      const body = 'patterns:\n  - pattern: log($X)\n  - pattern-not-regex: log\\(\\w+\\);\\s*//\\s*audited';
      assert.deepEqual(snippets(body, 'log(a); // audited\nlog(b);'), ['log(b)']);
      const body2 = 'patterns:\n  - pattern: log($X)\n  - pattern-not-regex: token';
      assert.deepEqual(snippets(body2, 'log(token); log(b);'), ['log(b)']);
    });
  });

  describe('metavariable-regex', () => {
    it('is anchored at the start like Python re.match, not at the end', () => {
      const body = 'patterns:\n  - pattern: $OBJ.$M(...)\n  - metavariable-regex:\n      metavariable: $M\n      regex: (exec|spawn)';
      assert.deepEqual(snippets(body, 'cp.exec(a); cp.execSync(b); cp.myexec(c); cp.spawn(d);'), ['cp.exec(a)', 'cp.execSync(b)', 'cp.spawn(d)']);
    });
    it('applies to string contents', () => {
      const body = 'patterns:\n  - pattern: crypto.createHash($ALG)\n  - metavariable-regex:\n      metavariable: $ALG\n      regex: (?i)(md5|sha1)$';
      assert.deepEqual(snippets(body, 'crypto.createHash("MD5"); crypto.createHash("sha256"); crypto.createHash("sha1");'), ['crypto.createHash("MD5")', 'crypto.createHash("sha1")']);
    });
  });

  describe('metavariable-pattern', () => {
    it('matches a sub-pattern inside what the metavariable bound', () => {
      const body = 'patterns:\n  - pattern: res.send($BODY)\n  - metavariable-pattern:\n      metavariable: $BODY\n      pattern-either:\n        - pattern: req.query\n        - pattern: req.params';
      assert.deepEqual(snippets(body, 'res.send("x" + req.query.q); res.send(req.body.a); res.send(fmt(req.params));'), ['res.send("x" + req.query.q)', 'res.send(fmt(req.params))']);
    });
    it('can bind new metavariables used in the message', () => {
      const body = 'patterns:\n  - pattern: query($SQL)\n  - metavariable-pattern:\n      metavariable: $SQL\n      pattern: req.query.$FIELD';
      const result = scanWith(body, 'query("a" + req.query.id);', 'a.js', { message: 'field $FIELD' });
      assert.deepEqual(result.findings.map((f) => f.message), ['field id']);
    });
  });

  describe('metavariable-comparison', () => {
    it('compares numbers, including constants', () => {
      const body = 'patterns:\n  - pattern: bcrypt.hash($P, $ROUNDS)\n  - metavariable-comparison:\n      metavariable: $ROUNDS\n      comparison: $ROUNDS < 10';
      const code = 'bcrypt.hash(p, 8); bcrypt.hash(p, 12); const r = 5; bcrypt.hash(p, r); bcrypt.hash(p, n);';
      assert.deepEqual(snippets(body, code), ['bcrypt.hash(p, 8)', 'bcrypt.hash(p, r)']);
    });
    it('evaluates arithmetic', () => {
      const body = 'patterns:\n  - pattern: \'generateKeyPairSync("rsa", {modulusLength: $BITS})\'\n  - metavariable-comparison:\n      metavariable: $BITS\n      comparison: $BITS * 2 < 4096';
      assert.deepEqual(snippets(body, 'generateKeyPairSync("rsa", {modulusLength: 1024}); generateKeyPairSync("rsa", {modulusLength: 2048});'), ['generateKeyPairSync("rsa", {modulusLength: 1024})']);
    });
  });

  describe('focus-metavariable', () => {
    it('narrows the match to the metavariable', () => {
      const body = 'patterns:\n  - pattern: \'https.request({rejectUnauthorized: $V, ...})\'\n  - metavariable-regex:\n      metavariable: $V\n      regex: "false"\n  - focus-metavariable: $V';
      const result = scanWith(body, 'https.request({host: h, rejectUnauthorized: false});');
      assert.deepEqual(result.findings.map((f) => [f.snippet, f.range.start.character]), [['false', 44]]);
    });
    it('a list gives one match per metavariable; separate entries intersect', () => {
      const union = 'patterns:\n  - pattern: f($A, $B)\n  - focus-metavariable: [$A, $B]';
      assert.deepEqual(snippets(union, 'f(x, y);'), ['x', 'y']);
      const both = 'patterns:\n  - pattern: f($A, $B)\n  - focus-metavariable: $A\n  - focus-metavariable: $B';
      assert.deepEqual(snippets(both, 'f(x, y);'), []);
    });
  });

  describe('order of evaluation', () => {
    it('metavariable filters run after negatives, focus last', () => {
      const body = [
        'patterns:',
        '  - focus-metavariable: $ARG',
        '  - metavariable-regex:',
        '      metavariable: $ARG',
        '      regex: user',
        '  - pattern-not: run("fixed")',
        '  - pattern: run($ARG)',
      ].join('\n');
      assert.deepEqual(snippets(body, 'run(userInput); run("fixed"); run(other);'), ['userInput']);
    });
  });
});
