/**
 * The literal text a regex cannot match without: runs of plain characters at
 * its top level. Used by the prefilter, so a rule whose matches all go
 * through `metavariable-regex: ...pass(word)?` is skipped on files that do
 * not contain "pass". Conservative: anything unsure yields no requirement.
 */

/** Required substrings of a regex (each must occur in a matching text), and whether case is ignored. */
export interface RegexLiterals {
  substrings: string[];
  /** Groups of alternatives: from each group, at least one must occur (`(AKIA|ASIA)`). */
  anyOf: string[][];
  ignoreCase: boolean;
}

/** Words in nearly every JS file: a poor choice when a branch offers another literal. */
const COMMON = new Set(['require', 'module', 'exports', 'function', 'return', 'const', 'this', 'true', 'false', 'null', 'undefined', 'string', 'value', 'with', 'from', 'import', 'export', 'default']);

/** The shortest run worth checking: shorter ones are in almost every file. */
const MIN_RUN = 3;

/** Extracts the literal runs every match of `source` (Semgrep/PCRE syntax) must contain. */
export function requiredSubstrings(source: string, flags = ''): RegexLiterals {
  let text = source;
  let ignoreCase = flags.includes('i');
  const inline = /^\(\?([a-zA-Z]+)\)/.exec(text);
  if (inline) {
    if (inline[1]!.includes('i')) ignoreCase = true;
    if (inline[1]!.includes('x')) return { substrings: [], anyOf: [], ignoreCase }; // verbose mode: whitespace is not literal
    text = text.slice(inline[0].length);
  }
  if (hasTopLevelAlternation(text)) {
    const group = alternatives(text, ignoreCase);
    return { substrings: [], anyOf: group ? [group] : [], ignoreCase };
  }
  const runs: string[] = [];
  const anyOf: string[][] = [];
  // The current run of required characters, as its alternatives (a small class like `[pos]` multiplies them).
  let run: string[] = [''];
  const flush = (): void => {
    if (run[0]!.length >= MIN_RUN) {
      const alternatives = [...new Set(ignoreCase ? run.map((r) => r.toLowerCase()) : run)];
      if (alternatives.length === 1) runs.push(alternatives[0]!);
      else anyOf.push(alternatives);
    }
    run = [''];
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    let literal: string | undefined;
    let width = 1;
    if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined) break;
      width = 2;
      if (/[A-Za-z0-9]/.test(next)) {
        flush(); // \w, \d, \b, \1 ... are classes, anchors or back-references
        i += width;
        skipQuantifier();
        continue;
      }
      literal = next;
    } else if (c === '(' || c === '[') {
      const end = skipGroup(text, i);
      const q = text[end];
      const optional = q === '?' || q === '*' || (q === '{' && /^\{0[,}]/.test(text.slice(end)));
      const members = c === '[' && !optional ? classMembers(text.slice(i + 1, end - 1)) : undefined;
      if (members !== undefined && run[0]!.length < MIN_RUN && run.length * members.length <= MAX_ALTERNATIVES) {
        // One of a few characters after a run too short to check on its own (`gh[pousr]_`):
        // each alternative of the run goes on with each of them.
        run = run.flatMap((r) => members.map((m) => r + m));
        i = end;
        if (q === '+' || q === '{') {
          flush();
          skipQuantifier();
        }
        continue;
      }
      flush();
      if (c === '(' && !optional) {
        const inner = groupBody(text.slice(i + 1, end - 1));
        const group = inner === undefined ? undefined : alternatives(inner, ignoreCase);
        if (group) anyOf.push(group);
      }
      i = end;
      skipQuantifier();
      continue;
    } else if ('.^$|)]}'.includes(c)) {
      flush();
      i += 1;
      skipQuantifier();
      continue;
    } else if ('?*+{'.includes(c)) {
      flush();
      i += 1;
      continue;
    } else {
      literal = c;
    }
    // A quantifier after the character decides whether it is required.
    const q = text[i + width];
    if (q === '?' || q === '*' || (q === '{' && /^\{0[,}]/.test(text.slice(i + width)))) {
      flush();
      i += width;
      skipQuantifier();
      continue;
    }
    const char = literal;
    run = run.map((r) => r + char);
    i += width;
    if (q === '+' || q === '{') {
      flush();
      skipQuantifier();
    }
  }
  flush();
  return { substrings: runs.map((r) => (ignoreCase ? r.toLowerCase() : r)), anyOf, ignoreCase };

  function skipQuantifier(): void {
    while (i < text.length && '?*+'.includes(text[i]!)) i += 1;
    if (text[i] === '{') {
      const close = text.indexOf('}', i);
      if (close !== -1) i = close + 1;
      if (text[i] === '?' || text[i] === '+') i += 1;
    }
  }
}

/** Most alternatives a run may multiply into through small classes before it is cut there. */
const MAX_ALTERNATIVES = 16;

/**
 * The characters a class like `[pousr]` stands for, or undefined when it is not a
 * short list of plain characters (negated, ranges, `\w`-like escapes, more than 8).
 */
function classMembers(body: string): string[] | undefined {
  if (body.startsWith('^') || body.length === 0) return undefined;
  const out: string[] = [];
  for (let i = 0; i < body.length; i++) {
    let c = body[i]!;
    if (c === '\\') {
      const next = body[i + 1];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined;
      c = next;
      i += 1;
    } else if (c === '-' && i > 0 && i < body.length - 1) {
      return undefined; // a range
    } else if (c === '[') {
      return undefined; // POSIX classes and the like
    }
    out.push(c);
  }
  const unique = [...new Set(out)];
  return unique.length <= 8 ? unique : undefined;
}

/** A group's pattern without its `?:` / `?<name>` / `?P<name>` prefix; undefined for lookarounds. */
function groupBody(content: string): string | undefined {
  if (!content.startsWith('?')) return content;
  if (content.startsWith('?:')) return content.slice(2);
  const named = /^\?P?<([A-Za-z_]\w*)>/.exec(content);
  if (named) return content.slice(named[0].length);
  return undefined; // (?=, (?!, (?<=, (?<!, inline flags: no requirement
}

/**
 * For `a|b|c`: one required literal per alternative (its longest), or
 * undefined when some alternative requires none (then nothing is required).
 */
function alternatives(pattern: string, ignoreCase: boolean): string[] | undefined {
  const out: string[] = [];
  for (const branch of splitTopLevel(pattern)) {
    const inner = requiredSubstrings(branch, ignoreCase ? 'i' : '');
    // The longest literal of the branch, preferring ones that are not everyday JS words.
    const ranked = [...inner.substrings].sort((a, b) => Number(COMMON.has(a.toLowerCase())) - Number(COMMON.has(b.toLowerCase())) || b.length - a.length);
    const longest = ranked[0];
    if (longest !== undefined) out.push(longest);
    // A branch that only requires one of a few pieces (`gh[ps]_`): any of them will do for the group.
    else if (inner.anyOf.length > 0) out.push(...inner.anyOf[0]!);
    else return undefined;
  }
  return out.length > 0 ? out : undefined;
}

function splitTopLevel(pattern: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (c === '|' && depth === 0) {
      parts.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(pattern.slice(start));
  return parts;
}

/** The index just past the group or class starting at `start`. */
function skipGroup(text: string, start: number): number {
  const open = text[start];
  let depth = 0;
  let inClass = open === '[';
  let i = start + 1;
  if (inClass) {
    if (text[i] === '^') i += 1;
    if (text[i] === ']') i += 1; // a ] first in a class is literal
  }
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (inClass) {
      if (c === ']') {
        if (open === '[') return i + 1;
        inClass = false;
      }
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth += 1;
    else if (c === ')') {
      if (depth === 0) return i + 1;
      depth -= 1;
    }
  }
  return text.length;
}

function hasTopLevelAlternation(text: string): boolean {
  return splitTopLevel(text).length > 1;
}
