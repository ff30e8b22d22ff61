/** Tests rule loading: schema checks, compiled shapes, the broken-rules corpus, files and directories. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadRules, parseRuleFile } from '../../../src/engine/rules/load-rules';
import type { CompiledRule, EngineError, Formula, LoadRulesResult } from '../../../src/engine/types';

const REPO = path.resolve(__dirname, '../../../../..');
const BROKEN = path.join(REPO, 'test-fixtures/broken-rules');

interface ExpectedError {
  file?: string;
  line: number;
  ruleId?: string;
  level?: EngineError['level'];
  message?: string;
  /** For messages owned by another module (the pattern parser): only the start is fixed. */
  messagePrefix?: string;
}

interface ExpectedFile {
  errors: ExpectedError[];
  rules: string[];
  foreignRules: string[];
}

function only(result: LoadRulesResult, id: string): CompiledRule {
  const rule = result.rules.find((r) => r.id === id);
  if (rule === undefined) assert.fail(`rule "${id}" did not load; errors: ${JSON.stringify(result.errors, null, 2)}`);
  return rule;
}

function messages(result: LoadRulesResult): string[] {
  return result.errors.map((e) => `${e.line ?? '-'}: ${e.message}`);
}

function yaml(lines: string): string {
  return lines.replace(/^\n/, '');
}

const HEADER = `rules:
  - id: r
    message: m
    severity: ERROR
    languages: [js]
`;

describe('loadRules: the broken-rules corpus', () => {
  const expected = JSON.parse(fs.readFileSync(path.join(BROKEN, 'expected-errors.json'), 'utf8')) as Record<string, ExpectedFile>;

  it('lists every file of the corpus in expected-errors.json', () => {
    const onDisk = fs.readdirSync(BROKEN).filter((n) => n !== 'expected-errors.json').sort();
    assert.deepEqual(Object.keys(expected).sort(), onDisk);
  });

  for (const [name, want] of Object.entries(expected)) {
    it(`${name}: exactly the expected errors, and the good rules still load`, () => {
      const full = path.join(BROKEN, name);
      const result = loadRules([full]);
      const isDir = fs.statSync(full).isDirectory();
      const got = result.errors.map((e): ExpectedError & { message: string } => {
        assert.equal(e.kind, 'rule-load');
        const o: ExpectedError & { message: string } = { line: e.line ?? -1, message: e.message };
        if (isDir) o.file = path.relative(full, e.path ?? '');
        else assert.equal(e.path, full);
        if (e.ruleId !== undefined) o.ruleId = e.ruleId;
        if (e.level !== 'error') o.level = e.level;
        return o;
      });
      assert.equal(got.length, want.errors.length, `errors of ${name}:\n${messages(result).join('\n')}`);
      want.errors.forEach((w, i) => {
        const g = got[i];
        assert.ok(g !== undefined);
        if (w.messagePrefix !== undefined) {
          assert.ok(g.message.startsWith(w.messagePrefix), `"${g.message}" should start with "${w.messagePrefix}"`);
          const { messagePrefix: _p, ...restWant } = w;
          const { message: _m, ...restGot } = g;
          assert.deepEqual(restGot, restWant);
        } else {
          assert.deepEqual(g, w);
        }
      });
      assert.deepEqual(result.rules.map((r) => r.id), want.rules);
      assert.deepEqual(result.foreignRules.map((r) => r.id), want.foreignRules);
    });
  }

  it('loads the whole corpus at once without throwing, keeping every good rule', () => {
    const result = loadRules([BROKEN]);
    const expectedIds = Object.values(expected).flatMap((f) => f.rules);
    for (const id of expectedIds) assert.ok(result.rules.some((r) => r.id === id), `rule "${id}" should load`);
    assert.ok(result.errors.length > 20);
  });
});

describe('parseRuleFile: search-mode formulas', () => {
  it('compiles a pattern rule with its location, severity and metadata', () => {
    const result = parseRuleFile(
      yaml(`
rules:
  - id: eval-call
    message: eval of $X
    severity: CRITICAL
    languages: [JavaScript, TSX]
    metadata:
      cwe: [CWE-95]
      confidence: HIGH
    pattern: eval($X)
`),
      'r.yaml',
    );
    assert.deepEqual(result.errors, []);
    const rule = only(result, 'eval-call');
    assert.equal(rule.severity, 'error');
    assert.deepEqual(rule.languages, ['JavaScript', 'TSX']);
    assert.deepEqual(rule.metadata, { cwe: ['CWE-95'], confidence: 'HIGH' });
    assert.equal(rule.mode, 'search');
    assert.deepEqual(rule.loc, { file: 'r.yaml', line: 2 });
    assert.equal(rule.formula?.kind, 'pattern');
    assert.deepEqual(rule.formula?.loc, { file: 'r.yaml', line: 9 });
    assert.deepEqual(rule.options, {});
  });

  it('maps every severity', () => {
    const severities: Record<string, string> = {
      ERROR: 'error', WARNING: 'warning', INFO: 'info', CRITICAL: 'error', HIGH: 'error', MEDIUM: 'warning', LOW: 'info', INVENTORY: 'info', EXPERIMENT: 'info',
    };
    for (const [written, mapped] of Object.entries(severities)) {
      const result = parseRuleFile(`rules:\n  - id: s\n    message: m\n    severity: ${written}\n    languages: [ts]\n    pattern: f()\n`, 's.yaml');
      assert.equal(only(result, 's').severity, mapped, written);
    }
  });

  it('compiles patterns with every kind of conjunct, in order', () => {
    const result = parseRuleFile(
      yaml(`
rules:
  - id: all-kinds
    message: m
    severity: WARNING
    languages: [typescript]
    patterns:
      - pattern-inside: |
          function $F(...) { ... }
      - pattern-either:
          - pattern: exec($CMD)
          - patterns:
              - pattern: spawn($CMD, ...)
              - pattern-not: spawn("...", ...)
      - pattern-not-inside: if (ok($CMD)) { ... }
      - pattern-not-regex: (?i)nosec
      - pattern-regex: \\w+
      - metavariable-regex:
          metavariable: $CMD
          regex: ^user
          constant-propagation: true
      - metavariable-pattern:
          metavariable: $CMD
          language: ts
          patterns:
            - pattern: req.$FIELD
      - metavariable-comparison:
          metavariable: $N
          comparison: $N > 0x10
          strip: true
          base: 16
      - focus-metavariable: $CMD
      - pattern-not:
          pattern-either:
            - pattern: exec("ls")
            - pattern: exec("pwd")
`),
      'k.yaml',
    );
    assert.deepEqual(messages(result), []);
    const formula = only(result, 'all-kinds').formula;
    assert.ok(formula !== undefined && formula.kind === 'all');
    assert.deepEqual(formula.items.map((i) => i.kind), [
      'inside', 'positive', 'not-inside', 'not-regex', 'positive', 'metavariable-regex', 'metavariable-pattern', 'metavariable-comparison', 'focus', 'not',
    ]);
    const [inside, either, notInside, notRegex, regex, mvRegex, mvPattern, mvComparison, focus, not] = formula.items;
    assert.ok(inside?.kind === 'inside' && inside.formula.kind === 'pattern');
    assert.deepEqual(inside.formula.loc.line, 7);
    assert.ok(either?.kind === 'positive' && either.formula.kind === 'either');
    assert.deepEqual(either.formula.branches.map((b) => b.kind), ['pattern', 'all']);
    assert.equal(either.formula.loc.line, 9);
    assert.ok(notInside?.kind === 'not-inside' && notInside.formula.kind === 'pattern');
    assert.ok(notRegex?.kind === 'not-regex');
    assert.equal(notRegex.source, '(?i)nosec');
    assert.ok(notRegex.regex.flags.includes('i') && notRegex.regex.flags.includes('m'));
    assert.ok(regex?.kind === 'positive' && regex.formula.kind === 'regex');
    assert.ok(regex.formula.regex.flags.includes('m'), 'pattern-regex runs in multiline mode');
    assert.ok(mvRegex?.kind === 'metavariable-regex');
    assert.equal(mvRegex.metavariable, '$CMD');
    assert.equal(mvRegex.constantPropagation, true);
    assert.ok(!mvRegex.regex.flags.includes('m'));
    assert.equal(mvRegex.loc.line, 17);
    assert.ok(mvPattern?.kind === 'metavariable-pattern' && mvPattern.formula.kind === 'all');
    assert.ok(mvComparison?.kind === 'metavariable-comparison');
    assert.equal(mvComparison.metavariable, '$N');
    assert.equal(mvComparison.source, '$N > 0x10');
    assert.equal(mvComparison.strip, true);
    assert.equal(mvComparison.base, 16);
    assert.deepEqual(mvComparison.comparison, { kind: 'binary', op: '>', left: { kind: 'metavariable', name: '$N' }, right: { kind: 'number', value: 16 } });
    assert.ok(focus?.kind === 'focus');
    assert.deepEqual(focus.metavariables, ['$CMD']);
    assert.ok(not?.kind === 'not' && not.formula.kind === 'either');
  });

  it('compiles a pattern-either of pattern-inside items as one pattern-inside of the either', () => {
    const result = parseRuleFile(
      HEADER +
        yaml(`
    patterns:
      - pattern-either:
          - pattern-inside: |
              $S = require('cookie-session');
              ...
          - patterns:
              - pattern-inside: $APP.$M(..., function ($REQ, $RES) { ... })
              - metavariable-regex:
                  metavariable: $M
                  regex: ^(get|post)$
      - pattern: $S(...)
`),
      'i.yaml',
    );
    assert.deepEqual(messages(result), []);
    const f = only(result, 'r').formula as Extract<Formula, { kind: 'all' }>;
    const first = f.items[0];
    assert.ok(first?.kind === 'inside' && first.formula.kind === 'either');
    assert.deepEqual(first.formula.branches.map((b) => b.kind), ['pattern', 'all']);
    assert.equal(f.items[1]?.kind, 'positive');
  });

  it('accepts a pattern-either mixing pattern-inside and patterns only as the sole positive item', () => {
    const sole = parseRuleFile(HEADER + '    patterns:\n      - pattern-either:\n          - pattern-inside: a($X)\n          - pattern: b($X)\n      - focus-metavariable: $X\n', 'm.yaml');
    assert.deepEqual(messages(sole), []);
    const f = only(sole, 'r').formula as Extract<Formula, { kind: 'all' }>;
    assert.ok(f.items[0]?.kind === 'positive' && f.items[0].formula.kind === 'either');
    const notSole = parseRuleFile(HEADER + '    patterns:\n      - pattern-either:\n          - pattern-inside: a($X)\n          - pattern: b($X)\n      - pattern: c($X)\n', 'm.yaml');
    assert.deepEqual(notSole.rules, []);
    assert.match(messages(notSole)[0] ?? '', /^8: rule "r": "pattern-inside" in a pattern-either whose other branches are not pattern-inside/);
  });

  it('accepts focus-metavariable as a list, and ellipsis metavariables', () => {
    const result = parseRuleFile(HEADER + '    patterns:\n      - pattern: f($A, $...REST)\n      - focus-metavariable: [$A, $...REST]\n', 'f.yaml');
    const f = only(result, 'r').formula as Extract<Formula, { kind: 'all' }>;
    assert.deepEqual(f.items[1], { kind: 'focus', metavariables: ['$A', '$...REST'], loc: { file: 'f.yaml', line: 8 } });
  });

  it('compiles pattern-regex rules with Python syntax', () => {
    const result = parseRuleFile(HEADER + `    pattern-regex: (?i)(?P<key>api[_-]?key)\\s*=\n`, 'x.yaml');
    const f = only(result, 'r').formula;
    assert.ok(f?.kind === 'regex');
    assert.equal(f.source, '(?i)(?P<key>api[_-]?key)\\s*=');
    assert.ok(f.regex.test('API_KEY = 1'));
  });

  it('follows YAML anchors and aliases', () => {
    const result = parseRuleFile(
      yaml(`
rules:
  - id: a
    message: m
    severity: INFO
    languages: &langs [js, ts]
    pattern: &p eval($X)
  - id: b
    message: m
    severity: INFO
    languages: *langs
    pattern: *p
`),
      'a.yaml',
    );
    assert.deepEqual(messages(result), []);
    assert.deepEqual(only(result, 'b').languages, ['js', 'ts']);
  });
});

describe('parseRuleFile: taint mode', () => {
  it('compiles sources, sinks, sanitizers and propagators with their options and lines', () => {
    const result = parseRuleFile(
      yaml(`
rules:
  - id: taint
    mode: taint
    message: m
    severity: HIGH
    languages: [ts]
    pattern-sources:
      - pattern: req.query
        label: USER
      - by-side-effect: only
        patterns:
          - pattern: taint($X)
          - focus-metavariable: $X
    pattern-sanitizers:
      - pattern: escape(...)
        exact: true
        by-side-effect: true
    pattern-propagators:
      - pattern: $A.push($B)
        from: $B
        to: $A
        by-side-effect: false
        replace-labels: [USER]
        label: PUSHED
        requires: USER
    pattern-sinks:
      - patterns:
          - pattern: exec($CMD)
          - focus-metavariable: $CMD
        exact: false
        requires: USER
`),
      't.yaml',
    );
    assert.deepEqual(messages(result), []);
    const rule = only(result, 'taint');
    assert.equal(rule.mode, 'taint');
    assert.equal(rule.formula, undefined);
    const taint = rule.taint;
    assert.ok(taint !== undefined);
    assert.equal(taint.sources.length, 2);
    assert.equal(taint.sources[0]?.label, 'USER');
    assert.equal(taint.sources[0]?.loc.line, 8);
    assert.equal(taint.sources[1]?.bySideEffect, 'only');
    assert.equal(taint.sources[1]?.loc.line, 10);
    assert.equal(taint.sources[1]?.formula.kind, 'all');
    assert.equal(taint.sanitizers[0]?.exact, true);
    assert.equal(taint.sanitizers[0]?.bySideEffect, true);
    const prop = taint.propagators[0];
    assert.ok(prop !== undefined);
    assert.equal(prop.from, '$B');
    assert.equal(prop.to, '$A');
    assert.equal(prop.bySideEffect, false);
    assert.deepEqual(prop.replaceLabels, ['USER']);
    assert.equal(prop.label, 'PUSHED');
    assert.equal(prop.requires, 'USER');
    assert.equal(prop.loc.line, 19);
    assert.equal(taint.sinks[0]?.exact, false);
    assert.equal(taint.sinks[0]?.requires, 'USER');
    assert.equal(taint.sinks[0]?.loc.line, 27);
  });

  it('defaults propagators to by-side-effect and leaves unset options unset', () => {
    const result = parseRuleFile(
      yaml(`
rules:
  - id: t
    mode: taint
    message: m
    severity: ERROR
    languages: [js]
    pattern-sources: [{pattern: source()}]
    pattern-sinks: [{pattern: sink(...)}]
    pattern-propagators: [{pattern: "$T = $F", from: $F, to: $T}]
`),
      't.yaml',
    );
    const taint = only(result, 't').taint;
    assert.equal(taint?.propagators[0]?.bySideEffect, true);
    assert.equal(taint?.sources[0]?.exact, undefined);
    assert.equal(taint?.sources[0]?.bySideEffect, undefined);
    assert.deepEqual(taint?.sanitizers, []);
  });
});

describe('parseRuleFile: other keys', () => {
  it('keeps fix, fix-regex, paths and known options', () => {
    const result = parseRuleFile(
      HEADER +
        yaml(`
    pattern: http.get($URL)
    fix: https.get($URL)
    fix-regex:
      regex: (?P<scheme>http)://
      replacement: https://
      count: 1
    paths:
      include: ["src/**"]
      exclude: "**/*.test.ts"
    options:
      constant_propagation: false
      taint_assume_safe_numbers: true
      generic_ellipsis_max_span: 3
      interfile: true
    min-version: 1.0.0
`),
      'o.yaml',
    );
    assert.deepEqual(messages(result), []);
    const rule = only(result, 'r');
    assert.equal(rule.fix, 'https.get($URL)');
    assert.equal(rule.fixRegex?.replacement, 'https://');
    assert.equal(rule.fixRegex?.count, 1);
    assert.equal(rule.fixRegex?.regex.source, '(?<scheme>http):\\/\\/');
    assert.deepEqual(rule.paths, { include: ['src/**'], exclude: ['**/*.test.ts'] });
    assert.deepEqual(rule.options, { constant_propagation: false, taint_assume_safe_numbers: true, generic_ellipsis_max_span: 3, interfile: true });
  });

  it('keeps a deleting fix (empty string)', () => {
    const result = parseRuleFile(HEADER + '    pattern: debugger;\n    fix: ""\n', 'd.yaml');
    assert.equal(only(result, 'r').fix, '');
  });

  it('reports an unknown option as a warning and still loads the rule', () => {
    const result = parseRuleFile(HEADER + '    pattern: f()\n    options:\n      symbolic_propagaton: true\n', 'o.yaml');
    only(result, 'r');
    assert.deepEqual(result.errors, [
      {
        kind: 'rule-load',
        level: 'warning',
        path: 'o.yaml',
        line: 8,
        ruleId: 'r',
        message: 'rule "r": unknown option "symbolic_propagaton" (did you mean "symbolic_propagation"?); it is ignored',
      },
    ]);
  });

  it('rejects a bad taint_match_on value', () => {
    const result = parseRuleFile(HEADER + '    pattern: f()\n    options:\n      taint_match_on: middle\n', 'o.yaml');
    assert.deepEqual(messages(result), ['8: rule "r": option "taint_match_on" must be one of source, sink (got "middle")']);
  });

  it('keeps foreign rules as raw data without compiling them', () => {
    const result = parseRuleFile(
      yaml(`
rules:
  - id: py
    message: m
    severity: WARNING
    languages: [python]
    pattern-whatever: this would be an error in a JS rule
    pattern: print(
    metadata: {cwe: CWE-1}
`),
      'p.yaml',
    );
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.rules, []);
    assert.deepEqual(result.foreignRules, [
      {
        id: 'py',
        languages: ['python'],
        raw: { id: 'py', message: 'm', severity: 'WARNING', languages: ['python'], 'pattern-whatever': 'this would be an error in a JS rule', pattern: 'print(', metadata: { cwe: 'CWE-1' } },
        loc: { file: 'p.yaml', line: 2 },
      },
    ]);
  });

  it('still checks id, message, severity and languages of foreign rules', () => {
    const result = parseRuleFile('rules:\n  - id: g\n    severity: LOUD\n    languages: [go]\n    pattern: x\n', 'g.yaml');
    assert.deepEqual(messages(result), [
      '2: rule "g": missing required key "message"',
      '3: rule "g": "severity" must be one of ERROR, WARNING, INFO, CRITICAL, HIGH, MEDIUM, LOW (got "LOUD")',
    ]);
    assert.deepEqual(result.foreignRules, []);
  });

  it('compiles a rule whose languages mix JS with others', () => {
    const result = parseRuleFile('rules:\n  - id: mix\n    message: m\n    severity: INFO\n    languages: [python, JS]\n    pattern: f()\n', 'm.yaml');
    only(result, 'mix');
    assert.deepEqual(result.foreignRules, []);
  });

  it('reports duplicate ids within one file', () => {
    const result = parseRuleFile(HEADER + '    pattern: f()\n' + HEADER.replace('rules:\n', '') + '    pattern: g()\n', 'd.yaml');
    assert.equal(result.rules.length, 1);
    assert.deepEqual(messages(result), ['7: duplicate rule id "r" (first defined at line 2); this rule is skipped']);
  });

  it('reports a misspelt operator inside a nested formula with a suggestion', () => {
    const result = parseRuleFile(HEADER + '    patterns:\n      - pattern: f($X)\n      - pattern-not:\n          patern: f(1)\n', 'n.yaml');
    assert.deepEqual(messages(result), ['9: unknown key "patern" in pattern-not of rule "r" (did you mean "pattern"?)']);
  });

  it('reports a YAML syntax error with its line and nothing else', () => {
    const result = parseRuleFile('rules:\n  - id: x\n    message: "unclosed\n', 'y.yaml');
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0]?.message ?? '', /^invalid YAML: /);
    assert.equal(result.errors[0]?.line, 4); // where the parser notices: the end of the file
  });
});

describe('parseRuleFile never throws', () => {
  const inputs = [
    '', '---', 'rules:', 'rules: 3', 'rules: [1, null, "x", []]', 'rules: {}', '- a\n- b', '!!binary aGVsbG8=', 'rules:\n  - id: [x]',
    'rules:\n  - id: x\n    languages: [js]\n    message: m\n    severity: ERROR\n    patterns: {a: 1}',
    'rules:\n  - id: x\n    languages: [js]\n    message: m\n    severity: ERROR\n    pattern-either: [[], {}, 3, {pattern: null}]',
    'rules:\n  - id: x\n    languages: [js]\n    message: m\n    severity: ERROR\n    mode: taint\n    pattern-sources: {}\n    pattern-sinks: [3]',
    'rules:\n  - id: x\n    languages: [js]\n    message: m\n    severity: ERROR\n    patterns:\n      - metavariable-regex: 3\n      - metavariable-pattern: {}\n      - metavariable-comparison: {comparison: 3}\n      - focus-metavariable: []',
    'a: &a [*a]',
    'rules:\n  - &r {id: x, languages: [js], message: m, severity: ERROR, pattern: f()}\n  - *r',
  ];
  for (const text of inputs) {
    it(`handles ${JSON.stringify(text).slice(0, 60)}`, () => {
      const result = parseRuleFile(text, 'z.yaml');
      for (const e of result.errors) {
        assert.equal(e.kind, 'rule-load');
        assert.equal(e.path, 'z.yaml');
        assert.equal(typeof e.line, 'number');
        assert.ok(e.message.length > 0);
      }
    });
  }
});

describe('parseRuleFile: hostile YAML', () => {
  it('stops an alias bomb with an error instead of expanding it', () => {
    let text = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
    let previous = 'a';
    for (const name of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
      text += `${name}: &${name} [${Array(10).fill('*' + previous).join(', ')}]\n`;
      previous = name;
    }
    const result = parseRuleFile(text, 'bomb.yaml');
    assert.deepEqual(messages(result), ['1: invalid YAML: the file expands to more than 100000 values (through aliases?)']);
  });
});

describe('loadRules: files and directories', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-rules-'));
    const write = (rel: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    const rule = (id: string): string => `rules:\n  - id: ${id}\n    message: m\n    severity: INFO\n    languages: [js]\n    pattern: ${id.replace(/-/g, '_')}()\n`;
    write('b/second.yaml', rule('b-second'));
    write('a.yml', rule('a-first'));
    write('c/d/deep.YAML', rule('c-deep'));
    write('node_modules/pkg/rule.yaml', rule('in-node-modules'));
    write('.hidden/rule.yaml', rule('in-dot-folder'));
    write('b/readme.md', 'not a rule');
    write('b/code.ts', 'eval(x)');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('walks a tree in sorted order, skipping node_modules and dot-folders', () => {
    const result = loadRules([dir]);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.rules.map((r) => r.id), ['a-first', 'b-second', 'c-deep']);
    assert.equal(result.rules[1]?.loc.file, path.join(dir, 'b/second.yaml'));
  });

  it('loads a single file given directly, and reports a missing path without throwing', () => {
    const missing = path.join(dir, 'nope.yaml');
    const result = loadRules([path.join(dir, 'a.yml'), missing]);
    assert.deepEqual(result.rules.map((r) => r.id), ['a-first']);
    assert.deepEqual(result.errors, [{ kind: 'rule-load', level: 'error', path: missing, message: `rule path not found: ${missing}` }]);
  });

  it('detects duplicate ids across paths', () => {
    const result = loadRules([path.join(dir, 'a.yml'), dir]);
    assert.deepEqual(result.rules.map((r) => r.id), ['a-first', 'b-second', 'c-deep']);
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0]?.message, 'duplicate rule id "a-first" (first defined at line 2); this rule is skipped');
  });
});
