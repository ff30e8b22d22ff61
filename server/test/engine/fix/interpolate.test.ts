/** Tests for interpolate: metavariable substitution in messages and fix templates. */
import assert from 'node:assert/strict';
import { interpolate } from '../../../src/engine/fix/interpolate';
import type { BoundValue } from '../../../src/engine/types';

function bound(text: string): BoundValue {
  return { text, start: 0, end: text.length };
}

describe('interpolate', () => {
  it('replaces metavariables by their bound text', () => {
    assert.equal(interpolate('$F called with $ARG', { $F: bound('exec'), $ARG: bound('req.query.cmd') }), 'exec called with req.query.cmd');
  });

  it('does not let $X eat the start of $XY or $X_Y', () => {
    const mv = { $X: bound('a'), $XY: bound('b'), $X_Y: bound('c') };
    assert.equal(interpolate('$X $XY $X_Y $X', mv), 'a b c a');
  });

  it('leaves unbound names as written, including a longer name that starts with a bound one', () => {
    assert.equal(interpolate('$X and $Y and $XZ', { $X: bound('1') }), '1 and $Y and $XZ');
  });

  it('replaces $...ARGS, whether the binding is stored as $...ARGS or $ARGS', () => {
    assert.equal(interpolate('f($...ARGS)', { '$...ARGS': bound('a, b') }), 'f(a, b)');
    assert.equal(interpolate('f($...ARGS)', { $ARGS: bound('c') }), 'f(c)');
  });

  it('replaces regex groups $1, $2 and does not confuse $1 with $12', () => {
    assert.equal(interpolate('$1-$2-$12', { $1: bound('a'), $2: bound('b'), $12: bound('L') }), 'a-b-L');
  });

  it('accepts bindings keyed without the $', () => {
    assert.equal(interpolate('use $SAFE', { SAFE: bound('execFile') }), 'use execFile');
  });

  it('substitutes once: bound text that contains $X is not substituted again', () => {
    assert.equal(interpolate('$A $B', { $A: bound('$B'), $B: bound('x') }), '$B x');
  });

  it('keeps a lone $, lowercase names and text without metavariables untouched', () => {
    assert.equal(interpolate('costs $ 5, $lower, plain', { $X: bound('z') }), 'costs $ 5, $lower, plain');
    assert.equal(interpolate('', { $X: bound('z') }), '');
  });
});
