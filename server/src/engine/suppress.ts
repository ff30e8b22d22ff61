/** Finds `nosemgrep` / `vigil-ignore` comments and answers whether a finding is suppressed. */

/** One suppression comment. */
export interface Suppression {
  /** 0-based line of the comment. */
  line: number;
  /** The comment stands alone on its line, so it also covers the next line. */
  standalone: boolean;
  /** Rule ids listed after `:`, or null for "every rule". */
  ruleIds: string[] | null;
  keyword: 'nosemgrep' | 'vigil-ignore';
}

/** The suppression comments of one text, by line. */
export interface Suppressions {
  readonly list: readonly Suppression[];
  readonly byLine: ReadonlyMap<number, readonly Suppression[]>;
}

/**
 * The opener (`//`, `/*`), the keyword, and the end of the keyword. Semgrep
 * also accepts the short `nosem` and any letter case for the keyword; so do we.
 */
const DIRECTIVE = /(\/\/+|\/\*+)[ \t]*(nosemgrep|nosem|vigil-ignore)(?=[\s:,*}]|$)/gi;

/**
 * Every suppression comment in `text`: `// nosemgrep`, `// nosemgrep: id1, id2`,
 * `/* nosemgrep *\/`, `// vigil-ignore`, `// vigil-ignore: id`, also in JSX as
 * `{/* vigil-ignore *\/}`.
 *
 * Why: users and rule fixtures silence a finding where it is, in Semgrep's
 * syntax, so one comment works for Semgrep and for Vigil. This is a text scan,
 * not a parse: suppressions must also hold in code that does not parse. The
 * keyword must directly follow a comment opener, and an opener inside a string
 * literal on the same line (`"// nosemgrep"`) is ignored; strings spanning
 * lines (template literals) are not tracked.
 */
export function findSuppressions(text: string): Suppressions {
  const list: Suppression[] = [];
  const byLine = new Map<number, Suppression[]>();
  let line = 0;
  let counted = 0;
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const at = m.index;
    line += countLineBreaks(text, counted, at);
    counted = at;
    const lineStart = startOfLine(text, at);
    const before = text.slice(lineStart, at);
    if (insideString(before)) continue;
    const keyword = (m[2] ?? '').toLowerCase() === 'vigil-ignore' ? 'vigil-ignore' : 'nosemgrep';
    const suppression: Suppression = {
      line,
      standalone: /^[ \t]*\{?[ \t]*$/.test(before),
      ruleIds: parseIds(text, at + m[0].length, (m[1] ?? '').startsWith('/*')),
      keyword,
    };
    list.push(suppression);
    const onLine = byLine.get(line);
    if (onLine) onLine.push(suppression);
    else byLine.set(line, [suppression]);
  }
  return { list, byLine };
}

/**
 * Whether a finding of `ruleId` that starts on `line` (0-based) is suppressed:
 * by a suppression comment on that line, or by one standing alone on the line
 * before.
 *
 * Why: this is Semgrep's rule, so fixtures and code annotated for Semgrep
 * behave the same here. A listed id matches when it equals `ruleId`, or when
 * one ends with `.` + the other: Semgrep users write config-prefixed ids
 * (`nosemgrep: rules.express.open-redirect`), and rule ids reported with a
 * prefix still match a bare listed id. Ids are case-sensitive.
 */
export function isSuppressed(s: Suppressions, line: number, ruleId: string): boolean {
  for (const sup of s.byLine.get(line) ?? []) if (covers(sup, ruleId)) return true;
  for (const sup of s.byLine.get(line - 1) ?? []) if (sup.standalone && covers(sup, ruleId)) return true;
  return false;
}

function covers(sup: Suppression, ruleId: string): boolean {
  if (sup.ruleIds === null) return true;
  return sup.ruleIds.some((id) => id === ruleId || id.endsWith('.' + ruleId) || ruleId.endsWith('.' + id));
}

/** The ids after an optional `:` up to the end of the line (or of the block comment). */
function parseIds(text: string, from: number, blockComment: boolean): string[] | null {
  let end = from;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  let rest = text.slice(from, end);
  const colon = /^[ \t]*:/.exec(rest);
  if (!colon) return null;
  rest = rest.slice(colon[0].length);
  if (blockComment) {
    const close = rest.indexOf('*/');
    if (close >= 0) rest = rest.slice(0, close);
  }
  const ids = rest.split(/[\s,]+/).filter((id) => id.length > 0);
  return ids.length > 0 ? ids : null;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

function startOfLine(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** Whether the end of `prefix` (a line up to the comment opener) is inside a string literal. */
function insideString(prefix: string): boolean {
  let quote = '';
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '/' && prefix[i + 1] === '/') return false; // the rest of the line is a comment already
  }
  return quote !== '';
}
