/** Tests parseAnnotations: comment forms, stacked and multi-id annotations, todo kinds and what is not an annotation. */
import * as assert from 'node:assert/strict';
import { parseAnnotations } from '../../src/rule-testing/parse-annotations';

describe('parseAnnotations', () => {
  it('points each annotation at the next line, in every comment form', () => {
    const text = [
      '// ruleid: r', // 1
      'a();', // 2
      '/* ok: r */', // 3
      'b();', // 4
      '# ruleid: r', // 5
      'c();', // 6
      '    {/* ruleid: r */}', // 7
      '    <X />', // 8
      '//ruleid:r', // 9
      'd();', // 10
    ].join('\n');
    const r = parseAnnotations(text).get('r');
    assert.deepEqual(r, { expected: [2, 6, 8, 10], ruleid: [2, 6, 8, 10], ok: [4], todoruleid: [], todook: [] });
  });

  it('reads several ids, stacked annotations and CRLF line ends', () => {
    const text = '// ruleid: a, b\r\n// ok: c\r\nx();\r\n';
    const result = parseAnnotations(text);
    assert.deepEqual(result.get('a')?.ruleid, [3]);
    assert.deepEqual(result.get('b')?.ruleid, [3]);
    assert.deepEqual(result.get('c')?.ok, [3]);
  });

  it('expects todook lines now and todoruleid lines not yet', () => {
    const text = '// todoruleid: r\nmissed();\n// todook: r\nfalsePositive();\n';
    assert.deepEqual(parseAnnotations(text).get('r'), {
      expected: [4],
      ruleid: [],
      ok: [],
      todoruleid: [2],
      todook: [4],
    });
  });

  it('accepts the pro/deep prefixes and reads the first kind of a chain', () => {
    const text = '// proruleid: r\na();\n// deepok: r\nb();\n// ruleid: prook: r\nc();\n';
    const r = parseAnnotations(text).get('r');
    assert.deepEqual(r?.ruleid, [2, 6]);
    assert.deepEqual(r?.ok, [4]);
  });

  it('ignores code and ordinary comments that merely contain the words', () => {
    const text = [
      'res.json({ ok: true });',
      'const x = 1; // ruleid: r',
      '// this is ok: nothing to see',
      '/* ruleid: */',
    ].join('\n');
    assert.equal(parseAnnotations(text).size, 0);
  });

  it('keeps only the requested ids, each present even when unused', () => {
    const text = '// ruleid: a, other\nx();\n';
    const result = parseAnnotations(text, ['a', 'unused']);
    assert.deepEqual([...result.keys()].sort(), ['a', 'unused']);
    assert.deepEqual(result.get('a')?.expected, [2]);
    assert.deepEqual(result.get('unused')?.expected, []);
  });

  it('points an annotation on the last line past the end, so a test reports it as missed', () => {
    assert.deepEqual(parseAnnotations('x();\n// ruleid: r').get('r')?.ruleid, [3]);
  });
});
