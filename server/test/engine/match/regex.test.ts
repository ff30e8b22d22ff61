/** Tests the translation of Semgrep (PCRE/Python) regexes to JavaScript, and the match helpers. */
import * as assert from 'node:assert/strict';
import { compileRegex, matchesAtStart, searchAll } from '../../../src/engine/match/regex';

function compile(source: string, multiline = false): RegExp {
  const r = compileRegex(source, { multiline });
  if (!r.ok) assert.fail(`expected ${JSON.stringify(source)} to compile, got: ${r.message}`);
  return r.regex;
}

function failure(source: string): string {
  const r = compileRegex(source);
  if (r.ok) assert.fail(`expected ${JSON.stringify(source)} to be rejected, got /${r.regex.source}/${r.regex.flags}`);
  return r.message;
}

describe('compileRegex', () => {
  it('compiles a plain regex with the u flag when it is valid with it', () => {
    const re = compile('^abc\\d+$');
    assert.equal(re.source, '^abc\\d+$');
    assert.equal(re.flags, 'u');
  });

  it('drops the u flag when the source is only valid without it', () => {
    const re = compile('\\"quoted\\"');
    assert.equal(re.flags, '');
    assert.ok(re.test('"quoted"'));
  });

  it('turns leading inline flags into JS flags', () => {
    assert.equal(compile('(?i)select').flags, 'iu');
    assert.equal(compile('(?is)a.b').flags, 'isu');
    assert.equal(compile('(?i)(?m)^x').flags, 'imu');
    assert.ok(compile('(?i)SELECT').test('select * from t'));
    assert.ok(compile('(?s)a.b').test('a\nb'));
  });

  it('strips whitespace and comments in verbose mode (?x), but not in classes or when escaped', () => {
    const re = compile('(?x) a b  # letters\n [ ] \\# c');
    assert.equal(re.source, 'ab[ ]#c');
    assert.ok(re.test('ab #c'));
  });

  it('translates Python named groups and back-references', () => {
    const re = compile('(?P<q>[\'"]).*?(?P=q)');
    assert.equal(re.source, '(?<q>[\'"]).*?\\k<q>');
    assert.deepEqual(searchAll(re, `x = 'a' + "b"`).map((m) => m.text), [`'a'`, '"b"']);
  });

  it('translates \\A, \\Z and \\z', () => {
    const re = compile('\\Afoo\\Z');
    assert.equal(re.source, '^foo$');
    assert.ok(re.test('foo'));
    assert.ok(!re.test('foo bar'));
    assert.equal(compile('x\\z').source, 'x$');
  });

  it('keeps \\A and \\Z anchored to the whole text in multiline mode', () => {
    const re = compile('\\Afoo', true);
    assert.ok(re.flags.includes('m'));
    assert.ok(re.test('foo\nbar'));
    assert.ok(!re.test('bar\nfoo'));
    assert.ok(compile('^bar', true).test('foo\nbar'));
  });

  it('reads "]" first in a class as a literal, like PCRE', () => {
    const re = compile('[]a]+');
    assert.ok(re.test(']'));
    assert.ok(compile('[^]a]').test('b'));
    assert.ok(!compile('[^]a]').test(']'));
  });

  it('translates POSIX classes', () => {
    const re = compile('^[[:alpha:]_][[:alnum:]_]*$');
    assert.ok(re.test('abc_1'));
    assert.ok(!re.test('1abc'));
  });

  it('handles \\Q…\\E literal quoting and (?#…) comments', () => {
    assert.ok(compile('\\Qa.b*c\\E').test('a.b*c'));
    assert.ok(!compile('\\Qa.b\\E').test('axb'));
    assert.equal(compile('a(?#comment)b').source, 'ab');
  });

  it('rejects possessive quantifiers and atomic groups with a clear message', () => {
    assert.equal(failure('a++b'), 'possessive quantifier "++" is not supported in JavaScript regexes; use a plain quantifier "+"');
    assert.match(failure('a*+'), /possessive quantifier "\*\+"/);
    assert.match(failure('a{2,3}+'), /possessive quantifier "\{2,3\}\+"/);
    assert.match(failure('(?>ab)'), /atomic groups/);
  });

  it('still accepts a lazy quantifier followed by nothing', () => {
    assert.ok(compile('a+?b').test('aab'));
    assert.ok(compile('a??b').test('b'));
  });

  it('hoists inline flags met later in the regex when nothing before them is affected', () => {
    const re = compile('.*\\b(?i)(select|delete)\\b');
    assert.equal(re.flags, 'iu');
    assert.ok(re.test('x = "SELECT * from t"'));
    assert.equal(compile('^(?s)a.b').flags, 'su');
    assert.match(failure('.(?s)x'), /only supported at the very start/);
    assert.match(failure('(a(?i)b)'), /inside a group are not supported/);
    assert.match(failure('\\A(?m)x'), /only supported at the very start/);
  });

  it('rejects recursion, conditionals and inline flags in the middle', () => {
    assert.match(failure('(a|(?R))'), /recursive patterns/);
    assert.match(failure('(a)?(?(1)b|c)'), /conditional groups/);
    assert.match(failure('abc(?i)def'), /only supported at the very start/);
    assert.match(failure('(?i:abc)'), /scoped inline flags/);
    assert.match(failure('(?L)abc'), /inline flag "L"/);
  });

  it('rephrases JavaScript syntax errors', () => {
    assert.equal(failure('a(b'), 'a "(" is never closed (missing ")")');
    assert.equal(failure('a)b'), 'a ")" has no matching "("');
    assert.equal(failure('*a'), 'a quantifier (*, +, ? or {n}) has nothing before it to repeat');
    assert.equal(failure('[abc'), 'a "[" is never closed (missing "]")');
    assert.equal(failure('a{3,1}'), 'the numbers in a {n,m} quantifier are out of order');
    assert.equal(failure('[z-a]'), 'a character range in [...] is out of order (e.g. z-a)');
    assert.equal(failure('abc\\'), 'the regex ends with a lone backslash');
  });

  it('never throws, whatever the input', () => {
    for (const s of ['(', ')', '[', '\\', '(?', '(?P', '(?P<', '(?P=x)', '{', '}', '(?#', '\\Q', '(?x)#', '[[:', '(?<', '+']) {
      const r = compileRegex(s);
      assert.equal(typeof r.ok, 'boolean');
    }
  });
});

describe('matchesAtStart', () => {
  it('anchors at the start only, like Python re.match', () => {
    const re = compile('user');
    assert.ok(matchesAtStart(re, 'userId') !== null);
    assert.equal(matchesAtStart(re, 'theUser'), null);
    assert.equal(matchesAtStart(compile('(?i)user'), 'USERNAME')?.[0], 'USER');
  });

  it('does not disturb the original regex, and works repeatedly', () => {
    const re = compile('a');
    assert.ok(matchesAtStart(re, 'ab') !== null);
    assert.ok(matchesAtStart(re, 'ab') !== null);
    assert.equal(re.lastIndex, 0);
    assert.ok(!re.sticky && !re.global);
  });
});

describe('searchAll', () => {
  it('returns every match with offsets, numbered and named groups', () => {
    const re = compile('(?P<key>[a-z]+)=(\\d+)');
    const matches = searchAll(re, 'a=1, bb=22');
    assert.deepEqual(matches, [
      { start: 0, end: 3, text: 'a=1', captures: ['a', '1'], groups: { key: 'a' } },
      { start: 5, end: 10, text: 'bb=22', captures: ['bb', '22'], groups: { key: 'bb' } },
    ]);
  });

  it('steps over empty matches without looping forever', () => {
    const matches = searchAll(compile('x*'), 'axb');
    assert.deepEqual(matches.map((m) => [m.start, m.end]), [[0, 0], [1, 2], [2, 2], [3, 3]]);
  });

  it('steps over astral characters whole in unicode mode', () => {
    const matches = searchAll(compile('(?:)'), '😀a');
    assert.deepEqual(matches.map((m) => m.start), [0, 2, 3]);
  });

  it('finds matches per line in multiline mode', () => {
    const re = compile('^foo', true);
    assert.deepEqual(searchAll(re, 'foo\nbar\nfoo').map((m) => m.start), [0, 8]);
  });
});
