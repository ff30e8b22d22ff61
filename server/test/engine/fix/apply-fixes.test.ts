/** Tests for applyFixes: ordering, overlap handling and application of edits. */
import assert from 'node:assert/strict';
import { applyFixes } from '../../../src/engine/fix/apply-fixes';

describe('applyFixes', () => {
  const text = '0123456789';

  it('applies edits given in any order, by offset', () => {
    const r = applyFixes(text, [
      { start: 8, end: 9, text: 'E' },
      { start: 0, end: 2, text: 'AB' },
      { start: 4, end: 4, text: '+' },
    ]);
    assert.equal(r.text, 'AB23+4567E9');
    assert.deepEqual(r.applied.map((e) => e.start), [0, 4, 8]);
    assert.deepEqual(r.skipped, []);
  });

  it('skips an edit overlapping one already taken, keeping the earlier-starting one', () => {
    const r = applyFixes(text, [
      { start: 3, end: 6, text: 'x' },
      { start: 2, end: 4, text: 'y' },
    ]);
    assert.equal(r.text, '01y456789');
    assert.deepEqual(r.skipped, [{ start: 3, end: 6, text: 'x' }]);
  });

  it('keeps touching edits and an insertion at a boundary', () => {
    const r = applyFixes(text, [
      { start: 2, end: 4, text: 'a' },
      { start: 4, end: 6, text: 'b' },
      { start: 6, end: 6, text: '|' },
    ]);
    assert.equal(r.text, '01ab|6789');
    assert.equal(r.skipped.length, 0);
  });

  it('skips an insertion strictly inside a replaced range, and a second insertion at the same offset', () => {
    const r = applyFixes(text, [
      { start: 2, end: 6, text: 'R' },
      { start: 4, end: 4, text: 'inside' },
      { start: 8, end: 8, text: 'first' },
      { start: 8, end: 8, text: 'second' },
    ]);
    assert.equal(r.text, '01R67first89');
    assert.deepEqual(r.skipped.map((e) => e.text), ['inside', 'second']);
  });

  it('takes the first of two identical edits, in input order for equal ranges', () => {
    const r = applyFixes(text, [
      { start: 1, end: 3, text: 'one' },
      { start: 1, end: 3, text: 'two' },
    ]);
    assert.equal(r.text, '0one3456789');
    assert.deepEqual(r.skipped, [{ start: 1, end: 3, text: 'two' }]);
  });

  it('skips an edit outside the text or with start after end', () => {
    const r = applyFixes(text, [
      { start: 5, end: 20, text: 'x' },
      { start: 6, end: 4, text: 'y' },
      { start: -1, end: 0, text: 'z' },
    ]);
    assert.equal(r.text, text);
    assert.equal(r.skipped.length, 3);
  });

  it('deletes with an empty replacement and returns the text unchanged for no edits', () => {
    assert.equal(applyFixes(text, [{ start: 0, end: 10, text: '' }]).text, '');
    assert.deepEqual(applyFixes(text, []), { text, applied: [], skipped: [] });
  });
});
