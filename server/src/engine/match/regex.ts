/** Translates Semgrep's PCRE/Python-style regexes into JavaScript RegExps, and matches them the way Semgrep does. */

/** The result of {@link compileRegex}: a ready RegExp, or a sentence saying what is wrong. */
export type CompileRegexResult = { ok: true; regex: RegExp } | { ok: false; message: string };

/** Options for {@link compileRegex}. */
export interface CompileRegexOptions {
  /**
   * Compile in multiline mode (`^`/`$` match at line breaks). Semgrep runs
   * `pattern-regex` and `pattern-not-regex` this way; `metavariable-regex` and
   * `fix-regex` it does not.
   */
  multiline?: boolean;
}

/** One match found by {@link searchAll}: UTF-16 offsets into the searched text, and its groups. */
export interface RegexMatch {
  start: number;
  end: number;
  text: string;
  /** Numbered groups: `captures[0]` is group 1; `undefined` when a group did not take part. */
  captures: (string | undefined)[];
  /** Named groups (`(?P<name>…)` / `(?<name>…)`). */
  groups: Record<string, string | undefined>;
}

class RegexTranslationError extends Error {}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\s',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
  ascii: '\\x00-\\x7f',
};

/**
 * Compiles a Semgrep regex (PCRE2 / Python `re` syntax) into a JavaScript RegExp.
 *
 * Handled: leading inline flags `(?i)`, `(?s)`, `(?m)`, `(?x)` (and combined,
 * e.g. `(?is)`), Python named groups `(?P<name>…)` and back-references
 * `(?P=name)`, `\A`, `\Z`, `\z`, `\Q…\E`, `(?#…)` comments, POSIX classes
 * such as `[[:alpha:]]`, and a `]` first in a class. Constructs JavaScript
 * cannot express (possessive quantifiers, atomic groups, recursion,
 * conditionals, inline flags later in the regex) give a clear error instead
 * of a regex that silently means something else. The `u` flag is added only
 * when the translated source is valid with it. Never throws.
 */
export function compileRegex(source: string, options: CompileRegexOptions = {}): CompileRegexResult {
  let translated: { body: string; flags: Set<string> };
  try {
    translated = translate(source, options.multiline === true);
  } catch (e) {
    if (e instanceof RegexTranslationError) return { ok: false, message: e.message };
    return { ok: false, message: String(e) };
  }
  const flags = [...translated.flags].sort().join('');
  try {
    return { ok: true, regex: new RegExp(translated.body, flags + 'u') };
  } catch {
    // Many PCRE regexes escape characters that need no escaping (`\"`, `\-`),
    // which unicode mode rejects: fall back to the legacy syntax.
  }
  try {
    return { ok: true, regex: new RegExp(translated.body, flags) };
  } catch (e) {
    return { ok: false, message: explainRegexError(e instanceof Error ? e.message : String(e)) };
  }
}

/**
 * Matches `regex` at the very start of `text` only, like Python's `re.match`
 * (which Semgrep's `metavariable-regex` uses): the match may end anywhere.
 */
export function matchesAtStart(regex: RegExp, text: string): RegExpExecArray | null {
  const sticky = derived(regex, stickyCopies, 'y');
  sticky.lastIndex = 0;
  return sticky.exec(text);
}

/** All non-overlapping matches of `regex` in `text`, left to right, with their groups (like Python's `re.finditer`). */
export function searchAll(regex: RegExp, text: string): RegexMatch[] {
  const global = derived(regex, globalCopies, 'g');
  global.lastIndex = 0;
  const out: RegexMatch[] = [];
  for (;;) {
    const m = global.exec(text);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    out.push({ start, end, text: m[0], captures: m.slice(1), groups: { ...(m.groups ?? {}) } });
    if (m[0].length === 0) {
      // Step over an empty match, by a whole code point in unicode mode.
      const code = text.codePointAt(end);
      global.lastIndex = end + (global.unicode && code !== undefined && code > 0xffff ? 2 : 1);
      if (global.lastIndex > text.length) break;
    }
  }
  return out;
}

const stickyCopies = new WeakMap<RegExp, RegExp>();
const globalCopies = new WeakMap<RegExp, RegExp>();

/** A cached copy of `regex` whose flags are its own minus `g`/`y`, plus `extra`. */
function derived(regex: RegExp, cache: WeakMap<RegExp, RegExp>, extra: 'g' | 'y'): RegExp {
  let copy = cache.get(regex);
  if (copy === undefined) {
    copy = new RegExp(regex.source, regex.flags.replace(/[gy]/g, '') + extra);
    cache.set(regex, copy);
  }
  return copy;
}

/** Rewrites V8's message ("Invalid regular expression: /x/u: Unterminated group") as what is wrong. */
function explainRegexError(v8Message: string): string {
  const reason = v8Message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '').trim();
  const known: Record<string, string> = {
    'Unterminated group': 'a "(" is never closed (missing ")")',
    "Unmatched ')'": 'a ")" has no matching "("',
    'Nothing to repeat': 'a quantifier (*, +, ? or {n}) has nothing before it to repeat',
    'Unterminated character class': 'a "[" is never closed (missing "]")',
    'Invalid group': 'unknown group syntax after "(?"',
    'Lone quantifier brackets': 'a "{" or "}" is not part of a valid {n,m} quantifier',
    'numbers out of order in {} quantifier': 'the numbers in a {n,m} quantifier are out of order',
    'Range out of order in character class': 'a character range in [...] is out of order (e.g. z-a)',
    '\\ at end of pattern': 'the regex ends with a lone backslash',
    'Invalid named capture referenced': 'a back-reference names a group that does not exist',
    'Duplicate capture group name': 'two groups have the same name',
    'Invalid capture group name': 'a group name is not a valid identifier',
    'Invalid escape': 'an escape sequence is not valid',
    'Incomplete quantifier': 'a {n,m} quantifier is incomplete',
  };
  return known[reason] ?? (reason.length > 0 ? reason.charAt(0).toLowerCase() + reason.slice(1) : 'invalid regular expression');
}

/** Turns Semgrep regex syntax into JS regex syntax plus flags; throws RegexTranslationError for what JS cannot express. */
function translate(source: string, multiline: boolean): { body: string; flags: Set<string> } {
  const flags = new Set<string>();
  let rest = source;
  // Leading global inline flags, possibly several groups: (?i)(?s) or (?is).
  for (;;) {
    const m = /^\(\?([aiLmsux]+)\)/.exec(rest);
    if (m === null) break;
    const letters = m[1] ?? '';
    for (const f of letters) {
      if (f === 'i' || f === 'm' || f === 's' || f === 'x') flags.add(f);
      else if (f === 'u' || f === 'a') continue; // unicode / ASCII classes: no JS equivalent needed
      else throw new RegexTranslationError(`inline flag "${f}" in "(?${letters})" is not supported (supported: i, m, s, x)`);
    }
    rest = rest.slice(m[0].length);
  }
  const verbose = flags.has('x');
  flags.delete('x');
  if (multiline) flags.add('m');
  if (verbose) rest = stripVerbose(rest);
  // In multiline mode ^ and $ match at line breaks, so \A and \Z need lookarounds.
  const startAnchor = (): string => (flags.has('m') ? '(?<![\\s\\S])' : '^');
  const endAnchor = (): string => (flags.has('m') ? '(?![\\s\\S])' : '$');
  let depth = 0;

  let out = '';
  let i = 0;
  let inClass = false;
  let classStart = -1; // index in `rest` just after "[" or "[^"
  let afterQuantifier = false;
  let lastQuantifier = '';
  const n = rest.length;
  while (i < n) {
    const c = rest.charAt(i);
    if (c === '\\') {
      const next = rest.charAt(i + 1);
      if (next === '') throw new RegexTranslationError('the regex ends with a lone backslash');
      if (next === 'Q') {
        const endQ = rest.indexOf('\\E', i + 2);
        const literal = endQ < 0 ? rest.slice(i + 2) : rest.slice(i + 2, endQ);
        out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, (ch) => '\\' + ch);
        i = endQ < 0 ? n : endQ + 2;
        afterQuantifier = false;
        continue;
      }
      if (next === 'E') { i += 2; continue; }
      if (!inClass) {
        if (next === 'A') { out += startAnchor(); i += 2; afterQuantifier = false; continue; }
        if (next === 'Z' || next === 'z') { out += endAnchor(); i += 2; afterQuantifier = false; continue; }
        if (next === 'G') throw new RegexTranslationError('"\\G" (match at end of previous match) is not supported in JavaScript regexes');
        if (next === 'K') throw new RegexTranslationError('"\\K" (reset match start) is not supported in JavaScript regexes; use a lookbehind "(?<=…)"');
      }
      out += c + next;
      i += 2;
      afterQuantifier = false;
      continue;
    }
    if (inClass) {
      if (c === '[' && rest.charAt(i + 1) === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(rest.slice(i));
        if (m !== null) {
          const cls = POSIX_CLASSES[m[2] ?? ''];
          if (cls === undefined) throw new RegexTranslationError(`unknown POSIX character class "[:${m[2] ?? ''}:]"`);
          if (m[1] === '^') throw new RegexTranslationError(`negated POSIX class "[:^${m[2] ?? ''}:]" is not supported; negate the whole class instead`);
          out += cls;
          i += m[0].length;
          continue;
        }
      }
      if (c === ']' && i === classStart) {
        // PCRE and Python read "]" first in a class as a literal; JS would close an empty class.
        out += '\\]';
        i += 1;
        continue;
      }
      if (c === '[') { out += '\\['; i += 1; continue; }
      if (c === ']') inClass = false;
      out += c;
      i += 1;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      i += 1;
      if (rest.charAt(i) === '^') { out += '^'; i += 1; }
      classStart = i;
      afterQuantifier = false;
      continue;
    }
    if (c === '(' && rest.charAt(i + 1) === '?') {
      const midFlags = /^\(\?([aiLmsux]+)\)/.exec(rest.slice(i));
      if (midFlags !== null) {
        hoistInlineFlags(midFlags[0], rest.slice(0, i), depth, flags);
        i += midFlags[0].length;
        continue;
      }
      i = translateGroupOpening(rest, i, (text) => { out += text; });
      depth++;
      afterQuantifier = false;
      continue;
    }
    if (c === '(') depth++;
    if (c === ')') depth = Math.max(0, depth - 1);
    if (c === '*' || c === '+' || c === '?') {
      if (afterQuantifier && c === '+') {
        throw new RegexTranslationError(`possessive quantifier "${lastQuantifier}+" is not supported in JavaScript regexes; use a plain quantifier "${lastQuantifier}"`);
      }
      lastQuantifier = c;
      out += c;
      i += 1;
      // "*?" is lazy: after it, nothing more may attach to the quantifier.
      afterQuantifier = !(c === '?' && afterQuantifier);
      continue;
    }
    if (c === '{') {
      const m = /^\{\d+(,\d*)?\}/.exec(rest.slice(i));
      if (m !== null) {
        out += m[0];
        i += m[0].length;
        afterQuantifier = true;
        lastQuantifier = m[0];
        continue;
      }
    }
    out += c;
    i += 1;
    afterQuantifier = false;
  }
  return { body: out, flags };
}

/**
 * PCRE applies an inline flag group met later in the regex (`.*\\b(?i)select`)
 * from there on. JavaScript has only whole-regex flags, so the flag is
 * hoisted when that changes nothing: at the top level, with nothing before it
 * that the flag would affect (letters for i, "." for s, anchors for m).
 * Otherwise the regex is refused rather than silently changed.
 */
function hoistInlineFlags(group: string, before: string, depth: number, flags: Set<string>): void {
  if (depth > 0) {
    throw new RegexTranslationError(`inline flags "${group}" inside a group are not supported; put them at the very start of the regex`);
  }
  // What the earlier part means, without escapes and group syntax.
  const plain = before.replace(/\(\?P?<[A-Za-z_]\w*>|\(\?P=\w+\)|\(\?[:=!]|\(\?<[=!]/g, '(');
  const letters = plain.replace(/\\./g, '');
  for (const f of group.slice(2, -1)) {
    if (f === 'u' || f === 'a') continue;
    const harmless =
      f === 'i' ? !/[A-Za-z]/.test(letters) :
      f === 's' ? !letters.includes('.') :
      f === 'm' ? !/[$^]/.test(letters) && !/\\[AZz]/.test(plain) :
      false;
    if (!harmless) {
      throw new RegexTranslationError(`inline flags "${group}" are only supported at the very start of the regex (or where nothing before them is affected)`);
    }
    flags.add(f);
  }
}

/** Translates the group syntax starting at `rest[i] === '('`, `rest[i+1] === '?'`; returns the index after what it consumed. */
function translateGroupOpening(rest: string, i: number, emit: (text: string) => void): number {
  const tail = rest.slice(i + 2);
  let m: RegExpExecArray | null;
  if ((m = /^P<([A-Za-z_][A-Za-z0-9_]*)>/.exec(tail)) !== null) {
    emit(`(?<${m[1] ?? ''}>`);
    return i + 2 + m[0].length;
  }
  if ((m = /^P=([A-Za-z_][A-Za-z0-9_]*)\)/.exec(tail)) !== null) {
    emit(`\\k<${m[1] ?? ''}>`);
    return i + 2 + m[0].length;
  }
  if (tail.startsWith('P>') || tail.startsWith('&') || /^(R|[+-]?\d+)\)/.test(tail)) {
    throw new RegexTranslationError('recursive patterns ("(?R)", "(?1)", "(?&name)", "(?P>name)") are not supported in JavaScript regexes');
  }
  if (tail.startsWith('>')) {
    throw new RegexTranslationError('atomic groups "(?>…)" are not supported in JavaScript regexes; use a plain group "(?:…)"');
  }
  if (tail.startsWith('|')) throw new RegexTranslationError('branch-reset groups "(?|…)" are not supported in JavaScript regexes');
  if (tail.startsWith('(')) throw new RegexTranslationError('conditional groups "(?(…)…)" are not supported in JavaScript regexes');
  if (tail.startsWith('#')) {
    const close = rest.indexOf(')', i + 3);
    if (close < 0) throw new RegexTranslationError('a "(?#" comment is never closed (missing ")")');
    return close + 1;
  }
  if ((m = /^[a-zA-Z]*(-[a-zA-Z]*)?[):]/.exec(tail)) !== null && m[0].length > 1) {
    const text = `(?${m[0]}`;
    if (m[0].endsWith(')')) {
      if (m[0].includes('-')) throw new RegexTranslationError(`turning flags off with "${text}" is not supported in JavaScript regexes`);
      throw new RegexTranslationError(/^[aiLmsux]+\)$/.test(m[0]) ? `inline flags "${text}" are only supported at the very start of the regex` : `unknown inline flag group "${text}"`);
    }
    throw new RegexTranslationError(`scoped inline flags "${text}…)" are not supported; put the flags at the start of the regex, e.g. "(?i)"`);
  }
  // (?: (?= (?! (?<= (?<! (?<name> are the same in JS.
  emit('(?');
  return i + 2;
}

/** Removes the whitespace and `#` comments that verbose mode `(?x)` ignores (not inside classes or after a backslash). */
function stripVerbose(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === '\\') {
      const next = source.charAt(i + 1);
      // "\ " and "\#" stand for the literal characters in verbose mode.
      out += next === ' ' || next === '#' ? (next === ' ' ? ' ' : '#') : c + next;
      i += 1;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') { inClass = true; out += c; continue; }
    if (c === '#') {
      while (i < source.length && source.charAt(i) !== '\n') i++;
      continue;
    }
    if (/\s/.test(c)) continue;
    out += c;
  }
  return out;
}
