import * as assert from 'node:assert/strict';
import {
  LineIndex,
  applyChanges,
  comparePos,
  insertedSpans,
  isBlank,
  isEmptyRange,
  lineStarts,
  mergeRanges,
  stripWhitespace,
} from '../src/detect/text-ranges';
import type { RecordedChange } from '../src/detect/types';
import { rng, seeded } from './detect-helpers';

/** A change from offsets only (ranges are not used by the offset helpers). */
function change(rangeOffset: number, rangeLength: number, text: string): RecordedChange {
  return { range: rng(0, 0, 0, 0), rangeOffset, rangeLength, text };
}

describe('detect/text-ranges', () => {
  describe('LineIndex', () => {
    it('counts \\r\\n, \\n and a lone \\r as one line break each', () => {
      assert.deepEqual(lineStarts('a\r\nb\nc\rd'), [0, 3, 5, 7]);
      assert.equal(new LineIndex('a\r\nb\nc\rd').lineCount, 4);
      assert.equal(new LineIndex('').lineCount, 1);
      assert.equal(new LineIndex('x\n').lineCount, 2);
    });

    it('round-trips every offset that is not inside a \\r\\n', () => {
      const text = 'ab\r\n\r\ncd\n\nef\rg😀h\r\n';
      const index = new LineIndex(text);
      for (let offset = 0; offset <= text.length; offset++) {
        if (text[offset - 1] === '\r' && text[offset] === '\n') {
          continue;
        }
        assert.equal(index.offsetAt(index.positionAt(offset)), offset, `offset ${offset}`);
      }
    });

    it('gives VS Code positions', () => {
      const index = new LineIndex('ab\r\ncd\nef');
      assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
      assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
      assert.deepEqual(index.positionAt(4), { line: 1, character: 0 });
      assert.deepEqual(index.positionAt(6), { line: 1, character: 2 });
      assert.deepEqual(index.positionAt(7), { line: 2, character: 0 });
      assert.deepEqual(index.positionAt(9), { line: 2, character: 2 });
      assert.equal(index.offsetAt({ line: 2, character: 1 }), 8);
    });

    it('maps an offset between \\r and \\n to the end of the line', () => {
      const index = new LineIndex('ab\r\ncd');
      assert.deepEqual(index.positionAt(3), { line: 0, character: 2 });
    });

    it('counts characters in UTF-16 code units', () => {
      const index = new LineIndex('😀x\n😀');
      assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
      assert.deepEqual(index.positionAt(3), { line: 0, character: 3 });
      assert.equal(index.offsetAt({ line: 1, character: 2 }), 6);
    });

    it('clamps offsets and positions like VS Code', () => {
      const index = new LineIndex('ab\ncd');
      assert.deepEqual(index.positionAt(-5), { line: 0, character: 0 });
      assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
      assert.equal(index.offsetAt({ line: -1, character: 4 }), 0);
      assert.equal(index.offsetAt({ line: 0, character: 99 }), 2);
      assert.equal(index.offsetAt({ line: 0, character: -3 }), 0);
      assert.equal(index.offsetAt({ line: 7, character: 0 }), 5);
    });

    it('knows where line content ends', () => {
      const index = new LineIndex('ab\r\nc\n\rd');
      assert.deepEqual([0, 1, 2, 3].map((line) => index.lineContentEnd(line)), [2, 5, 6, 8]);
    });

    it('builds ranges from offsets', () => {
      assert.deepEqual(new LineIndex('ab\ncd').rangeAt(1, 4), rng(0, 1, 1, 1));
    });
  });

  describe('positions and ranges', () => {
    it('orders positions', () => {
      assert.ok(comparePos({ line: 0, character: 9 }, { line: 1, character: 0 }) < 0);
      assert.ok(comparePos({ line: 2, character: 3 }, { line: 2, character: 1 }) > 0);
      assert.equal(comparePos({ line: 2, character: 3 }, { line: 2, character: 3 }), 0);
      assert.ok(isEmptyRange(rng(1, 2, 1, 2)));
      assert.ok(!isEmptyRange(rng(1, 2, 1, 3)));
    });

    it('merges overlapping and touching ranges, keeps separate ones, sorts', () => {
      const merged = mergeRanges([rng(5, 0, 6, 0), rng(0, 0, 1, 0), rng(1, 0, 2, 3), rng(2, 1, 2, 2), rng(3, 0, 4, 0)]);
      assert.deepEqual(merged, [rng(0, 0, 2, 3), rng(3, 0, 4, 0), rng(5, 0, 6, 0)]);
    });

    it('does not modify the ranges it merges', () => {
      const input = [rng(0, 0, 1, 0), rng(0, 5, 2, 0)];
      mergeRanges(input);
      assert.deepEqual(input, [rng(0, 0, 1, 0), rng(0, 5, 2, 0)]);
    });

    it('returns nothing for nothing', () => {
      assert.deepEqual(mergeRanges([]), []);
    });
  });

  describe('applyChanges and insertedSpans', () => {
    it('applies changes listed in descending order against the pre-event text', () => {
      assert.equal(applyChanges('abcdef', [change(4, 1, 'XY'), change(1, 2, '')]), 'adXYf');
    });

    it('gives the same result for changes listed in ascending order', () => {
      assert.equal(applyChanges('abcdef', [change(1, 2, ''), change(4, 1, 'XY')]), 'adXYf');
    });

    it('applies insertions at one offset in listed order, as the extension host does', () => {
      assert.equal(applyChanges('ab', [change(1, 0, 'x'), change(1, 0, 'y')]), 'ayxb');
    });

    it('rejects overlapping or out-of-range changes', () => {
      assert.throws(() => applyChanges('abcdef', [change(1, 3, 'x'), change(2, 1, 'y')]), RangeError);
      assert.throws(() => applyChanges('abc', [change(2, 5, 'x')]), RangeError);
      assert.throws(() => applyChanges('abc', [change(-1, 0, 'x')]), RangeError);
    });

    it('shifts later insertions by the length change of earlier ones', () => {
      const spans = insertedSpans([change(4, 1, 'XY'), change(1, 2, '')]);
      assert.deepEqual(
        spans.map((span) => [span.start, span.end, span.change.text]),
        [
          [1, 1, ''],
          [2, 4, 'XY'],
        ],
      );
    });

    it('places tied insertions where applyChanges put them', () => {
      const changes = [change(1, 0, 'x'), change(1, 0, 'y')];
      const after = applyChanges('ab', changes);
      for (const span of insertedSpans(changes)) {
        assert.equal(after.slice(span.start, span.end), span.change.text);
      }
    });

    it('agrees with a naive splice on random change sets', () => {
      const random = seeded(42);
      for (let round = 0; round < 300; round++) {
        const length = Math.floor(random() * 30);
        const text = Array.from({ length }, () => 'ab\r\n x'[Math.floor(random() * 6)] ?? 'a').join('');
        // Non-overlapping changes, built left to right.
        const changes: RecordedChange[] = [];
        let offset = 0;
        while (offset <= text.length && changes.length < 4) {
          offset += Math.floor(random() * 4);
          if (offset > text.length) {
            break;
          }
          const removed = Math.min(Math.floor(random() * 3), text.length - offset);
          changes.push(change(offset, removed, ['', 'q', 'qq\n', 'z\r\nz'][Math.floor(random() * 4)] ?? ''));
          offset += removed + 1;
        }
        let naive = text;
        for (const c of [...changes].reverse()) {
          naive = naive.slice(0, c.rangeOffset) + c.text + naive.slice(c.rangeOffset + c.rangeLength);
        }
        const shuffled = [...changes].sort(() => random() - 0.5);
        const after = applyChanges(text, shuffled);
        assert.equal(after, naive, `round ${round}`);
        for (const span of insertedSpans(shuffled)) {
          assert.equal(after.slice(span.start, span.end), span.change.text, `round ${round}`);
        }
      }
    });
  });

  describe('whitespace helpers', () => {
    it('strips all whitespace and detects blank text', () => {
      assert.equal(stripWhitespace(' a \t b\r\n c\u00a0'), 'abc');
      assert.ok(isBlank(' \r\n\t'));
      assert.ok(isBlank(''));
      assert.ok(!isBlank('  x '));
    });
  });
});
