/** Tests for buildFixEdits: `fix:` templates and Python-style `fix-regex:`. */
import assert from 'node:assert/strict';
import { buildFixEdits, substituteRegex } from '../../../src/engine/fix/build-fix';
import type { BoundValue } from '../../../src/engine/types';

function bind(text: string, snippet: string): BoundValue {
  const start = text.indexOf(snippet);
  return { text: snippet, start, end: start + snippet.length };
}

describe('buildFixEdits', () => {
  const text = 'const out = exec( userCmd ,  opts );\n';
  const start = text.indexOf('exec');
  const end = text.indexOf(';');
  const match = { start, end, metavariables: { $CMD: bind(text, 'userCmd'), $OPTS: bind(text, 'opts') } };

  it('replaces the matched range by the interpolated fix, keeping the bound text verbatim', () => {
    assert.deepEqual(buildFixEdits({ fix: 'execFile($CMD, [], $OPTS)' }, text, match), [{ start, end, text: 'execFile(userCmd, [], opts)' }]);
  });

  it('deletes the match for fix: ""', () => {
    assert.deepEqual(buildFixEdits({ fix: '' }, text, match), [{ start, end, text: '' }]);
  });

  it('gives no edit when the rule has no fix or the fix changes nothing', () => {
    assert.equal(buildFixEdits({}, text, match), undefined);
    assert.equal(buildFixEdits({ fix: text.slice(start, end) }, text, match), undefined);
  });

  it('gives no edit for a match outside the text', () => {
    assert.equal(buildFixEdits({ fix: 'x' }, text, { start: 5, end: 500, metavariables: {} }), undefined);
    assert.equal(buildFixEdits({ fix: 'x' }, text, { start: 9, end: 3, metavariables: {} }), undefined);
  });

  it('applies fix-regex to the matched text only, keeping its formatting', () => {
    const t = 'exec(a); exec( b );';
    const m = { start: 9, end: t.length, metavariables: {} };
    assert.deepEqual(buildFixEdits({ fixRegex: { regex: /exec\(/, replacement: 'execFile(' } }, t, m), [{ start: 9, end: t.length, text: 'execFile( b );' }]);
  });

  it('prefers fix over fix-regex', () => {
    const edits = buildFixEdits({ fix: 'A', fixRegex: { regex: /exec/, replacement: 'B' } }, text, match);
    assert.equal(edits?.[0]?.text, 'A');
  });

  it('gives no edit when fix-regex does not match', () => {
    assert.equal(buildFixEdits({ fixRegex: { regex: /nothing/, replacement: 'x' } }, text, match), undefined);
  });
});

describe('substituteRegex (Python re.sub semantics)', () => {
  it('replaces every match, or only the first `count`', () => {
    assert.equal(substituteRegex('a-a-a', /a/, 'b'), 'b-b-b');
    assert.equal(substituteRegex('a-a-a', /a/, 'b', 2), 'b-b-a');
    assert.equal(substituteRegex('a-a-a', /a/, 'b', 0), 'b-b-b', 'count 0 means all');
  });

  it('expands \\1, \\g<1>, \\g<name> and \\g<0>', () => {
    assert.equal(substituteRegex('md5(data)', /(md5)\((\w+)\)/, 'sha256(\\2) /* was \\1 */'), 'sha256(data) /* was md5 */');
    assert.equal(substituteRegex('x=1', /(?<k>\w)=(\d)/, '\\g<k> := \\g<2>0 (\\g<0>)'), 'x := 10 (x=1)');
  });

  it('reads two-digit group numbers only when that group exists', () => {
    const re = /(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)/;
    assert.equal(substituteRegex('abcdefghij', re, '\\10|\\11'), 'j|a1');
  });

  it('inserts nothing for a group that did not take part in the match', () => {
    assert.equal(substituteRegex('b', /(a)?b/, '[\\1]'), '[]');
  });

  it('treats $ literally and processes Python escapes', () => {
    assert.equal(substituteRegex('x', /x/, '$1 $& \\\\ \\n\\t'), '$1 $& \\ \n\t');
    assert.equal(substituteRegex('x', /x/, '\\q\\.'), '\\q\\.', 'unknown escapes are kept');
  });

  it('replaces empty matches like Python 3.7+, also right after a match', () => {
    assert.equal(substituteRegex('abxd', /x*/, '-'), '-a-b--d-');
  });

  it('ignores g/y flags on the compiled regex and keeps i', () => {
    assert.equal(substituteRegex('Exec exec', /exec/giy, 'run', 1), 'run exec');
  });
});
