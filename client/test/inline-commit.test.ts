import * as assert from 'node:assert/strict';
import { diffSpan, insertedRanges } from '../src/detect/inline-commit';
import { rng, seeded } from './detect-helpers';

describe('detect/inline-commit', () => {
  it('finds an insertion in the middle of a line', () => {
    assert.deepEqual(insertedRanges('const x = ;\n', 'const x = compute(1);\n'), [rng(0, 10, 0, 20)]);
  });

  it('finds a multi-line insertion', () => {
    const before = 'function f() {\n  \n}\n';
    const after = 'function f() {\n  const a = 1;\n  return a;\n}\n';
    assert.deepEqual(insertedRanges(before, after), [rng(1, 2, 2, 11)]);
  });

  it('finds insertions at the start and at the end', () => {
    assert.deepEqual(insertedRanges('b', 'ab'), [rng(0, 0, 0, 1)]);
    assert.deepEqual(insertedRanges('a', 'a\nb'), [rng(0, 1, 1, 1)]);
    assert.deepEqual(insertedRanges('', 'x'), [rng(0, 0, 0, 1)]);
  });

  it('never lets the prefix and the suffix overlap', () => {
    assert.deepEqual(diffSpan('aaaa', 'aaaaaa'), { start: 4, beforeEnd: 4, afterEnd: 6 });
    assert.deepEqual(insertedRanges('aaaa', 'aaaaaa'), [rng(0, 4, 0, 6)]);
    assert.deepEqual(diffSpan('abab', 'ababab'), { start: 4, beforeEnd: 4, afterEnd: 6 });
  });

  it('reports a replacement (a suggestion that rewrites the typed prefix) by its new text', () => {
    assert.deepEqual(diffSpan('x = fo;', 'x = foo(bar);'), { start: 6, beforeEnd: 6, afterEnd: 12 });
    assert.deepEqual(insertedRanges('let a = 1;', 'let b = 22;'), [rng(0, 4, 0, 10)]);
  });

  it('returns nothing for equal texts and for pure deletions', () => {
    assert.deepEqual(insertedRanges('same', 'same'), []);
    assert.equal(diffSpan('same', 'same'), undefined);
    assert.deepEqual(insertedRanges('abcdef', 'abef'), []);
  });

  it('does not split a surrogate pair', () => {
    // 😀 and 😃 share their high surrogate.
    assert.deepEqual(insertedRanges('x😀y', 'x😃y'), [rng(0, 1, 0, 3)]);
    assert.deepEqual(diffSpan('😀', '😀😀'), { start: 2, beforeEnd: 2, afterEnd: 4 });
  });

  it('does not split a \\r\\n', () => {
    assert.deepEqual(diffSpan('x\ny', 'x\r\ny'), { start: 1, beforeEnd: 2, afterEnd: 3 });
    assert.deepEqual(insertedRanges('x\ny', 'x\r\ny'), [rng(0, 1, 1, 0)]);
  });

  it('counts positions in a CRLF document', () => {
    const before = 'a();\r\n\r\nb();\r\n';
    const after = 'a();\r\nconst z = 1;\r\nreturn z;\r\nb();\r\n';
    const [range] = insertedRanges(before, after);
    assert.ok(range);
    assert.deepEqual(range, rng(1, 0, 2, 9));
  });

  it('finds exactly the inserted span of random single insertions, up to shifting within a repeat', () => {
    const random = seeded(7);
    for (let round = 0; round < 500; round++) {
      const before = Array.from({ length: Math.floor(random() * 12) }, () => 'ab\n'[Math.floor(random() * 3)] ?? 'a').join('');
      const at = Math.floor(random() * (before.length + 1));
      const inserted = Array.from({ length: 1 + Math.floor(random() * 4) }, () => 'ab\n'[Math.floor(random() * 3)] ?? 'a').join('');
      const after = before.slice(0, at) + inserted + before.slice(at);
      const span = diffSpan(before, after);
      assert.ok(span, `round ${round}`);
      assert.equal(span.beforeEnd, span.start, `round ${round}: a pure insertion replaces nothing`);
      assert.equal(span.afterEnd - span.start, inserted.length, `round ${round}`);
      assert.equal(after.slice(0, span.start) + after.slice(span.afterEnd), before, `round ${round}`);
    }
  });
});
