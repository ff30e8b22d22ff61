/** Tests describeTextDifference: the small diff shown when a rule's fixes do not produce its .fixed file. */
import * as assert from 'node:assert/strict';
import { describeTextDifference } from '../../src/rule-testing/describe-text-difference';

const labels = { expected: 'x.fixed.ts (expected)', actual: 'x.ts with fixes applied' };

describe('describeTextDifference', () => {
  it('returns undefined for equal texts', () => {
    assert.equal(describeTextDifference('a\nb\n', 'a\nb\n', labels), undefined);
  });

  it('shows only the first run of changed lines when the line count is kept', () => {
    const expected = ['1', '2', '3', 'four', '5', '6', '7', 'eight', '9'].join('\n');
    const actual = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n');
    assert.equal(
      describeTextDifference(expected, actual, labels),
      ['--- x.fixed.ts (expected)', '+++ x.ts with fixes applied', '@@ line 4 @@', '  2', '  3', '- four', '+ 4', '  5', '  6'].join('\n'),
    );
  });

  it('handles inserted lines and shows carriage returns', () => {
    assert.equal(
      describeTextDifference('a\nb\nc', 'a\nnew\r\nb\nc', labels),
      ['--- x.fixed.ts (expected)', '+++ x.ts with fixes applied', '@@ line 2 @@', '  a', '+ new\\r', '  b', '  c'].join('\n'),
    );
  });
});
