/** Turns a rule's `fix:` or `fix-regex:` plus one match into text edits. */
import type { BoundValue, CompiledRule, TextEdit } from '../types';
import { interpolate } from './interpolate';

/**
 * The edits that fix one match of `rule` in `text`, or undefined when the rule
 * has no fix or the fix changes nothing.
 *
 * Why: fixes are plain data computed during the scan, so the CLI (`--fix`) and
 * the language server (quick fix, fix-all) apply exactly the same edits. Both
 * forms substitute text inside the matched range and never re-print code, so
 * the user's formatting survives (Semgrep re-prints some fixes; Vigil does
 * not).
 * - `fix: T` replaces the matched range by `T` with metavariables
 *   substituted; `fix: ""` deletes the match.
 * - `fix-regex: {regex, replacement, count?}` behaves like Python's
 *   `re.sub(regex, replacement, matched_text, count)` (see
 *   {@link substituteRegex}). A regex that does not match gives no fix.
 * When a rule has both, `fix` wins.
 */
export function buildFixEdits(
  rule: Pick<CompiledRule, 'fix' | 'fixRegex'>,
  text: string,
  match: { start: number; end: number; metavariables: Record<string, BoundValue> },
): TextEdit[] | undefined {
  const { start, end } = match;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) return undefined;
  const matched = text.slice(start, end);
  if (rule.fix !== undefined) {
    const replacement = interpolate(rule.fix, match.metavariables);
    return replacement === matched ? undefined : [{ start, end, text: replacement }];
  }
  if (rule.fixRegex) {
    const { regex, replacement, count } = rule.fixRegex;
    const fixed = substituteRegex(matched, regex, replacement, count);
    return fixed === matched ? undefined : [{ start, end, text: fixed }];
  }
  return undefined;
}

/**
 * Python's `re.sub(regex, replacement, input, count)` in JavaScript.
 *
 * Why: Semgrep rules are written against Python's semantics. Every
 * non-overlapping match is replaced, left to right (`count` > 0: only the
 * first `count`); empty matches are replaced too, also right after a previous
 * match, as in Python 3.7+ (JavaScript's global replace scans the same way).
 * In `replacement`, `\1`..`\99`, `\g<1>` and `\g<name>` insert groups (an
 * unmatched group inserts nothing), `\\` is a backslash, `\n \t \r \f \v \a \b`
 * are the usual characters, and `$` is literal. Any other backslash sequence
 * is kept as written.
 */
export function substituteRegex(input: string, regex: RegExp, replacement: string, count?: number): string {
  const flags = regex.flags.replace(/[gy]/g, '');
  const global = new RegExp(regex.source, flags + 'g');
  const limit = count !== undefined && count > 0 ? count : Infinity;
  let done = 0;
  return input.replace(global, (...args: unknown[]) => {
    const whole = String(args[0]);
    if (done >= limit) return whole;
    done++;
    const groups = collectGroups(args);
    return expandReplacement(replacement, whole, groups.numbered, groups.named);
  });
}

/** Splits `String.prototype.replace` callback arguments into numbered and named groups. */
function collectGroups(args: unknown[]): { numbered: (string | undefined)[]; named: Record<string, string | undefined> } {
  // args: match, p1..pn, offset, string, [groups]
  const last = args[args.length - 1];
  const hasNamed = typeof last === 'object' && last !== null;
  const end = args.length - (hasNamed ? 3 : 2);
  const numbered: (string | undefined)[] = [];
  for (let i = 0; i < end; i++) {
    const v = args[i];
    numbered.push(typeof v === 'string' ? v : undefined);
  }
  const named: Record<string, string | undefined> = {};
  if (hasNamed) {
    for (const [k, v] of Object.entries(last as Record<string, unknown>)) named[k] = typeof v === 'string' ? v : undefined;
  }
  return { numbered, named };
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };

/** Expands a Python replacement template for one match (`numbered[0]` is the whole match). */
function expandReplacement(
  template: string,
  whole: string,
  numbered: readonly (string | undefined)[],
  named: Readonly<Record<string, string | undefined>>,
): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '\\' || i + 1 >= template.length) {
      out += c;
      continue;
    }
    const next = template[i + 1] ?? '';
    if (next === 'g') {
      const m = /^g<([^>]*)>/.exec(template.slice(i + 1));
      if (m) {
        const name = m[1] ?? '';
        out += /^\d+$/.test(name) ? (Number(name) === 0 ? whole : (numbered[Number(name)] ?? '')) : (named[name] ?? '');
        i += m[0].length;
        continue;
      }
    }
    if (next >= '1' && next <= '9') {
      // Two digits when that group exists (Python reads up to two).
      const two = template.slice(i + 1, i + 3);
      const n = /^\d\d$/.test(two) && Number(two) < numbered.length ? Number(two) : Number(next);
      out += numbered[n] ?? '';
      i += String(n).length;
      continue;
    }
    const escaped = ESCAPES[next];
    if (escaped !== undefined) {
      out += escaped;
      i++;
      continue;
    }
    out += c + next;
    i++;
  }
  return out;
}
