/** The text prefilter: what a file must contain before a rule is run, and that it never hides a match. */
import * as assert from 'node:assert/strict';
import { requiredSubstrings } from '../../../src/engine/match/regex-literals';
import { formulaRequirement, RequirementMemo, satisfied } from '../../../src/engine/match/prefilter';
import { compileRule, snippets } from '../scan-helpers';

function fileOf(text: string) {
  const words = new Set(text.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? []);
  return { words, requirementMemo: new RequirementMemo(), containsText: (piece: string, ignoreCase: boolean) => (ignoreCase ? text.toLowerCase() : text).includes(piece) };
}

describe('prefilter', () => {
  describe('required literals of a regex', () => {
    const cases: Array<[string, string[]]> = [
      ['\\.pass(word)?$', ['.pass']],
      ['(?i)^[\\w$.]*user\\.pass(word)?$', ['user.pass']],
      ['^Math\\.random\\(\\)', ['math.random()'.replace('math', 'Math')]],
      ['AKIA[0-9A-Z]{16}', ['AKIA']],
      ['abc|def', []],
      ['(secret|token)_key', ['_key']],
      ['ab', []],
      ['colou?r', ['colo']],
      ['(?x) a b c', []],
      ['x{0,3}yz_token', ['yz_token']],
      ['(secret|token)_key', ['_key']],
    ];
    it('alternation groups give any-of requirements', () => {
      assert.deepEqual(requiredSubstrings('\\b(?:AKIA|ASIA)[A-Z2-7]{16}').anyOf, [['AKIA', 'ASIA']]);
      assert.deepEqual(requiredSubstrings('^(query|execute)$').anyOf, [['query', 'execute']]);
      assert.deepEqual(requiredSubstrings('(?i)^(?:is_?)?(?:auth\\w*|verify)$').anyOf, [['auth', 'verify']]);
      assert.deepEqual(requiredSubstrings('(ab|cdef)x').anyOf, []);
      assert.deepEqual(requiredSubstrings('select|insert').anyOf, [['select', 'insert']]);
      assert.deepEqual(requiredSubstrings('(?=abc)def').anyOf, []);
    });
    for (const [source, expected] of cases) {
      it(`/${source}/ requires ${JSON.stringify(expected)}`, () => {
        const { substrings, ignoreCase } = requiredSubstrings(source);
        assert.deepEqual(substrings, ignoreCase ? expected.map((s) => s.toLowerCase()) : expected);
      });
    }
  });

  it('skips a rule when a required identifier is absent, and runs it when present', () => {
    const rule = compileRule('pattern: child_process.exec($X)');
    const req = formulaRequirement(rule.formula!);
    assert.equal(satisfied(req, fileOf('const x = 1;')), false);
    assert.equal(satisfied(req, fileOf("const {exec: run} = require('child_process'); run(c);")), true);
  });

  it('uses a metavariable-regex\'s literals and a metavariable-pattern\'s words', () => {
    const rule = compileRule('patterns:\n  - pattern: $A === $B\n  - metavariable-regex:\n      metavariable: $A\n      regex: (?i)\\.password$');
    const req = formulaRequirement(rule.formula!);
    assert.equal(satisfied(req, fileOf('if (a === b) {}')), false);
    assert.equal(satisfied(req, fileOf('if (user.Password === input) {}')), true);
    const mp = compileRule('patterns:\n  - pattern: $F($X)\n  - metavariable-pattern:\n      metavariable: $F\n      pattern: jsonwebtoken.decode');
    assert.equal(satisfied(formulaRequirement(mp.formula!), fileOf('f(x)')), false);
  });

  it('identifiers starting with $ that are not metavariables are required words', () => {
    const rule = compileRule('pattern: $DB.$queryRawUnsafe($Q)');
    const req = formulaRequirement(rule.formula!);
    assert.equal(satisfied(req, fileOf('db.query(q)')), false);
    assert.equal(satisfied(req, fileOf('prisma.$queryRawUnsafe(q)')), true);
  });

  it('never hides a match that the rule finds (the words come from the file itself)', () => {
    const body = 'patterns:\n  - pattern: $A === $B\n  - metavariable-regex:\n      metavariable: $A\n      regex: (?i)^[\\w.]*\\.pass(word)?$';
    assert.deepEqual(snippets(body, 'if (user.PASSWORD === input) {}\nif (user.name === input) {}'), ['user.PASSWORD === input']);
  });
});
