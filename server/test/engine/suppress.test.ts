/** Tests for suppression comments: nosemgrep and vigil-ignore, same line and next line. */
import assert from 'node:assert/strict';
import { findSuppressions, isSuppressed } from '../../src/engine/suppress';

function lines(...ls: string[]): string {
  return ls.join('\n');
}

describe('suppressions', () => {
  it('suppresses every rule on the same line with a trailing // nosemgrep', () => {
    const s = findSuppressions(lines('a();', 'exec(x); // nosemgrep', 'exec(y);'));
    assert.equal(isSuppressed(s, 1, 'any-rule'), true);
    assert.equal(isSuppressed(s, 2, 'any-rule'), false, 'a trailing comment does not reach the next line');
    assert.equal(isSuppressed(s, 0, 'any-rule'), false);
  });

  it('suppresses the next line when the comment stands alone on its line', () => {
    const s = findSuppressions(lines('  // nosemgrep', '  exec(x);', '  exec(y);'));
    assert.equal(isSuppressed(s, 1, 'r'), true);
    assert.equal(isSuppressed(s, 2, 'r'), false, 'only the line right after');
  });

  it('limits a suppression to the listed ids, with or without a dotted prefix', () => {
    const s = findSuppressions(lines('// nosemgrep: rules.express.open-redirect, sql-injection', 'redirect(x);'));
    assert.equal(isSuppressed(s, 1, 'open-redirect'), true);
    assert.equal(isSuppressed(s, 1, 'sql-injection'), true);
    assert.equal(isSuppressed(s, 1, 'redirect'), false, 'a suffix must follow a dot');
    assert.equal(isSuppressed(s, 1, 'command-injection'), false);
    assert.equal(isSuppressed(s, 1, 'Open-Redirect'), false, 'ids are case-sensitive');
  });

  it('matches a bare listed id against a prefixed rule id', () => {
    const s = findSuppressions('x(); // nosemgrep: open-redirect');
    assert.equal(isSuppressed(s, 0, 'rules.express.open-redirect'), true);
  });

  it('understands vigil-ignore, block comments and JSX comments', () => {
    const s = findSuppressions(
      lines(
        'a(); // vigil-ignore: xss',
        '/* vigil-ignore */',
        'b();',
        '<div>',
        '  {/* nosemgrep: react-dangerously-set-html */}',
        '  <p dangerouslySetInnerHTML={h} />',
        'c(); /* nosemgrep: one two */ d();',
      ),
    );
    assert.equal(isSuppressed(s, 0, 'xss'), true);
    assert.equal(isSuppressed(s, 0, 'other'), false);
    assert.equal(isSuppressed(s, 2, 'anything'), true);
    assert.equal(isSuppressed(s, 5, 'react-dangerously-set-html'), true);
    assert.equal(isSuppressed(s, 6, 'two'), true);
    assert.equal(isSuppressed(s, 6, 'd'), false, 'ids stop at the end of the block comment');
    assert.deepEqual(
      s.list.map((x) => [x.line, x.keyword, x.standalone, x.ruleIds]),
      [
        [0, 'vigil-ignore', false, ['xss']],
        [1, 'vigil-ignore', true, null],
        [4, 'nosemgrep', true, ['react-dangerously-set-html']],
        [6, 'nosemgrep', false, ['one', 'two']],
      ],
    );
  });

  it('ignores the keyword inside a string literal or not right after a comment opener', () => {
    const s = findSuppressions(lines('const a = "// nosemgrep";', "const b = '/* vigil-ignore */';", 'const c = nosemgrep; // see nosemgrep docs', '// nosemgrepper'));
    assert.deepEqual(s.list, []);
  });

  it('treats `nosemgrep:` without ids as suppressing every rule, and accepts Semgrep spellings', () => {
    const s = findSuppressions(lines('a(); // nosemgrep:', 'b(); // NOSEMGREP', 'c(); // nosem: r1'));
    assert.equal(isSuppressed(s, 0, 'x'), true);
    assert.equal(isSuppressed(s, 1, 'x'), true);
    assert.equal(isSuppressed(s, 2, 'r1'), true);
    assert.equal(isSuppressed(s, 2, 'x'), false);
  });

  it('counts lines across \\r\\n and \\r', () => {
    const s = findSuppressions('a();\r\nb();\rc(); // nosemgrep\r\nd();');
    assert.equal(isSuppressed(s, 2, 'r'), true);
    assert.equal(isSuppressed(s, 3, 'r'), false);
  });

  it('works in code that does not parse', () => {
    const s = findSuppressions(lines('function (( {', '  // vigil-ignore: cmd', '  exec(x'));
    assert.equal(isSuppressed(s, 2, 'cmd'), true);
  });
});
