/** scanFile end to end: module equivalences, constant propagation, fixes, suppressions, findings, broken code. */
import * as assert from 'node:assert/strict';
import { applyFixes } from '../../src/engine/fix/apply-fixes';
import { scanFile } from '../../src/engine/scan-file';
import { compileRule, scanWith, snippets } from './scan-helpers';

describe('scanFile', () => {
  describe('module equivalences', () => {
    const body = 'pattern: child_process.exec(...)';
    const forms: Array<[string, string]> = [
      ['named import', "import {exec} from 'child_process';\nexec(cmd);"],
      ['renamed named import', "import {exec as run} from 'child_process';\nrun(cmd);"],
      ['destructured require, renamed', "const {exec: run} = require('child_process');\nrun(cmd);"],
      ['module object from require', "const cp = require('child_process');\ncp.exec(cmd);"],
      ['namespace import with node: prefix', "import * as cp from 'node:child_process';\ncp.exec(cmd);"],
      ['default import', "import cp from 'child_process';\ncp.exec(cmd);"],
      ['require(...).exec(...) inline', "require('child_process').exec(cmd);"],
      ['member of require assigned to a name', "const exec = require('child_process').exec;\nexec(cmd);"],
      ['the module name written directly', 'child_process.exec(cmd);'],
      ['TS import-equals', "import cp = require('child_process');\ncp.exec(cmd);"],
    ];
    for (const [name, code] of forms) {
      it(`matches ${name}`, () => {
        const found = snippets(body, code, 'a.ts');
        assert.equal(found.length, 1, `expected one match in:\n${code}\ngot ${JSON.stringify(found)}`);
        assert.match(found[0]!, /cmd\)$/);
      });
    }
    it('does not match a same-named function from another module or a local', () => {
      assert.deepEqual(snippets(body, "import {exec} from 'other-lib';\nexec(cmd);\nconst re = /a/; re.exec(s);", 'a.ts'), []);
    });
    it('import "m" matches every import form of m and its subpaths, and require', () => {
      const code = "import _ from 'lodash';\nimport merge from 'lodash/merge';\nconst m = require('lodash');\nimport x from 'lodash-es';";
      assert.deepEqual(scanWith("pattern: import 'lodash'", code, 'a.ts').findings.map((f) => f.range.start.line + 1), [1, 2, 3]);
    });
    it('import * as $X only matches namespace imports', () => {
      assert.deepEqual(snippets("pattern: import * as $X from 'fs'", "import * as fs from 'fs';\nimport {readFile} from 'fs';", 'a.ts'), ["import * as fs from 'fs';"]);
    });
  });

  describe('constant propagation', () => {
    it('follows a const to its literal', () => {
      assert.deepEqual(snippets('pattern: createHash("md5")', 'const alg = "md5";\ncreateHash(alg);'), ['createHash(alg)']);
    });
    it('follows a concatenation into a query pattern', () => {
      const code = 'function h(id) {\n  const q = "SELECT * FROM users WHERE id = " + id;\n  db.query(q);\n}';
      const result = scanWith('pattern: $DB.query("..." + $X)', code, 'a.js', { message: 'uses $X' });
      assert.deepEqual(result.findings.map((f) => [f.snippet, f.message]), [['db.query(q)', 'uses id']]);
    });
    it('does not follow a variable that is reassigned', () => {
      assert.deepEqual(snippets('pattern: createHash("md5")', 'let alg = "md5";\nalg = pick();\ncreateHash(alg);'), []);
    });
    it('does not follow a same-named variable of another function', () => {
      const code = 'function a() { const alg = "md5"; }\nfunction b(alg) { createHash(alg); }';
      assert.deepEqual(snippets('pattern: createHash("md5")', code), []);
    });
    it('folds constant concatenations', () => {
      assert.deepEqual(snippets('pattern: setKey("abc123")', 'setKey("abc" + "123"); setKey("abc" + x);'), ['setKey("abc" + "123")']);
    });
  });

  describe('fixes', () => {
    it('substitutes metavariables into fix: and the edits rebuild the fixed text', () => {
      const rule = compileRule('pattern: crypto.createHash("md5").update($X)', { extra: 'fix: crypto.createHash("sha256").update($X)' });
      const code = 'const d = crypto.createHash("md5").update(data).digest("hex");\n';
      const result = scanFile(code, 'a.js', [rule]);
      assert.equal(result.findings.length, 1);
      const fixed = applyFixes(code, result.findings.flatMap((f) => f.fix?.edits ?? []));
      assert.equal(fixed.text, 'const d = crypto.createHash("sha256").update(data).digest("hex");\n');
      assert.equal(result.findings[0]!.fix?.safe, true);
    });
    it('fix-regex rewrites inside the matched range only', () => {
      const rule = compileRule('pattern: "https.request({rejectUnauthorized: false, ...})"', {
        extra: 'fix-regex:\n  regex: (rejectUnauthorized:\\s*)false\n  replacement: \\1true',
      });
      const code = 'https.request({rejectUnauthorized: false, host});\nconst rejectUnauthorized = false;\n';
      const result = scanFile(code, 'a.js', [rule]);
      const fixed = applyFixes(code, result.findings.flatMap((f) => f.fix?.edits ?? []));
      assert.equal(fixed.text, 'https.request({rejectUnauthorized: true, host});\nconst rejectUnauthorized = false;\n');
    });
    it('a fix marked as a suggestion is not safe', () => {
      const rule = compileRule('pattern: $EL.innerHTML = $X', { extra: 'fix: $EL.textContent = $X\nmetadata:\n  fix-safety: suggestion' });
      const result = scanFile('el.innerHTML = msg;', 'a.js', [rule]);
      assert.equal(result.findings[0]!.fix?.safe, false);
    });
  });

  describe('suppressions', () => {
    const body = 'pattern: eval($X)';
    it('nosemgrep and vigil-ignore on the line or alone on the line before', () => {
      const code = [
        'eval(a); // nosemgrep',
        '// vigil-ignore',
        'eval(b);',
        'eval(c); // nosemgrep: test-rule',
        'eval(d); // vigil-ignore: other-rule',
        'eval(e);',
        '/* nosemgrep */ eval(f);',
      ].join('\n');
      assert.deepEqual(scanWith(body, code, 'a.js').findings.map((f) => f.snippet), ['eval(d)', 'eval(e)']);
    });
  });

  describe('findings', () => {
    it('carry id, range, substituted message, severity, metadata and snippet', () => {
      const rule = compileRule('pattern: eval($CODE)', { message: 'eval of $CODE', extra: 'metadata:\n  cwe: "CWE-95"\n  confidence: HIGH' });
      const [f] = scanFile('\n  eval(userInput);', 'src/a.js', [rule]).findings;
      assert.ok(f);
      assert.equal(f.ruleId, 'test-rule');
      assert.equal(f.path, 'src/a.js');
      assert.deepEqual(f.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 17 } });
      assert.equal(f.message, 'eval of userInput');
      assert.equal(f.severity, 'warning');
      assert.deepEqual(f.metadata, { cwe: 'CWE-95', confidence: 'HIGH' });
      assert.equal(f.metavariables.$CODE?.text, 'userInput');
    });
    it('fingerprints survive unrelated line shifts and differ between occurrences', () => {
      const rule = compileRule('pattern: eval($X)');
      const before = scanFile('function f() {\n  eval(a);\n  eval(a);\n}', 'a.js', [rule]).findings.map((f) => f.fingerprint);
      const after = scanFile('// header\n\nimport x from "y";\nfunction f() {\n\n  eval(a);\n  eval(a);\n}', 'a.js', [rule]).findings.map((f) => f.fingerprint);
      assert.equal(before.length, 2);
      assert.notEqual(before[0], before[1]);
      assert.deepEqual(after, before);
      const elsewhere = scanFile('function g() {\n  eval(a);\n}', 'a.js', [rule]).findings.map((f) => f.fingerprint);
      assert.notEqual(elsewhere[0], before[0]);
    });
    it('one finding per range even when several bindings match it', () => {
      assert.equal(snippets('pattern: f(..., $X, ...)', 'f(1, 2, 3);').length, 1);
    });
  });

  describe('broken code', () => {
    it('keeps findings outside a broken region and reports the parse error', () => {
      const code = ['function ok1(x) {', '  eval(x);', '}', 'function broken() {', '  const y = foo(;', '}', 'function ok2(z) {', '  eval(z);', '}'].join('\n');
      const result = scanWith('pattern: eval($X)', code, 'a.js');
      assert.deepEqual(result.findings.map((f) => f.range.start.line + 1), [2, 8]);
      assert.equal(result.errors.length, 1);
      assert.equal(result.errors[0]!.kind, 'parse');
      assert.equal(result.errors[0]!.line, 5);
    });
    it('scans an assistant fragment: a lone class method', () => {
      const code = 'async handle(req, res) {\n  const out = eval(req.body.expr);\n  res.json(out);\n}';
      const result = scanWith('pattern: eval(req.body.$F)', code, 'a.ts');
      assert.deepEqual(result.findings.map((f) => f.snippet), ['eval(req.body.expr)']);
      assert.deepEqual(result.errors.map((e) => [e.kind, e.level]), [['parse', 'info']]);
    });
    it('a rule that throws is reported for that rule and file, and other rules still run', () => {
      const good = compileRule('pattern: eval($X)', { id: 'good' });
      const bad = compileRule('pattern: eval($X)', { id: 'bad' });
      // Corrupt the compiled rule so matching throws.
      (bad as { formula: unknown }).formula = { kind: 'either', branches: null, loc: bad.loc };
      const result = scanFile('eval(a);', 'a.js', [bad, good]);
      assert.deepEqual(result.findings.map((f) => f.ruleId), ['good']);
      assert.equal(result.errors.length, 1);
      assert.equal(result.errors[0]!.ruleId, 'bad');
      assert.match(result.errors[0]!.message, /rule "bad" failed on a\.js/);
    });
    it('never throws on garbage', () => {
      const rule = compileRule('pattern: eval($X)');
      for (const text of ['', '\u0000\u0001\u0002', '}}}}', '<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> b', 'eval(', '`${'.repeat(50)]) {
        const result = scanFile(text, 'a.ts', [rule]);
        assert.ok(Array.isArray(result.findings));
      }
    });
  });

  describe('secrets', () => {
    it('a hard-coded-secret rule never carries the secret in snippet, message or metavariables', () => {
      const rule = compileRule('pattern: jwt.sign($P, "$KEY")', { message: 'literal key $KEY', extra: 'metadata:\n  cwe: "CWE-798: Use of Hard-coded Credentials"' });
      const secret = 'sk_live_51HqLyjWDarjtT1zdp7dc';
      const [f] = scanFile(`jwt.sign(payload, "${secret}");`, 'a.js', [rule]).findings;
      assert.ok(f);
      const everything = JSON.stringify(f);
      assert.ok(!everything.includes(secret), everything);
      assert.equal(f.redacted, true);
      assert.equal(f.message, 'literal key sk_l…dc');
      assert.equal(f.snippet, 'jwt.sign(payload, "sk_l…dc")');
    });
    it('a regex secret rule redacts the whole match', () => {
      const rule = compileRule('pattern-regex: AKIA[0-9A-Z]{16}', { extra: 'metadata:\n  redact: true' });
      const [f] = scanFile('// key AKIAABCDEFGHIJKLMNOP here', 'a.js', [rule]).findings;
      assert.equal(f?.snippet, 'AKIA…OP');
    });
    it('other rules are not redacted', () => {
      const [f] = scanFile('eval("abc");', 'a.js', [compileRule('pattern: eval("$X")', { message: '$X' })]).findings;
      assert.equal(f?.message, 'abc');
      assert.equal(f?.redacted, undefined);
    });
  });

  describe('rule paths filter', () => {
    it('include and exclude globs decide which files a rule runs on', () => {
      const rule = compileRule('pattern: eval($X)', { extra: 'paths:\n  include: ["src/"]\n  exclude: ["*.test.js"]' });
      assert.equal(scanFile('eval(a)', 'src/a.js', [rule]).findings.length, 1);
      assert.equal(scanFile('eval(a)', 'lib/a.js', [rule]).findings.length, 0);
      assert.equal(scanFile('eval(a)', 'src/a.test.js', [rule]).findings.length, 0);
    });
  });
});
