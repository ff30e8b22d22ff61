import * as assert from 'node:assert/strict';
import {
  classifyChange,
  contentLineSpan,
  effectiveLimits,
  isFormatting,
  isLargeInsertion,
  isPaste,
  isRename,
  normalizeForPaste,
  postEventRanges,
} from '../src/detect/change-classifier';
import { DEFAULT_THRESHOLDS } from '../src/detect/types';
import type { Classification, DetectionThresholds, EditContext } from '../src/detect/types';
import { codeLines, context, makeEvent, rng } from './detect-helpers';
import type { Edit } from './detect-helpers';

const BASE = 'function main() {\n}\n';
/** Offset of the start of line 1 (`}`) in {@link BASE}. */
const AT = BASE.indexOf('}');

/** Classifies `edits` of `before` in `ctx`. */
function classify(before: string, edits: readonly Edit[], ctx: EditContext = context(), thresholds?: DetectionThresholds, reason?: 'undo' | 'redo'): Classification {
  const { event, after } = makeEvent(before, edits, reason === undefined ? {} : { reason });
  return classifyChange(event, after, ctx, thresholds);
}

/** The reason, or 'assistant'. */
function verdict(result: Classification): string {
  return result.assistant ? 'assistant' : result.reason;
}

describe('detect/change-classifier', () => {
  describe('classifyChange: what never counts', () => {
    const big = codeLines(10);

    it('counts a large insertion (the baseline the other cases differ from)', () => {
      assert.equal(verdict(classify(BASE, [[AT, 0, big]])), 'assistant');
    });

    it('ignores undo and redo, whatever their size', () => {
      assert.equal(verdict(classify(BASE, [[AT, 0, big]], context(), undefined, 'undo')), 'undo');
      assert.equal(verdict(classify(BASE, [[AT, 0, big]], context(), undefined, 'redo')), 'redo');
      assert.equal(verdict(classify(BASE, [[AT, 0, big]], context({ chatSessionActive: true, isActiveEditorDocument: false }), undefined, 'undo')), 'undo');
    });

    it('ignores events during the wrapped inline-suggestion commit', () => {
      assert.equal(verdict(classify(BASE, [[AT, 0, big]], context({ inlineCommitInProgress: true }))), 'inline-commit');
    });

    it('ignores events without content changes (dirty-state changes)', () => {
      const result = classifyChange({ uri: 'file:///w/a.ts', version: 3, changes: [] }, BASE, context());
      assert.equal(verdict(result), 'no-change');
    });

    it('ignores deletions', () => {
      assert.equal(verdict(classify(BASE + big, [[AT, big.length, '']])), 'delete');
      assert.equal(verdict(classify(BASE + big, [[AT, 3, ''], [AT + 10, 4, '']], context({ chatSessionActive: true }))), 'delete');
    });
  });

  describe('classifyChange: typing and editor automation', () => {
    const cases: [string, Edit[]][] = [
      ['a key', [[AT, 0, 'x']]],
      ['auto-closed parentheses', [[AT, 0, '()']]],
      ['auto-closed quotes', [[AT, 0, '""']]],
      ['Enter with indentation', [[AT, 0, '\n    ']]],
      ['Enter between braces', [[AT, 0, '\n    \n']]],
      ['an overtyped closing bracket', [[AT, 1, '}']]],
      ['auto-outdent when typing }', [[AT, 0, '    }']]],
      ['a completion replacing its prefix', [[AT, 1, 'console.log']]],
      ['a snippet of two lines', [[AT, 0, 'if (x) {\n}']]],
    ];
    for (const [name, edits] of cases) {
      it(`treats ${name} as small`, () => {
        assert.equal(verdict(classify(BASE, edits)), 'small');
      });
    }

    it('treats multi-cursor typing as small even when the sum is large', () => {
      const text = codeLines(40);
      const edits: Edit[] = Array.from({ length: 40 }, (_, i): Edit => [text.indexOf(`value${i} `), 0, 'renamedValueWithALongName_']);
      assert.equal(verdict(classify(text, edits)), 'small');
    });

    it('does not count blank lines as lines', () => {
      assert.equal(verdict(classify(BASE, [[AT, 0, '\n\n\n\n\n\n']])), 'small');
      assert.equal(verdict(classify(BASE, [[AT, 0, '    \n        \n    \n']])), 'small');
    });
  });

  describe('classifyChange: size thresholds', () => {
    it('counts three lines of content, not two', () => {
      assert.equal(verdict(classify(BASE, [[AT, 0, 'a();\nb();\nc();\n']])), 'assistant');
      assert.equal(verdict(classify(BASE, [[AT, 0, 'a();\nb();\n']])), 'small');
    });

    it('counts lines from the first to the last non-blank one, blank lines between included', () => {
      assert.equal(verdict(classify(BASE, [[AT, 0, '\n\na();\n\nb();\n\n']])), 'assistant');
      assert.equal(verdict(classify(BASE, [[AT, 0, '\n\na();\nb();\n\n\n']])), 'small');
    });

    it('counts 120 non-whitespace characters on one line, not 119', () => {
      assert.equal(verdict(classify(BASE, [[AT, 0, `x = '${'y'.repeat(115)}';`]])), 'assistant');
      assert.equal(verdict(classify(BASE, [[AT, 0, `x = '${'y'.repeat(114)}';`]])), 'small');
      assert.equal(verdict(classify(BASE, [[AT, 0, ` ${'y '.repeat(119)}`]])), 'small');
    });

    it('uses the thresholds it is given', () => {
      const strict: DetectionThresholds = { minLines: 2, minChars: 10 };
      assert.equal(verdict(classify(BASE, [[AT, 0, 'a();\nb();\n']], context(), strict)), 'assistant');
      assert.equal(verdict(classify(BASE, [[AT, 0, 'abcdefghij']], context(), strict)), 'assistant');
      assert.equal(verdict(classify(BASE, [[AT, 0, 'a();\nb();\nc();\n']], context(), { minLines: 5, minChars: 1000 })), 'small');
    });

    it('counts a replacement by its inserted text', () => {
      const text = BASE.replace('}', `  return 1;\n}`);
      const body = text.indexOf('  return');
      assert.equal(verdict(classify(text, [[body, '  return 1;'.length, codeLines(4, '  const v')]])), 'assistant');
      assert.equal(verdict(classify(BASE + codeLines(10), [[AT, codeLines(10).length, 'x();']])), 'small');
    });
  });

  describe('classifyChange: chat sessions and background documents', () => {
    const chat = context({ chatSessionActive: true });
    const background = context({ isActiveEditorDocument: false });

    it('counts one whole line in a chat session or a background document', () => {
      assert.equal(verdict(classify(BASE, [[AT, 0, 'x();\n']], chat)), 'assistant');
      assert.equal(verdict(classify(BASE, [[AT, 0, 'x();\n']], background)), 'assistant');
      assert.equal(verdict(classify(BASE, [[AT, 0, 'x();\n']])), 'small');
    });

    it('counts 20 non-whitespace characters without a line break, not 19', () => {
      assert.equal(verdict(classify(BASE, [[AT, 0, 'a'.repeat(20)]], chat)), 'assistant');
      assert.equal(verdict(classify(BASE, [[AT, 0, 'a'.repeat(19)]], chat)), 'small');
    });

    it('still ignores typing, Enter and undo there', () => {
      assert.equal(verdict(classify(BASE, [[AT, 0, 'x']], background)), 'small');
      assert.equal(verdict(classify(BASE, [[AT, 0, '\n    ']], chat)), 'small');
      assert.equal(verdict(classify(BASE, [[AT, 0, 'x();\n']], background, undefined, 'undo')), 'undo');
    });

    it('takes custom chat thresholds', () => {
      assert.equal(verdict(classify(BASE, [[AT, 0, 'x();\ny();\n']], chat, { ...DEFAULT_THRESHOLDS, chatMinLines: 3 })), 'small');
      assert.equal(verdict(classify(BASE, [[AT, 0, 'a'.repeat(10)]], chat, { minLines: 3, minChars: 120, chatMinChars: 10 })), 'assistant');
    });

    it('counts a multi-change event in a chat session when one change is a line', () => {
      const result = classify(BASE, [
        [0, 0, 'import x from "x";\n'],
        [AT, 0, 'x'],
      ], chat);
      assert.equal(verdict(result), 'assistant');
    });

    it('picks the limits by context', () => {
      assert.deepEqual(effectiveLimits(context(), DEFAULT_THRESHOLDS), { minLines: 3, minChars: 120 });
      assert.deepEqual(effectiveLimits(background, { minLines: 4, minChars: 200 }), { minLines: 1, minChars: 20 });
    });
  });

  describe('classifyChange: paste', () => {
    const clip = "const rows = db.query('select');\r\nfor (const row of rows) {\r\n  use(row);\r\n}\r\n";
    const pasted = "const rows = db.query('select');\nfor (const row of rows) {\n  use(row);\n}\n";

    it('ignores an insertion equal to the clipboard up to line breaks', () => {
      assert.equal(verdict(classify(BASE, [[AT, 0, pasted]], context({ clipboard: clip }))), 'paste');
    });

    it('ignores a re-indented paste', () => {
      const indented = pasted.split('\n').map((line) => (line ? `    ${line}` : line)).join('\n');
      assert.equal(verdict(classify(BASE, [[AT, 0, indented]], context({ clipboard: clip }))), 'paste');
    });

    it('counts the same insertion when the clipboard differs or is unknown', () => {
      assert.equal(verdict(classify(BASE, [[AT, 0, pasted]], context({ clipboard: 'something else' }))), 'assistant');
      assert.equal(verdict(classify(BASE, [[AT, 0, pasted]], context())), 'assistant');
      assert.equal(verdict(classify(BASE, [[AT, 0, pasted + 'extra();\n']], context({ clipboard: clip }))), 'assistant');
    });

    it('recognises a paste at several cursors, whole or spread', () => {
      const text = 'a\nb\nc\n';
      const block = 'x();\ny();\nz();';
      assert.equal(verdict(classify(text, [[0, 0, block], [2, 0, block]], context({ clipboard: block }))), 'paste');
      const parts = ['first', 'second', 'third'].map((name) => `const ${name} = '${'x'.repeat(130)}';`);
      const lines = parts.join('\r\n') + '\r\n';
      const spread: Edit[] = parts.map((part, i): Edit => [i * 2, 0, part]);
      assert.equal(verdict(classify(text, spread, context({ clipboard: lines }))), 'paste');
    });

    it('never treats a blank clipboard as a paste', () => {
      assert.ok(!isPaste([{ range: rng(0, 0, 0, 0), rangeOffset: 0, rangeLength: 0, text: '\n\n' }], ' \n '));
    });

    it('normalises line breaks, indentation and surrounding blank lines', () => {
      assert.equal(normalizeForPaste('\r\n  a\r\n\tb  \r\r\n'), 'a\nb');
    });
  });

  describe('classifyChange: format', () => {
    it('ignores several whitespace-only changes', () => {
      const text = 'function f( a,b ){\nreturn a+b;\n}\n';
      const edits: Edit[] = [
        [11, 1, ''],
        [14, 0, ' '],
        [15, 1, ''],
        [19, 0, '    '],
        [27, 0, ' '],
        [28, 0, ' '],
      ];
      assert.equal(verdict(classify(text, edits)), 'format');
      assert.equal(verdict(classify(text, edits, context({ textBefore: text }))), 'format');
    });

    it('ignores a single large re-indentation when the replaced text is known', () => {
      const before = BASE + codeLines(8);
      const start = BASE.length;
      const reindented = codeLines(8).split('\n').map((line) => (line ? `  ${line}` : line)).join('\n');
      const edits: Edit[] = [[start, codeLines(8).length, reindented]];
      assert.equal(verdict(classify(before, edits, context({ textBefore: before }))), 'format');
      assert.equal(verdict(classify(before, edits)), 'assistant');
    });

    it('counts a large change that also changes code', () => {
      const before = BASE + codeLines(8);
      const edits: Edit[] = [[BASE.length, codeLines(8).length, codeLines(8).replace('value3 = 3', 'value3 = eval(input)')]];
      assert.equal(verdict(classify(before, edits, context({ textBefore: before }))), 'assistant');
    });

    it('compares the non-whitespace text across changes in document order', () => {
      const before = 'a b c';
      const changes = makeEvent(before, [
        [1, 1, '\n'],
        [3, 1, '\n'],
      ]).event.changes;
      assert.ok(isFormatting(changes, before));
      assert.ok(!isFormatting(makeEvent(before, [[1, 1, '+']]).event.changes, before));
      assert.ok(!isFormatting(makeEvent(before, [[1, 1, '+']]).event.changes, undefined));
    });
  });

  describe('classifyChange: rename', () => {
    const text = 'let count = 0;\ncount += 1;\nreturn count;\n';
    const occurrences = [4, 15, 34];
    const renameTo = (name: string): Edit[] => occurrences.map((offset): Edit => [offset, 5, name]);

    it('ignores a rename, with or without the pre-event text', () => {
      assert.equal(verdict(classify(text, renameTo('total'))), 'rename');
      assert.equal(verdict(classify(text, renameTo('total'), context({ textBefore: text }))), 'rename');
    });

    it('ignores a rename to a long name in a background document', () => {
      const long = 'numberOfProcessedItemsSoFarInThisBatch';
      assert.equal(verdict(classify(text, renameTo(long), context({ isActiveEditorDocument: false }))), 'rename');
      assert.equal(verdict(classify(text, [[4, 5, long]], context({ isActiveEditorDocument: false }))), 'assistant');
    });

    it('accepts Unicode identifiers and private names', () => {
      const changes = makeEvent(text, renameTo('größe')).event.changes;
      assert.ok(isRename(changes, text));
      const hashed = makeEvent('#a #a', [
        [0, 2, '#b'],
        [3, 2, '#b'],
      ]).event.changes;
      assert.ok(isRename(hashed, '#a #a'));
    });

    it('rejects changes that insert more than an identifier, differ, or replace different text', () => {
      assert.ok(!isRename(makeEvent(text, renameTo('total()')).event.changes, undefined));
      assert.ok(!isRename(makeEvent(text, [[4, 5, 'a'], [15, 5, 'b']]).event.changes, undefined));
      assert.ok(!isRename(makeEvent(text, [[4, 5, 'a'], [16, 5, 'a']]).event.changes, text));
      assert.ok(!isRename(makeEvent(text, [[4, 5, 'a']]).event.changes, text));
      assert.ok(!isRename(makeEvent(text, [[4, 0, 'a'], [15, 0, 'a']]).event.changes, undefined));
      assert.ok(!isRename(makeEvent('x = y; x = y;', [[0, 5, 'zz'], [7, 5, 'zz']]).event.changes, 'x = y; x = y;'));
    });
  });

  describe('classifyChange: ranges', () => {
    it('reports the inserted text in the post-event document', () => {
      const result = classify(BASE, [[AT, 0, codeLines(3)]]);
      assert.ok(result.assistant);
      assert.equal(result.source, 'chat-apply');
      assert.deepEqual(result.ranges, [rng(1, 0, 4, 0)]);
    });

    it('shifts later changes by the length delta of earlier ones and merges touching ones', () => {
      const before = 'aaa\nbbb\nccc\n';
      const { event, after } = makeEvent(before, [
        [0, 3, codeLines(3)],
        [8, 3, 'X'],
        [4, 3, ''],
      ]);
      const result = classifyChange(event, after, context());
      assert.ok(result.assistant);
      assert.deepEqual(result.ranges, [rng(0, 0, 3, 0), rng(5, 0, 5, 1)]);
      assert.equal(after.split('\n')[5], 'X');
    });

    it('gives the same ranges whatever order the changes are listed in', () => {
      const before = 'one\ntwo\nthree\n';
      const { event, after } = makeEvent(before, [
        [0, 3, codeLines(3)],
        [8, 0, 'tail();\n'],
      ]);
      const reversed = { ...event, changes: [...event.changes].reverse() };
      assert.deepEqual(postEventRanges(event.changes, after), postEventRanges(reversed.changes, after));
      assert.deepEqual(postEventRanges(event.changes, after), [rng(0, 0, 3, 0), rng(5, 0, 6, 0)]);
    });

    it('counts \\r\\n as one line break and characters in UTF-16 units', () => {
      const before = 'const s = "😀";\r\nend();\r\n';
      const at = before.indexOf(';');
      const { event, after } = makeEvent(before, [[at, 0, '; a();\r\nb();\r\nc()']]);
      const result = classifyChange(event, after, context());
      assert.ok(result.assistant);
      assert.deepEqual(result.ranges, [rng(0, 14, 2, 3)]);
    });

    it('drops the empty ranges of deletions in a counted event', () => {
      const before = 'x\ny\nz\n';
      const { event, after } = makeEvent(before, [
        [0, 2, ''],
        [4, 0, codeLines(3)],
      ]);
      const result = classifyChange(event, after, context());
      assert.ok(result.assistant);
      assert.deepEqual(result.ranges, [rng(1, 0, 4, 0)]);
    });
  });

  describe('measures', () => {
    it('measures the line span of content', () => {
      assert.equal(contentLineSpan(''), 0);
      assert.equal(contentLineSpan('\n   \n'), 0);
      assert.equal(contentLineSpan('x'), 1);
      assert.equal(contentLineSpan('\n  x\n'), 1);
      assert.equal(contentLineSpan('a\r\n\r\nb\rc'), 4);
    });

    it('needs a line break for a line threshold', () => {
      assert.ok(!isLargeInsertion('x()', { minLines: 1, minChars: 20 }));
      assert.ok(isLargeInsertion('x()\n', { minLines: 1, minChars: 20 }));
      assert.ok(!isLargeInsertion('', { minLines: 0, minChars: 0 }));
    });
  });
});
