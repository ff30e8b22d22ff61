/** Tests for LineIndex: offset <-> position conversion over \n, \r\n and \r line ends. */
import assert from 'node:assert/strict';
import { LineIndex } from '../../../src/engine/parse/line-index';

describe('LineIndex', () => {
  it('counts lines like LSP: empty text has one, a trailing newline starts another', () => {
    assert.equal(new LineIndex('').lineCount, 1);
    assert.equal(new LineIndex('a').lineCount, 1);
    assert.equal(new LineIndex('a\n').lineCount, 2);
    assert.equal(new LineIndex('a\r\nb\rc\nd').lineCount, 4);
    assert.equal(new LineIndex('\r\n\r\n').lineCount, 3);
  });

  it('treats \\r\\n as one line end, and lone \\r and \\n as one each', () => {
    const text = 'ab\r\ncd\ref\ngh';
    const idx = new LineIndex(text);
    assert.deepEqual([0, 1, 2, 3].map((l) => idx.lineStart(l)), [0, 4, 7, 10]);
    assert.deepEqual([0, 1, 2, 3].map((l) => idx.lineText(l)), ['ab', 'cd', 'ef', 'gh']);
    assert.deepEqual([0, 1, 2, 3].map((l) => idx.lineEnd(l)), [2, 6, 9, 12]);
  });

  it('maps every offset to a position and back', () => {
    const text = 'const a = 1;\r\n\r\n  b();\rc\n\n😀x\n';
    const idx = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const pos = idx.positionAt(offset);
      // Offsets between \r and \n are not positions of their own.
      if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
      assert.equal(idx.offsetAt(pos), offset, `offset ${offset} -> ${JSON.stringify(pos)}`);
    }
  });

  it('gives UTF-16 characters: an astral character counts two', () => {
    const idx = new LineIndex('x\n😀exec()');
    assert.deepEqual(idx.positionAt(idx.text.indexOf('exec')), { line: 1, character: 2 });
  });

  it('places the end of the text on the last line', () => {
    assert.deepEqual(new LineIndex('a\nbc').positionAt(4), { line: 1, character: 2 });
    assert.deepEqual(new LineIndex('a\n').positionAt(2), { line: 1, character: 0 });
    assert.deepEqual(new LineIndex('').positionAt(0), { line: 0, character: 0 });
  });

  it('clamps out-of-range arguments instead of throwing', () => {
    const idx = new LineIndex('ab\ncd');
    assert.deepEqual(idx.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(idx.positionAt(99), { line: 1, character: 2 });
    assert.equal(idx.offsetAt({ line: 0, character: 99 }), 2, 'character past the line end stops at the line end');
    assert.equal(idx.offsetAt({ line: 7, character: 0 }), 5);
    assert.equal(idx.offsetAt({ line: -1, character: 3 }), 0);
    assert.equal(idx.lineStart(9), 3);
  });

  it('finds lines by binary search on a large text', () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `line ${i}`);
    const text = lines.join('\n');
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 50_000);
    const offset = text.indexOf('line 31337');
    assert.deepEqual(idx.positionAt(offset + 3), { line: 31337, character: 3 });
    assert.equal(idx.lineText(31337), 'line 31337');
  });
});
