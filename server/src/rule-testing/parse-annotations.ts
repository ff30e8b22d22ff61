/** Reads `ruleid:` / `ok:` / `todoruleid:` / `todook:` annotations from a rule fixture (Semgrep's `--test` convention). */

/** The four annotation kinds of Semgrep's rule tests. */
export type AnnotationKind = 'ruleid' | 'ok' | 'todoruleid' | 'todook';

/** Where one rule's annotations point in a fixture; every line is 1-based and sorted. */
export interface RuleAnnotations {
  /**
   * Lines the rule must report now: those after `ruleid:` and `todook:`
   * (a `todook:` records a known false positive, so it is still reported).
   */
  expected: number[];
  /** Lines after `ruleid:` (must match). */
  ruleid: number[];
  /** Lines after `ok:` (must not match). */
  ok: number[];
  /** Lines after `todoruleid:` (a known miss: not reported now). */
  todoruleid: number[];
  /** Lines after `todook:` (a known false positive: reported now). */
  todook: number[];
}

/** Comment forms an annotation may stand in, alone on its line; the JSX form comes before `/*`. */
const COMMENT_FORMS: ReadonlyArray<{ open: string; close?: string }> = [
  { open: '{/*', close: '*/}' },
  { open: '/*', close: '*/' },
  { open: '//' },
  { open: '#' },
];

/** One annotation keyword, optionally with Semgrep's `pro`/`deep` engine prefix. */
const KIND_PREFIX = /^(?:pro|deep)?(ruleid|ok|todoruleid|todook):\s*/;

/** What one annotation line says: its kind and the rule ids it names. */
interface ParsedAnnotation {
  kind: AnnotationKind;
  ids: string[];
}

/**
 * Returns the annotation on `line`, or undefined when the line is code or an
 * ordinary comment. `res.send({ ok: true })` is code: an annotation must be the
 * whole content of a comment that is alone on its line.
 */
function parseAnnotationLine(line: string): ParsedAnnotation | undefined {
  const trimmed = line.trim();
  const form = COMMENT_FORMS.find((f) => trimmed.startsWith(f.open));
  if (form === undefined) return undefined;
  let body = trimmed.slice(form.open.length);
  if (form.close !== undefined && body.endsWith(form.close)) body = body.slice(0, -form.close.length);
  body = body.trim();
  const first = KIND_PREFIX.exec(body);
  if (first === null) return undefined;
  const kind = first[1] as AnnotationKind;
  let rest = body.slice(first[0].length);
  // `ruleid: prook: x` chains a second verdict for Semgrep's paid engines; Vigil
  // reads the first kind and skips the rest.
  for (let more = KIND_PREFIX.exec(rest); more !== null; more = KIND_PREFIX.exec(rest)) {
    rest = rest.slice(more[0].length);
  }
  const ids = rest
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return ids.length === 0 ? undefined : { kind, ids };
}

function emptyAnnotations(): RuleAnnotations {
  return { expected: [], ruleid: [], ok: [], todoruleid: [], todook: [] };
}

/**
 * Collects, per rule id, the lines a fixture's annotations point at.
 *
 * An annotation (`// ruleid: a, b`, `/* ok: a *\/`, `{/* todook: a *\/}`, `# ruleid: a`,
 * with an optional `pro`/`deep` prefix) points at the next line that is not
 * itself an annotation, so several annotations can be stacked above one line.
 * With `ruleIds`, only those ids are returned, each present even when the
 * fixture never names it; without, every id named in the fixture.
 */
export function parseAnnotations(text: string, ruleIds?: readonly string[]): Map<string, RuleAnnotations> {
  const result = new Map<string, RuleAnnotations>();
  for (const id of ruleIds ?? []) result.set(id, emptyAnnotations());
  const wanted = ruleIds === undefined ? undefined : new Set(ruleIds);

  const lines = text.split(/\r?\n/);
  let pending: ParsedAnnotation[] = [];
  // One step past the last line, so annotations at the very end still resolve
  // (to a line that does not exist, which a test then reports as missed).
  for (let index = 0; index <= lines.length; index++) {
    const line = lines[index];
    const annotation = line === undefined ? undefined : parseAnnotationLine(line);
    if (annotation !== undefined) {
      pending.push(annotation);
      continue;
    }
    const lineNumber = index + 1;
    for (const { kind, ids } of pending) {
      for (const id of ids) {
        if (wanted !== undefined && !wanted.has(id)) continue;
        let entry = result.get(id);
        if (entry === undefined) {
          entry = emptyAnnotations();
          result.set(id, entry);
        }
        entry[kind].push(lineNumber);
        if (kind === 'ruleid' || kind === 'todook') entry.expected.push(lineNumber);
      }
    }
    pending = [];
  }
  for (const entry of result.values()) {
    for (const key of ['expected', 'ruleid', 'ok', 'todoruleid', 'todook'] as const) {
      entry[key] = [...new Set(entry[key])].sort((a, b) => a - b);
    }
  }
  return result;
}
