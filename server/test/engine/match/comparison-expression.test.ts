/** Tests parsing and evaluating metavariable-comparison expressions. */
import * as assert from 'node:assert/strict';
import { evaluateComparison, parseComparison, type ComparisonValue } from '../../../src/engine/match/comparison-expression';
import type { ComparisonExpr } from '../../../src/engine/types';

function parse(text: string): ComparisonExpr {
  const r = parseComparison(text);
  if (!r.ok) assert.fail(`expected ${JSON.stringify(text)} to parse, got: ${r.message}`);
  return r.expr;
}

function run(text: string, bindings: Record<string, ComparisonValue> = {}): boolean | { error: string } {
  return evaluateComparison(parse(text), (name) => bindings[name]);
}

function parseError(text: string): string {
  const r = parseComparison(text);
  if (r.ok) assert.fail(`expected ${JSON.stringify(text)} to be rejected`);
  return r.message;
}

describe('parseComparison', () => {
  it('builds the tree with Python precedence', () => {
    assert.deepEqual(parse('$X + 2 * 3 > 10'), {
      kind: 'binary',
      op: '>',
      left: {
        kind: 'binary',
        op: '+',
        left: { kind: 'metavariable', name: '$X' },
        right: { kind: 'binary', op: '*', left: { kind: 'number', value: 2 }, right: { kind: 'number', value: 3 } },
      },
      right: { kind: 'number', value: 10 },
    });
  });

  it('turns chained comparisons into a conjunction', () => {
    assert.deepEqual(parse('1 < $X <= 10'), {
      kind: 'binary',
      op: 'and',
      left: { kind: 'binary', op: '<', left: { kind: 'number', value: 1 }, right: { kind: 'metavariable', name: '$X' } },
      right: { kind: 'binary', op: '<=', left: { kind: 'metavariable', name: '$X' }, right: { kind: 'number', value: 10 } },
    });
  });

  it('reads number literals in every base, strings, booleans, lists and calls', () => {
    assert.deepEqual(parse('0x1F'), { kind: 'number', value: 31 });
    assert.deepEqual(parse('0o17'), { kind: 'number', value: 15 });
    assert.deepEqual(parse('0b101'), { kind: 'number', value: 5 });
    assert.deepEqual(parse('1_000'), { kind: 'number', value: 1000 });
    assert.deepEqual(parse('1.5e3'), { kind: 'number', value: 1500 });
    assert.deepEqual(parse(`'a\\'b'`), { kind: 'string', value: "a'b" });
    assert.deepEqual(parse(`r"\\d+"`), { kind: 'string', value: '\\d+' });
    assert.deepEqual(parse('True'), { kind: 'bool', value: true });
    assert.deepEqual(parse('[1, "a"]'), { kind: 'list', items: [{ kind: 'number', value: 1 }, { kind: 'string', value: 'a' }] });
    assert.deepEqual(parse('re.match("a", str($X))'), {
      kind: 'call',
      callee: 're.match',
      args: [{ kind: 'string', value: 'a' }, { kind: 'call', callee: 'str', args: [{ kind: 'metavariable', name: '$X' }] }],
    });
  });

  it('parses not in, not, and, or', () => {
    assert.equal(parse('$X not in [1, 2]').kind, 'binary');
    assert.deepEqual(parse('not $X'), { kind: 'unary', op: 'not', operand: { kind: 'metavariable', name: '$X' } });
  });

  it('says what is wrong with a bad expression', () => {
    assert.equal(parseError('$X >'), 'the expression ends too early');
    assert.equal(parseError('$X > 1)'), 'unexpected ")" at column 7');
    assert.equal(parseError('($X > 1'), 'expected ")" but found end of expression at column 8');
    assert.match(parseError('foo($X)'), /^unknown function "foo" at column 1 \(supported: int, float, str, len/);
    assert.equal(parseError('x > 1'), 'unknown name "x" at column 1 (metavariables start with "$", strings need quotes)');
    assert.equal(parseError('"abc'), 'string starting at column 1 is never closed (missing ")');
    assert.equal(parseError('$x > 1'), 'invalid metavariable at column 1 (expected $ followed by uppercase letters, digits or _)');
    assert.equal(parseError('len(1, 2)'), 'len() takes 1 argument (got 2)');
    assert.equal(parseError('strptime($X) > 3'), `"strptime()" is not supported by Vigil's engine`);
    assert.equal(parseError('$X @ 2'), 'unexpected character "@" at column 4');
    assert.equal(parseError('12abc'), 'invalid number "12abc" at column 1');
  });
});

describe('evaluateComparison', () => {
  it('compares numbers, with chained comparisons', () => {
    assert.equal(run('$X > 1024', { $X: 2048 }), true);
    assert.equal(run('$X > 1024', { $X: 512 }), false);
    assert.equal(run('1 < $X < 10', { $X: 5 }), true);
    assert.equal(run('1 < $X < 10', { $X: 10 }), false);
    assert.equal(run('$X == 0x10', { $X: 16 }), true);
  });

  it('does Python arithmetic', () => {
    assert.equal(run('7 // 2 == 3'), true);
    assert.equal(run('-7 // 2 == -4'), true);
    assert.equal(run('-7 % 3 == 2'), true);
    assert.equal(run('7 / 2 == 3.5'), true);
    assert.equal(run('2 ** 10 == 1024'), true);
    assert.equal(run('-2 ** 2 == -4'), true);
    assert.equal(run('2 ** 3 ** 2 == 512'), true);
    assert.equal(run('"ab" + "c" == "abc"'), true);
    assert.equal(run('"ab" * 2 == "abab"'), true);
    assert.equal(run('True + 1 == 2'), true);
  });

  it('handles strings, in and not in', () => {
    assert.equal(run('$X == "md5"', { $X: 'md5' }), true);
    assert.equal(run('$X in ["md5", "sha1"]', { $X: 'sha1' }), true);
    assert.equal(run('$X not in ["md5", "sha1"]', { $X: 'sha256' }), true);
    assert.equal(run('"pass" in $X', { $X: 'password' }), true);
    assert.equal(run('"a" < "b"'), true);
    assert.equal(run('[1, 2] == [1, 2]'), true);
    assert.equal(run('[1, 2] < [1, 3]'), true);
  });

  it('evaluates and, or, not with short-circuit', () => {
    assert.equal(run('$X > 1 and $X < 5', { $X: 3 }), true);
    assert.equal(run('$X < 1 or $X > 5', { $X: 3 }), false);
    assert.equal(run('not $X', { $X: 0 }), true);
    // The unbound $Y is never looked at.
    assert.equal(run('$X > 1 or $Y > 1', { $X: 3 }), true);
    assert.equal(run('$X < 1 and $Y > 1', { $X: 3 }), false);
  });

  it('calls int, float, str, len, bool, abs', () => {
    assert.equal(run('int($X) > 3', { $X: '42' }), true);
    assert.equal(run('int($X) == -5', { $X: ' -5 ' }), true);
    assert.equal(run('int($X, 16) == 255', { $X: 'ff' }), true);
    assert.equal(run('int($X, 0) == 255', { $X: '0xff' }), true);
    assert.equal(run('int(3.9) == 3'), true);
    assert.equal(run('float($X) == 1.5', { $X: '1.5' }), true);
    assert.equal(run('str($X) == "12"', { $X: 12 }), true);
    assert.equal(run('str($X) == "True"', { $X: true }), true);
    assert.equal(run('len($X) == 5', { $X: 'hello' }), true);
    assert.equal(run('len([1, 2]) == 2'), true);
    assert.equal(run('bool("")'), false);
    assert.equal(run('abs(-3) == 3'), true);
  });

  it('calls re.match anchored at the start, with Python regex syntax', () => {
    assert.equal(run('re.match("[0-9]+", $X)', { $X: '123abc' }), true);
    assert.equal(run('re.match("[0-9]+", $X)', { $X: 'abc123' }), false);
    assert.equal(run('re.match("(?i)secret", str($X))', { $X: 'SECRET_KEY' }), true);
  });

  it('computes today() as whole days since the epoch', () => {
    const days = Math.floor(Date.now() / 86_400_000);
    assert.equal(run(`today() >= ${days}`), true);
    assert.equal(run(`today() <= ${days + 1}`), true);
  });

  it('is false, not a throw, when the matched code makes it meaningless', () => {
    assert.equal(run('$X > 1'), false); // unbound
    assert.equal(run('int($X) > 1', { $X: 'abc' }), false);
    assert.equal(run('int($X) > 1', { $X: '1.5' }), false);
    assert.equal(run('$X > 1', { $X: 'abc' }), false); // str vs int
    assert.equal(run('$X / 0 > 1', { $X: 3 }), false);
    assert.equal(run('$X % 0 > 1', { $X: 3 }), false);
    assert.equal(run('len($X) > 1', { $X: 3 }), false);
    assert.equal(run('1 in $X', { $X: 'abc' }), false);
  });

  it('treats different types as unequal, and bool as int, like Python', () => {
    assert.equal(run('$X == "1"', { $X: 1 }), false);
    assert.equal(run('$X != "1"', { $X: 1 }), true);
    assert.equal(run('True == 1'), true);
  });

  it('reports an invalid regex in re.match as an error', () => {
    assert.deepEqual(run('re.match("a(", $X)', { $X: 'a' }), { error: 'invalid regex in re.match(): a "(" is never closed (missing ")")' });
  });

  it('reports a hand-built expression with an unknown function as an error', () => {
    assert.deepEqual(evaluateComparison({ kind: 'call', callee: 'nope', args: [] }, () => undefined), { error: 'unknown function "nope"' });
  });
});
