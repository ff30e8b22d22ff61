/** Tests for parseSource: whole-file parsing, recovery from broken code, and minified-file detection. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, simpleTraverse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { isLikelyMinified, parseSource, type ParsedSource } from '../../../src/engine/parse/parse-source';

/** The repository root, found from the compiled test's directory. */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'test-fixtures', 'unparsable'))) {
    const up = resolve(dir, '..');
    if (up === dir) throw new Error('test-fixtures/unparsable not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

const FIXTURES = join(repoRoot(), 'test-fixtures', 'unparsable');

interface ExpectedCase {
  recovered: ParsedSource['recovered'];
  program?: null;
  errors: { level: string; message: string; line: number; column: number }[];
  calls: string[];
  absentCalls: string[];
}

function nodesOf(program: TSESTree.Program): TSESTree.Node[] {
  const nodes: TSESTree.Node[] = [];
  simpleTraverse(program, { enter: (n) => void nodes.push(n) });
  return nodes;
}

function calleeName(call: TSESTree.CallExpression): string {
  const c = call.callee;
  if (c.type === 'Identifier') return c.name;
  if (c.type === 'MemberExpression' && c.property.type === 'Identifier') return c.property.name;
  return '<complex>';
}

function calls(program: TSESTree.Program | null): TSESTree.CallExpression[] {
  if (!program) return [];
  return nodesOf(program).filter((n): n is TSESTree.CallExpression => n.type === 'CallExpression');
}

/**
 * Ranges must be offsets into the original text: inside it, ordered, and an
 * identifier's range must cover exactly its name.
 */
function assertRangesMatchText(r: ParsedSource): void {
  if (!r.program) return;
  const { text } = r;
  assert.deepEqual(r.program.range, [0, text.length], 'program covers the whole text');
  for (const n of nodesOf(r.program)) {
    const [s, e] = n.range;
    assert.ok(s >= 0 && s <= e && e <= text.length, `${n.type} range ${s}-${e} outside 0-${text.length}`);
    if (n.type === 'Identifier' || n.type === 'JSXIdentifier') {
      // A typed parameter's range also covers its type annotation.
      const slice = text.slice(s, e);
      if (n.type === 'Identifier' && n.typeAnnotation) assert.ok(slice.startsWith(n.name), `${n.name} at ${s}: ${slice}`);
      else assert.equal(slice, n.name, `${n.type} ${n.name} at ${s}`);
    }
  }
  for (const c of r.program.comments ?? []) {
    assert.ok(/^(\/\/|\/\*)/.test(text.slice(c.range[0], c.range[1])), `comment at ${c.range[0]}`);
  }
}

function errorsOf(r: ParsedSource): ExpectedCase['errors'] {
  return r.errors.map((e) => ({ level: e.level, message: e.message, line: e.line ?? -1, column: e.column ?? -1 }));
}

describe('parseSource', () => {
  describe('broken-code corpus (test-fixtures/unparsable)', () => {
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as { cases: Record<string, ExpectedCase> };
    const files = readdirSync(FIXTURES).filter((f) => f !== 'expected.json').sort();

    it('has an expectation for every fixture file and a file for every expectation', () => {
      assert.deepEqual(files, Object.keys(expected.cases).sort());
    });

    for (const file of files) {
      it(file, () => {
        const want = expected.cases[file];
        assert.ok(want, `no entry for ${file} in expected.json`);
        const text = readFileSync(join(FIXTURES, file), 'utf8');
        const r = parseSource(text, file);
        assert.equal(r.text, text);
        assert.equal(r.path, file);
        assert.equal(r.recovered, want.recovered, 'recovered');
        if (want.program === null) assert.equal(r.program, null, 'program');
        else assert.ok(r.program, 'program must not be null');
        assert.deepEqual(errorsOf(r), want.errors);
        for (const e of r.errors) {
          assert.equal(e.kind, 'parse');
          assert.equal(e.path, file);
        }
        const found = calls(r.program).map(calleeName);
        const remaining = [...found];
        for (const name of want.calls) {
          const i = remaining.indexOf(name);
          assert.ok(i >= 0, `call to ${name} must survive; found ${JSON.stringify(found)}`);
          remaining.splice(i, 1);
        }
        for (const name of want.absentCalls) assert.ok(!found.includes(name), `call to ${name} lies in the broken part and must be gone`);
        assertRangesMatchText(r);
      });
    }
  });

  describe('whole-text parse', () => {
    it('returns exactly what a bare typescript-estree parse returns, with no errors', () => {
      const text = 'import { exec } from "child_process";\n// run it\nexport function run(cmd: string): void {\n  exec(`sh -c ${cmd}`);\n}\n';
      const r = parseSource(text, 'src/run.ts');
      assert.equal(r.recovered, 'none');
      assert.deepEqual(r.errors, []);
      const bare = parse(text, { range: true, loc: false, comment: false, tokens: false, jsx: false, filePath: 'run.ts' });
      assert.deepEqual(r.program, bare);
    });

    it('parses `<T>x` as a type assertion in .ts and reports it as JSX in .tsx', () => {
      const text = 'const raw = <string>input;\nexec(raw);\n';
      const ts = parseSource(text, 'a.ts');
      assert.equal(ts.recovered, 'none');
      const decl = ts.program?.body[0];
      assert.ok(decl?.type === 'VariableDeclaration');
      assert.equal(decl.declarations[0]?.init?.type, 'TSTypeAssertion');
      const tsx = parseSource(text, 'a.tsx');
      assert.equal(tsx.recovered, 'partial');
      assert.equal(tsx.errors[0]?.message, "JSX element 'string' has no corresponding closing tag.");
    });

    it('parses JSX in .js files', () => {
      const r = parseSource('const v = <a href={url}>x</a>;\n', 'view.js');
      assert.equal(r.recovered, 'none');
      assert.ok(nodesOf(r.program as TSESTree.Program).some((n) => n.type === 'JSXElement'));
    });

    it('treats an unknown extension as TypeScript, then as TSX', () => {
      const cast = parseSource('const a = <number>b;\n', 'snippet.txt');
      assert.equal(cast.recovered, 'none');
      assert.ok(nodesOf(cast.program as TSESTree.Program).some((n) => n.type === 'TSTypeAssertion'));
      const jsx = parseSource('const a = <div>{b}</div>;\n', 'snippet.txt');
      assert.equal(jsx.recovered, 'none');
      assert.ok(nodesOf(jsx.program as TSESTree.Program).some((n) => n.type === 'JSXElement'));
    });

    it('parses .mjs as a module and .cjs as a script', () => {
      assert.equal(parseSource('exec(a);\n', 'x.mjs').program?.sourceType, 'module');
      assert.equal(parseSource('exec(a);\n', 'x.cjs').program?.sourceType, 'script');
    });

    it('does not collect comments (they cost up to 2x parse time; suppressions scan the text)', () => {
      const r = parseSource('a(); // nosemgrep\n/* b */ c();\n', 'x.js');
      assert.equal(r.program?.comments, undefined);
      assert.equal(r.program?.body.length, 2);
    });
  });

  describe('recovery', () => {
    it('keeps the complete functions around an unclosed call, at their original offsets', () => {
      const text = readFileSync(join(FIXTURES, 'unclosed-call-middle.ts'), 'utf8');
      const r = parseSource(text, 'unclosed-call-middle.ts');
      const execs = calls(r.program).filter((c) => calleeName(c) === 'exec');
      const at = text.indexOf('exec(cmd)');
      assert.deepEqual(execs.map((c) => c.range), [
        [text.indexOf("exec('ls -la')"), text.indexOf("exec('ls -la')") + "exec('ls -la')".length],
        [at, at + 'exec(cmd)'.length],
      ]);
      const names = r.program?.body.map((s) => (s.type === 'ExportNamedDeclaration' && s.declaration?.type === 'FunctionDeclaration' ? s.declaration.id?.name : s.type));
      assert.deepEqual(names, ['ImportDeclaration', 'listFiles', 'half', 'runCommand'], 'only the broken statement is blanked');
    });

    it('appends missing closers at the end of the file and clips ranges to the text', () => {
      const text = 'function handler(req) {\n  if (req.ok) {\n    exec(req.body);\n';
      const r = parseSource(text, 'h.js');
      assert.equal(r.recovered, 'partial');
      assert.deepEqual(errorsOf(r), [{ level: 'error', message: "'}' expected.", line: 4, column: 1 }]);
      const fn = r.program?.body[0];
      assert.equal(fn?.type, 'FunctionDeclaration');
      assert.deepEqual(fn?.range, [0, text.trimEnd().length], 'the function ends at the last character of the text');
    });

    it('parses a lone class method as a fragment and drops the wrapper', () => {
      const text = '  async handle(req: Request) {\n    exec(req.url);\n  }\n';
      const r = parseSource(text, 'fragment.ts');
      assert.equal(r.recovered, 'fragment');
      assert.equal(r.errors[0]?.level, 'info');
      assert.match(r.errors[0]?.message ?? '', /^Parsed as a class-member fragment/);
      const method = r.program?.body[0] as unknown as TSESTree.MethodDefinition;
      assert.equal(method.type, 'MethodDefinition');
      assert.deepEqual(method.range, [2, text.indexOf('}') + 1]);
      assert.equal(method.key.type === 'Identifier' && method.key.name, 'handle');
      const call = calls(r.program)[0];
      assert.deepEqual(call?.range, [text.indexOf('exec'), text.indexOf('exec') + 'exec(req.url)'.length]);
      assert.ok(!JSON.stringify(r.program).includes('__VigilFragment'), 'no wrapper node remains');
    });

    it('parses a method being typed (unclosed) as a fragment with closers', () => {
      const text = 'run(cmd) {\n  exec(cmd);\n';
      const r = parseSource(text, 'f.js');
      assert.equal(r.recovered, 'fragment');
      assert.equal(r.program?.body[0]?.type, 'MethodDefinition');
      assert.deepEqual(calls(r.program).map(calleeName), ['exec']);
    });

    it('does not need a wrapper for top-level return and await', () => {
      for (const text of ['const r = await fetch(u);\nreturn exec(r);\n']) {
        for (const path of ['a.js', 'a.ts']) {
          const r = parseSource(text, path);
          assert.equal(r.recovered, 'none', path);
          assert.deepEqual(calls(r.program).map(calleeName), ['fetch', 'exec']);
        }
      }
    });

    it('blanks the statement after `const x =` in the middle of a function, keeping the next function', () => {
      const text = 'function f() {\n  const x = \n}\nfunction g() { exec(b); }\n';
      const r = parseSource(text, 'a.js');
      assert.equal(r.recovered, 'partial');
      assert.deepEqual(errorsOf(r), [{ level: 'error', message: 'Expression expected.', line: 3, column: 1 }]);
      assert.deepEqual(r.program?.body.map((s) => s.type), ['FunctionDeclaration', 'FunctionDeclaration']);
      assert.deepEqual(calls(r.program)[0]?.range, [text.indexOf('exec'), text.indexOf('exec') + 7]);
    });

    it('keeps only our side of a merge conflict when both sides together do not parse', () => {
      const text = 'const o = {\n<<<<<<< HEAD\n  a: exec(x),\n=======\n  a: exec(y)\n  b: 2,\n>>>>>>> other\n};\neval(z);\n';
      const r = parseSource(text, 'a.js');
      assert.equal(r.recovered, 'partial');
      assert.deepEqual(errorsOf(r), [{ level: 'error', message: 'Merge conflict marker encountered.', line: 2, column: 1 }]);
      assert.deepEqual(calls(r.program).map((c) => r.text.slice(c.range[0], c.range[1])), ['exec(x)', 'eval(z)']);
    });

    it('converts code that TypeScript parses but typescript-estree rejects', () => {
      const r = parseSource('foo<>();\nexec(x);\n', 'a.ts');
      assert.equal(r.recovered, 'partial');
      assert.deepEqual(errorsOf(r), [{ level: 'error', message: 'Type argument list cannot be empty.', line: 1, column: 4 }]);
      assert.deepEqual(calls(r.program).map(calleeName), ['foo', 'exec']);
    });

    it('falls back to keeping the code before the error when blanking cascades', () => {
      const props = Array.from({ length: 60 }, (_, i) => `  p${i}: diag(${i}, "m${i}"),`);
      const text = ['function early(x) { exec(x); }', 'const table = {', ...props.slice(0, 30), 'foo(a, ', ...props.slice(30), '};', ''].join('\n');
      const r = parseSource(text, 'big.js');
      assert.ok(r.program, 'a program is still returned');
      assert.equal(r.recovered, 'partial');
      assert.equal(r.errors.length, 1);
      assert.deepEqual(calls(r.program).map(calleeName).slice(0, 1), ['exec']);
      assertRangesMatchText(r);
    });

    it('returns no program, and the parser error, for binary data', () => {
      const r = parseSource('\u0000\u0001ELF\u0000{{{', 'a.out.js');
      assert.equal(r.program, null);
      assert.equal(r.errors.length, 1);
      assert.equal(r.errors[0]?.level, 'error');
      assert.equal(r.errors[0]?.kind, 'parse');
    });

    it('reports code nested too deeply for the parser without a misleading position', () => {
      const r = parseSource('f('.repeat(20_000) + ')'.repeat(20_000), 'deep.js');
      assert.equal(r.program, null);
      assert.deepEqual(r.errors, [{ kind: 'parse', level: 'error', path: 'deep.js', message: 'Code nested too deeply to parse (Maximum call stack size exceeded).' }]);
    });

    it('keeps what precedes hundreds of broken lines', () => {
      const text = 'exec(first);\n' + 'foo(;\n'.repeat(300) + 'eval(last);\n';
      const r = parseSource(text, 'many.js');
      assert.equal(r.recovered, 'partial');
      assert.deepEqual(errorsOf(r), [{ level: 'error', message: "')' expected.", line: 2, column: 5 }]);
      assert.deepEqual(calls(r.program).map(calleeName), ['exec']);
    });

    it('never throws and keeps ranges inside the original text on mutilated code', () => {
      const base = readFileSync(join(FIXTURES, 'unclosed-call-middle.ts'), 'utf8').replace('  log(user,\n', '  log(user);\n');
      assert.equal(parseSource(base, 'ok.ts').recovered, 'none', 'the base text is valid');
      let seed = 42;
      const rand = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const junk = ['(', ')', '{', '}', '[', ']', '`', '"', "'", '/', '<', '>', ',', ';', '=', '\n', '${', '*/', '/*'];
      let recovered = 0;
      for (let i = 0; i < 150; i++) {
        let text = base;
        for (let k = 0; k < 1 + rand(3); k++) {
          const at = rand(text.length);
          text = rand(2) === 0 ? text.slice(0, at) + (junk[rand(junk.length)] ?? '') + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + rand(8));
        }
        let r: ParsedSource | undefined;
        assert.doesNotThrow(() => {
          r = parseSource(text, 'fuzz.ts');
        }, `input ${JSON.stringify(text)}`);
        if (!r) continue;
        if (r.recovered !== 'none') {
          assert.equal(r.errors.length, 1, 'a parse problem is reported once');
          const e = r.errors[0];
          assert.ok(e && e.line !== undefined && e.column !== undefined && e.line >= 1 && e.column >= 1);
        }
        if (r.program && r.recovered !== 'none') recovered++;
        assertRangesMatchText(r);
      }
      assert.ok(recovered > 50, `most broken variants still give a program (${recovered})`);
    });
  });

  describe('isLikelyMinified', () => {
    it('flags a bundle: long lines and a high average', () => {
      const line = 'var a=1;'.repeat(400);
      assert.equal(isLikelyMinified(line), true);
      assert.equal(isLikelyMinified(`${line}\n${line}\n`), true);
    });

    it('does not flag a normal file with one very long line', () => {
      const normal = Array.from({ length: 200 }, (_, i) => `const v${i} = ${i};`).join('\n');
      assert.equal(isLikelyMinified(`${normal}\nconst img = "${'A'.repeat(5000)}";\n`), false);
    });

    it('does not flag short or ordinary text', () => {
      assert.equal(isLikelyMinified(''), false);
      assert.equal(isLikelyMinified('x'.repeat(1000)), false);
      assert.equal(isLikelyMinified('a();\n'.repeat(10_000)), false);
    });

    it('does not flag many lines of moderate length (average above 300, none above 1,000)', () => {
      assert.equal(isLikelyMinified(('x'.repeat(900) + '\r\n').repeat(20)), false);
    });
  });
});
