/** Tests the rule-fixture runner on small rule folders in test-fixtures/rule-tests/, with a stand-in scanner so they pass whatever the matcher does. */
import * as assert from 'node:assert/strict';
import * as path from 'path';
import type { CompiledRule, Finding, ScanResult } from '../../src/engine/types';
import { runRuleTests, type RuleTestResult, type ScanFunction } from '../../src/rule-testing/run-rule-tests';

const FIXTURES = path.resolve(__dirname, '../../../..', 'test-fixtures/rule-tests');

/**
 * Reports every `BAD(` in the text as a finding of every rule, at its line;
 * a rule with `fix:` gets an edit that turns `BAD` into `GOOD`.
 */
const standInScan: ScanFunction = (text: string, filePath: string, rules: readonly CompiledRule[]): ScanResult => {
  const findings: Finding[] = [];
  text.split('\n').forEach((line, lineIndex) => {
    const column = line.indexOf('BAD(');
    if (column < 0) return;
    const offset = text.split('\n').slice(0, lineIndex).reduce((sum, l) => sum + l.length + 1, 0) + column;
    for (const rule of rules) {
      findings.push({
        ruleId: rule.id,
        path: filePath,
        range: { start: { line: lineIndex, character: column }, end: { line: lineIndex, character: column + 3 } },
        start: offset,
        end: offset + 3,
        message: rule.message,
        severity: rule.severity,
        metadata: rule.metadata,
        snippet: 'BAD',
        metavariables: {},
        fix: rule.fix === undefined ? undefined : { edits: [{ start: offset, end: offset + 3, text: 'GOOD' }], safe: true },
        fingerprint: `${rule.id}:${lineIndex}`,
      });
    }
  });
  return { findings, errors: [] };
};

function runOne(folder: string): RuleTestResult {
  const summary = runRuleTests(path.join(FIXTURES, folder), standInScan);
  assert.equal(summary.results.length, 1, `one rule in ${folder}`);
  const result = summary.results[0]!;
  assert.equal(summary.passed + summary.failed, 1);
  return result;
}

function assertProblem(result: RuleTestResult, pattern: RegExp): void {
  assert.ok(
    result.problems.some((p) => pattern.test(p)),
    `expected a problem matching ${pattern}; got:\n${result.problems.join('\n')}`,
  );
}

describe('runRuleTests with a stand-in scanner', () => {
  it('passes a rule whose reported lines, fixed file, id and metadata all agree', () => {
    const result = runOne('passing');
    assert.deepEqual(result.problems, []);
    assert.equal(result.passed, true);
    assert.equal(result.ruleId, 'passing-rule');
    assert.equal(result.ruleFile, path.join(FIXTURES, 'passing', 'passing-rule.yaml'));
  });

  it('reports an annotated line the rule does not report as missed', () => {
    const result = runOne('missed-line');
    assert.equal(result.passed, false);
    assert.deepEqual(result.problems.length, 1, result.problems.join('\n'));
    assertProblem(result, /^missed-line\.js: missed line 5: annotated `ruleid:`/);
  });

  it('reports findings on `ok:` lines and on unannotated lines separately', () => {
    const result = runOne('extra-match');
    assert.equal(result.passed, false);
    assert.equal(result.problems.length, 2, result.problems.join('\n'));
    assertProblem(result, /^extra-match\.ts: false positive on line 5, annotated `ok:`/);
    assertProblem(result, /^extra-match\.ts: unexpected finding on line 6, which has no annotation.*Add `\/\/ ruleid: extra-match`/);
  });

  it('shows a small diff when the fixes do not produce the .fixed file', () => {
    const result = runOne('wrong-fixed');
    assert.equal(result.passed, false);
    assert.equal(result.problems.length, 1, result.problems.join('\n'));
    const problem = result.problems[0]!;
    assert.match(problem, /^wrong-fixed\.fixed\.ts differs from wrong-fixed\.ts with every fix applied/);
    // Only the first differing run, with two lines of context either side.
    assert.equal(
      problem.slice(problem.indexOf('---')),
      [
        '--- wrong-fixed.fixed.ts (expected)',
        '+++ wrong-fixed.ts with 1 fix edit applied',
        '@@ line 3 @@',
        "  // Fixture for the rule-test runner's own tests: the .fixed file does not match the fix.",
        '  // ruleid: wrong-fixed',
        '- BETTER(1);',
        '+ GOOD(1);',
        '  // ok: wrong-fixed',
        '  GOOD(1);',
      ].join('\n'),
    );
  });

  it('says what to add when the id, annotations, .fixed file or metadata are missing', () => {
    const result = runOne('missing-metadata');
    assert.equal(result.passed, false);
    assert.equal(result.ruleId, 'not-the-file-name');
    assertProblem(result, /rule id `not-the-file-name` differs from its file name: rename the id to `missing-metadata`/);
    assertProblem(result, /no `ruleid: not-the-file-name` annotation in missing-metadata\.ts: add `\/\/ ruleid: not-the-file-name`/);
    assertProblem(result, /no `ok: not-the-file-name` annotation in missing-metadata\.ts: add `\/\/ ok: not-the-file-name`/);
    assertProblem(result, /the rule has a fix but no `\.fixed` file: add `missing-metadata\.fixed\.ts`/);
    assertProblem(result, /^metadata\.cwe is missing or empty: add the CWE/);
    assertProblem(result, /^metadata\.owasp is missing or empty: add .*A03:2021 - Injection/);
    assertProblem(result, /^metadata\.confidence is "SURE": use one of HIGH, MEDIUM, LOW/);
    assertProblem(result, /^metadata\.likelihood is missing: add `likelihood: HIGH`/);
    assertProblem(result, /^metadata\.impact is missing: add `impact: HIGH`/);
    assertProblem(result, /^metadata\.references must be a non-empty list of URLs/);
    assertProblem(result, /^metadata\.category is "style": bundled rules use `category: security`/);
    // The stand-in reports line 3, which is annotated for another id only.
    assertProblem(result, /unexpected finding on line 3/);
  });

  it('asks for test code when a rule has no fixture beside it', () => {
    const result = runOne('no-fixture');
    assert.equal(result.passed, false);
    assert.deepEqual(result.problems.length, 1, result.problems.join('\n'));
    assertProblem(result, /^no test code beside the rule: add `no-fixture\.ts` .*`\/\/ ruleid: no-fixture`.*`\/\/ ok: no-fixture`/);
  });

  it('does not expect `todoruleid:` lines and does expect `todook:` lines', () => {
    const result = runOne('todo-annotations');
    assert.deepEqual(result.problems, []);
    assert.equal(result.passed, true);
  });

  it('reads annotations written as JSX comments', () => {
    const result = runOne('jsx-annotations');
    assert.deepEqual(result.problems, []);
    assert.equal(result.passed, true);
  });

  it('says when a `todoruleid:` case starts to match', () => {
    const reportsEverything: ScanFunction = (text, filePath, rules) => {
      const withTodoLine = text.replace('notYetBad(2)', 'BAD(2)');
      return standInScan(withTodoLine, filePath, rules);
    };
    const summary = runRuleTests(path.join(FIXTURES, 'todo-annotations'), reportsEverything);
    assert.deepEqual(summary.results[0]?.problems, [
      'todo-rule.ts: reported on line 6, annotated `todoruleid:` (a known miss). The rule catches it now: change the annotation to `ruleid:`.',
    ]);
  });

  it('runs one rule file given directly, and reports a path that does not exist', () => {
    const one = runRuleTests(path.join(FIXTURES, 'passing', 'passing-rule.yaml'), standInScan);
    assert.deepEqual(one.results.map((r) => [r.ruleId, r.passed]), [['passing-rule', true]]);
    const missing = runRuleTests(path.join(FIXTURES, 'no-such-folder'), standInScan);
    assert.equal(missing.failed, 1);
    assert.match(missing.results[0]?.problems[0] ?? '', /no-such-folder does not exist: give a folder of rules/);
  });

  it('walks a whole tree and counts passes and failures', () => {
    const summary = runRuleTests(FIXTURES, standInScan);
    const byFolder = new Map(summary.results.map((r) => [path.basename(path.dirname(r.ruleFile)), r.passed]));
    assert.deepEqual(Object.fromEntries(byFolder), {
      'extra-match': false,
      'jsx-annotations': true,
      'missed-line': false,
      'missing-metadata': false,
      'no-fixture': false,
      passing: true,
      'todo-annotations': true,
      'wrong-fixed': false,
    });
    assert.equal(summary.passed, 3);
    assert.equal(summary.failed, 5);
  });
});
