/** The JS/TS pattern language, feature by feature: what must match and the look-alikes that must not. */
import * as assert from 'node:assert/strict';
import { snippets, scanWith } from '../scan-helpers';

describe('pattern language', () => {
  describe('metavariables', () => {
    it('bind any expression and unify when repeated', () => {
      assert.deepEqual(snippets('pattern: $X == $X', 'a == a; a == b; f(x).y == f(x).y; f(x) == f(y);'), ['a == a', 'f(x).y == f(x).y']);
    });
    it('$_ never binds, so repeated $_ need not be equal', () => {
      assert.deepEqual(snippets('pattern: foo($_, $_)', 'foo(1, 2); foo(1); foo(3, 3);'), ['foo(1, 2)', 'foo(3, 3)']);
    });
    it('bind identifiers in callee, property and parameter positions', () => {
      const result = scanWith('pattern: $OBJ.$METHOD($ARG)', 'db.query(sql);', 'a.ts', { message: '$OBJ.$METHOD with $ARG' });
      assert.equal(result.findings[0]?.message, 'db.query with sql');
    });
    it('$...ARGS binds a possibly empty run of arguments', () => {
      const result = scanWith('pattern: f($...ARGS, last)', 'f(1, 2, last); f(last); f(1, other);', 'a.ts', { message: '[$...ARGS]' });
      assert.deepEqual(result.findings.map((f) => f.message), ['[1, 2]', '[]']);
    });
  });

  describe('ellipsis', () => {
    it('in arguments: any number, before, after and between', () => {
      assert.deepEqual(snippets('pattern: f(..., secret, ...)', 'f(secret); f(1, secret, 2); f(1, 2); g(secret);'), ['f(secret)', 'f(1, secret, 2)']);
      assert.deepEqual(snippets('pattern: f(1, ...)', 'f(1); f(1, 2, 3); f(2, 1);'), ['f(1)', 'f(1, 2, 3)']);
    });
    it('in parameters', () => {
      assert.deepEqual(snippets('pattern: function $F(..., req, ...) { ... }', 'function a(req, res) {}\nfunction b(x) {}'), ['function a(req, res) {}']);
    });
    it('in statement sequences, and the statement after ... may be nested deeper', () => {
      const code = 'function f() {\n  const h = open();\n  if (x) {\n    h.close();\n  }\n}\nfunction g() {\n  const h = open();\n}';
      assert.deepEqual(snippets('pattern: |\n  $H = open();\n  ...\n  $H.close();', code), ['const h = open();\n  if (x) {\n    h.close();']);
    });
    it('a statement sequence never jumps out of its block', () => {
      const code = 'function f() {\n  if (a) {\n    const h = open();\n  }\n  h.close();\n}';
      assert.deepEqual(snippets('pattern: |\n  $H = open();\n  ...\n  $H.close();', code), []);
    });
    it('in object literals and arrays', () => {
      assert.deepEqual(snippets('pattern: "[..., 42, ...]"', 'x = [1, 42]; y = [1, 2];'), ['[1, 42]']);
      assert.deepEqual(snippets('pattern: "({a: 1, ...})"', 'x = {b: 2, a: 1}; y = {a: 2};'), ['{b: 2, a: 1}']);
    });
    it('in member chains: $O. ... .m() skips any accesses and calls', () => {
      assert.deepEqual(
        snippets('pattern: $APP. ... .listen(...)', 'express().use(a).use(b).listen(3000); server.listen(1); other.close();'),
        ['express().use(a).use(b).listen(3000)', 'server.listen(1)'],
      );
    });
    it('in binary chains: 1 + ... matches longer sums', () => {
      assert.deepEqual(snippets('pattern: a + ...', 'x = a + b + c; y = b + a;'), ['a + b + c']);
    });
    it('as a single item where the context allows: if (...)', () => {
      assert.deepEqual(snippets('pattern: if (...) { return true; }', 'if (user.admin) { return true; }\nif (a) { return false; }'), ['if (user.admin) { return true; }']);
    });
  });

  describe('strings and regexes', () => {
    it('"..." matches any string, including a template without holes, but not other values', () => {
      assert.deepEqual(snippets('pattern: setKey("...")', 'setKey("abc"); setKey(`xyz`); setKey(k); setKey(`a${b}`);'), ['setKey("abc")', 'setKey(`xyz`)']);
    });
    it('"$X" binds a string\'s contents', () => {
      const result = scanWith('pattern: require("$MOD")', 'require("lodash"); require(name);', 'a.js', { message: 'module $MOD' });
      assert.deepEqual(result.findings.map((f) => f.message), ['module lodash']);
    });
    it('"=~/re/" matches strings by regex', () => {
      assert.deepEqual(snippets('pattern: connect("=~/^http:/")', 'connect("http://x"); connect("https://x");'), ['connect("http://x")']);
    });
    it('a string pattern equals a string of any quoting', () => {
      assert.deepEqual(snippets('pattern: createHash("md5")', "createHash('md5'); createHash(`md5`); createHash('sha256');"), ["createHash('md5')", 'createHash(`md5`)']);
    });
    it('regex literals: /.../ matches any, a literal regex only itself', () => {
      assert.deepEqual(snippets('pattern: new RegExp(/.../)', 'new RegExp(/a+/); new RegExp("a");'), ['new RegExp(/a+/)']);
      assert.deepEqual(snippets('pattern: x.match(/a+/)', 'x.match(/a+/); x.match(/b+/);'), ['x.match(/a+/)']);
    });
  });

  describe('deep expressions', () => {
    it('<... P ...> matches P anywhere inside', () => {
      assert.deepEqual(
        snippets('pattern: res.send(<... req.query ...>)', 'res.send("<p>" + req.query.name); res.send(req.body); res.send(fmt(req.query));'),
        ['res.send("<p>" + req.query.name)', 'res.send(fmt(req.query))'],
      );
    });
  });

  describe('functions', () => {
    it('function patterns match declarations, expressions, arrows and methods', () => {
      const code = 'function a(x) { eval(x); }\nconst b = function (x) { eval(x); };\nconst c = (x) => { eval(x); };\nclass K { m(x) { eval(x); } }\nfunction d(x) { log(x); }';
      assert.equal(snippets('pattern: |\n  function $F($P) {\n    eval($P);\n  }', code).length, 4);
    });
    it('a named function pattern binds the name of anonymous functions assigned to a variable', () => {
      const result = scanWith('pattern: function $F(...) { ... }', 'const handler = async (req) => { return 1; };', 'a.ts', { message: 'fn $F' });
      assert.deepEqual(result.findings.map((f) => f.message), ['fn handler']);
    });
    it('an arrow with an expression body matches a block body returning it', () => {
      assert.deepEqual(snippets('pattern: ($X) => $X.id', 'const f = (u) => { return u.id; };\nconst g = (u) => u.name;'), ['(u) => { return u.id; }']);
    });
  });

  describe('declarations and assignments', () => {
    it('var, let and const are interchangeable', () => {
      assert.deepEqual(snippets('pattern: const $X = getSecret()', 'var a = getSecret(); let b = getSecret(); const c = other();'), ['var a = getSecret();', 'let b = getSecret();']);
    });
    it('$X = E also matches a declaration with an initializer', () => {
      assert.deepEqual(snippets('pattern: $X = getSecret()', 'let a = getSecret(); b = getSecret(); let c;'), ['a = getSecret()', 'b = getSecret()']);
    });
    it('an expression statement pattern matches the value of a declaration', () => {
      assert.deepEqual(snippets('pattern: |\n  $H = open();\n  ...\n  use($H);', 'const h = open();\nuse(h);'), ['const h = open();\nuse(h);']);
    });
  });

  describe('objects and JSX', () => {
    it('object patterns match objects with more keys, in any order', () => {
      assert.deepEqual(
        snippets('pattern: "https.request({rejectUnauthorized: false})"', 'https.request({host: h, rejectUnauthorized: false}); https.request({rejectUnauthorized: true});'),
        ['https.request({host: h, rejectUnauthorized: false})'],
      );
    });
    it('a bare {key: value} pattern is an object, not a block with a label', () => {
      assert.deepEqual(snippets('pattern: "{rejectUnauthorized: false}"', 'get(u, {host: h, rejectUnauthorized: false});\nif (x) { y(); }'), ['{host: h, rejectUnauthorized: false}']);
    });
    it('keys match whatever their quoting', () => {
      assert.deepEqual(snippets('pattern: "f({\'httpOnly\': false})"', 'f({httpOnly: false}); f({"httpOnly": false});'), ['f({httpOnly: false})', 'f({"httpOnly": false})']);
    });
    it('JSX attributes match with more attributes present', () => {
      const code = 'const a = <div className="x" dangerouslySetInnerHTML={{__html: html}} />;\nconst b = <div className="x" />;';
      assert.deepEqual(snippets('pattern: <$EL dangerouslySetInnerHTML={$X} />', code), ['<div className="x" dangerouslySetInnerHTML={{__html: html}} />']);
    });
    it('a JSX expression pattern matches a string attribute value', () => {
      assert.deepEqual(snippets('pattern: <a href={$U}>...</a>', 'x = <a href="/home">Home</a>; y = <a href={url}>Go</a>;'), ['<a href="/home">Home</a>', '<a href={url}>Go</a>']);
    });
  });

  describe('TypeScript', () => {
    it('type annotations in the pattern must match; absent ones are not required', () => {
      const code = 'function a(x: any) {}\nfunction b(x: string) {}\nfunction c(x) {}';
      assert.deepEqual(snippets('pattern: "function $F($X: any) { ... }"', code, 'a.ts'), ['function a(x: any) {}']);
      assert.equal(snippets('pattern: function $F($X) { ... }', code, 'a.ts').length, 3);
    });
    it('looks through casts and non-null assertions', () => {
      assert.deepEqual(snippets('pattern: eval(req.body.code)', 'eval(req.body.code as string); eval(req.body!.code);', 'a.ts'), ['eval(req.body.code as string)', 'eval(req.body!.code)']);
    });
  });

  describe('template literals', () => {
    it('match holes and text; ... in the text is a wildcard', () => {
      const code = 'db.query(`SELECT * FROM u WHERE id = ${id}`);\ndb.query(`SELECT 1`);\ndb.query(`DELETE FROM u WHERE a = ${a} AND b = ${b}`);';
      assert.deepEqual(snippets('pattern: $DB.query(`...${$X}...`)', code), ['db.query(`SELECT * FROM u WHERE id = ${id}`)', 'db.query(`DELETE FROM u WHERE a = ${a} AND b = ${b}`)']);
    });
  });

  describe('string concatenation', () => {
    it('"..." + $X matches a longer concatenation, binding the rest', () => {
      const result = scanWith('pattern: $DB.query("..." + $X)', 'db.query("SELECT * FROM u WHERE id = " + id + " LIMIT 1"); db.query("SELECT 1");', 'a.js', { message: '$X' });
      assert.deepEqual(result.findings.map((f) => f.message), ['id + " LIMIT 1"']);
    });
  });

  describe('found while writing the pack', () => {
    it('a name bound with a type annotation unifies with its uses', () => {
      const code = 'function f() {\n  const d: string = bar();\n  baz(d);\n}\nfunction g(a: string) { return a; }';
      assert.deepEqual(snippets('pattern: |\n  $Y = bar();\n  ...\n  baz($Y);', code, 'a.ts').length, 1);
      assert.deepEqual(snippets('pattern: function $F($A) { return $A; }', code, 'a.ts'), ['function g(a: string) { return a; }']);
    });
    it('function ...(...) {...}, class bodies with ... between members, if/else with statement metavariables', () => {
      assert.equal(snippets('pattern: function ...(...) { ... }', 'function a() {}\nconst b = () => 1;').length, 2);
      assert.deepEqual(snippets('pattern: class $C { ... $M(...) { ... } ... }', 'class A { x = 1; m() {} }\nconst o = {};'), ['class A { x = 1; m() {} }']);
      assert.deepEqual(snippets('pattern: if ($C) $A else $B', 'if (a) b(); else c();\nif (d) e();'), ['if (a) b(); else c();']);
    });
    it('$O[$K] is an index access and $O.$F a property, not each other', () => {
      assert.deepEqual(snippets('pattern: $O[$K] = $V', 'o[k] = 1; o.k = 2; o["k"] = 3;'), ['o[k] = 1', 'o["k"] = 3']);
      assert.deepEqual(snippets('pattern: $O.$F = $V', 'o[k] = 1; o.k = 2; o["k"] = 3;'), ['o.k = 2', 'o["k"] = 3']);
      assert.deepEqual(snippets('pattern: $O["..."][$K] = $V', 'o["ui"][k] = 1; o[a][k] = 2;'), ['o["ui"][k] = 1']);
    });
    it('a module called by itself matches under the name it was imported as', () => {
      const code = "import e from 'express';\nconst app = e();\nconst Koa = require('koa');\nnew Koa();\nother();";
      assert.deepEqual(snippets('pattern: express()', code, 'a.js'), ['e()']);
      assert.deepEqual(snippets('pattern: new koa()', code, 'a.js'), ['new Koa()']);
    });
    it('an object changed after its definition is not propagated into a call', () => {
      const body = 'pattern: "cors({origin: true, credentials: true})"';
      assert.deepEqual(snippets(body, 'const o = {origin: true, credentials: true};\ncors(o);', 'a.js'), ['cors(o)']);
      assert.deepEqual(snippets(body, 'const o = {origin: true, credentials: true};\no.origin = allowList;\ncors(o);', 'a.js'), []);
    });
  });

  describe('optional chaining', () => {
    it('a pattern without ?. matches code with it', () => {
      assert.deepEqual(snippets('pattern: $EL.insertAdjacentHTML(...)', 'el?.insertAdjacentHTML("beforeend", h);'), ['el?.insertAdjacentHTML("beforeend", h)']);
    });
  });
});
