/**
 * Evaluates a rule's formula on one file: `pattern`, `pattern-regex`,
 * `pattern-either` and the `patterns` range algebra, as Semgrep documents it.
 */
import type { Conjunct, Formula } from '../types';
import { bind, compatible, CONFLICT, mergeEnvs, sameBindings } from './env';
import { EXPRESSION_TYPES, forEachChild, type Node } from './ast';
import { parentOf } from './file-context';
import { isMetavariableName, type PatternRoot } from '../pattern/parse-pattern';
import type { FileContext } from './file-context';
import { findPatternMatches, type RangeMatch } from './pattern';
import { regexMatches } from './pattern-regex';
import { applyMetavariableComparison, applyMetavariablePattern, applyMetavariableRegex } from './metavariable-filters';
import { applyFocus } from './focus-metavariable';
import { formulaKey } from './formula-key';
import { formulaRequirement, satisfied } from './prefilter';

const NO_MATCHES: AlgebraMatch[] = [];

/** A match as the algebra sees it: `inside` ranges (from `pattern-inside`) only constrain. */
export interface AlgebraMatch extends RangeMatch {
  inside?: boolean;
}

/** All matches of `formula` in the file. Memoized per formula object. */
export function evaluateFormula(formula: Formula, ctx: FileContext, scope?: Scope): AlgebraMatch[] {
  // Keyed by structure, not identity: the pack repeats the same sources and sinks in many
  // rules, and each distinct formula is evaluated once per file (and per scope).
  const key = scope ? `${formulaKey(formula)}@${scope[0]}-${scope[1]}` : formulaKey(formula);
  const cached = ctx.memo.get(key) as AlgebraMatch[] | undefined;
  if (cached) return cached;
  const within = (ms: AlgebraMatch[]): AlgebraMatch[] => (scope ? ms.filter((m) => m.start >= scope[0] && m.end <= scope[1]) : ms);
  // A branch whose words are absent from the file cannot match: skip it without visiting any node.
  if ((formula.kind === 'pattern' || formula.kind === 'all') && !satisfied(formulaRequirement(formula), ctx)) {
    ctx.memo.set(key, NO_MATCHES);
    return NO_MATCHES;
  }
  let result: AlgebraMatch[];
  switch (formula.kind) {
    case 'pattern':
      result = within(findPatternMatches(formula.pattern, ctx));
      break;
    case 'regex':
      result = within(regexMatches(formula.regex, ctx.text));
      break;
    case 'either':
      result = dedupe(formula.branches.flatMap((b) => evaluateFormula(b, ctx, scope)));
      break;
    case 'all':
      result = evaluatePatterns(formula.items, ctx, scope);
      break;
  }
  ctx.memo.set(key, result);
  return result;
}

/**
 * A region of the file a formula is evaluated in, as if it were the whole
 * program: `metavariable-pattern` looks only at the metavariable's code, so
 * even its negatives (`pattern-not-inside`) see nothing outside it.
 */
export type Scope = readonly [number, number];


/**
 * `patterns:` — positives intersect (an `inside` range only has to contain the
 * other), negatives remove, metavariable conditions filter, focus narrows.
 */
function evaluatePatterns(items: readonly Conjunct[], ctx: FileContext, scope?: Scope): AlgebraMatch[] {
  const text = ctx.text;
  let current: AlgebraMatch[] | undefined;
  // Plain positives first, so an `inside` never becomes the reported range when a plain one exists.
  const positives = items.filter((c) => c.kind === 'positive' || c.kind === 'inside');
  // Plain positives, then insides, then bare `$X` (which matches every expression, so it is
  // intersected around the other matches instead of being enumerated over the whole file).
  const order = (c: Conjunct): number => (c.kind === 'inside' ? 1 : bareMetavariable(c) !== undefined ? 2 : 0);
  positives.sort((a, b) => order(a) - order(b));
  for (const item of positives) {
    if (item.kind !== 'positive' && item.kind !== 'inside') continue;
    const bare = bareMetavariable(item);
    if (bare !== undefined && current !== undefined && current.every((m) => m.node)) {
      current = intersectWithBare(text, current, bare, scope);
    } else {
      const ranges: AlgebraMatch[] = evaluateFormula(item.formula, ctx, scope).map((m) => (item.kind === 'inside' ? { ...m, inside: true } : m));
      current = current === undefined ? ranges : intersect(text, current, ranges);
    }
    if (current.length === 0) return [];
  }
  if (!current) return [];
  for (const item of items) {
    if (current.length === 0) return [];
    switch (item.kind) {
      case 'not': {
        const negatives = evaluateFormula(item.formula, ctx, scope);
        current = current.filter((r) => !negatives.some((n) => n.start === r.start && n.end === r.end && compatible(text, r.env, n.env)));
        break;
      }
      case 'not-inside': {
        const negatives = evaluateFormula(item.formula, ctx, scope);
        current = current.filter((r) => !negatives.some((n) => n.start <= r.start && r.end <= n.end && compatible(text, r.env, n.env)));
        break;
      }
      case 'not-regex': {
        const negatives = regexMatches(item.regex, text);
        current = current.filter((r) => !negatives.some((n) => (n.start <= r.start && r.end <= n.end) || (r.start <= n.start && n.end <= r.end)));
        break;
      }
      default:
        break;
    }
  }
  for (const item of items) {
    if (current.length === 0) return [];
    switch (item.kind) {
      case 'metavariable-regex':
        current = applyMetavariableRegex(item, current, ctx);
        break;
      case 'metavariable-pattern':
        current = applyMetavariablePattern(item, current, ctx);
        break;
      case 'metavariable-comparison':
        current = applyMetavariableComparison(item, current, ctx);
        break;
      default:
        break;
    }
  }
  for (const item of items) {
    if (item.kind === 'focus') current = applyFocus(item.metavariables, current, ctx);
  }
  const allInside = positives.every((p) => p.kind === 'inside');
  return dedupe(current.map((m) => ({ ...m, inside: allInside || undefined })));
}

/**
 * Pairwise intersection of two range sets: a pair combines when one range lies
 * inside the other and shared metavariables agree; the contained range
 * survives (an `inside` range never survives over a plain one).
 */
function intersect(text: string, left: AlgebraMatch[], right: AlgebraMatch[]): AlgebraMatch[] {
  const out: AlgebraMatch[] = [];
  // Right ranges by start, with the running maximum end, so that for each left
  // range only the right ranges that can contain it or lie in it are visited.
  const sorted = [...right].sort((x, y) => x.start - y.start);
  const maxEnd: number[] = [];
  let running = -1;
  for (const b of sorted) maxEnd.push((running = Math.max(running, b.end)));
  for (const a of left) {
    const candidates: AlgebraMatch[] = [];
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.start < a.start) lo = mid + 1;
      else hi = mid;
    }
    // Starting at or after a.start: may lie inside a (or equal it).
    for (let j = lo; j < sorted.length && sorted[j]!.start <= a.end; j++) candidates.push(sorted[j]!);
    // Starting before a.start: may contain a; stop once no earlier range reaches a.end.
    for (let j = lo - 1; j >= 0 && maxEnd[j]! >= a.end; j--) candidates.push(sorted[j]!);
    for (const b of candidates) {
      const aInB = b.start <= a.start && a.end <= b.end;
      const bInA = a.start <= b.start && b.end <= a.end;
      if (!aInB && !bInA) continue;
      let keep: AlgebraMatch;
      if (a.inside && !b.inside) {
        if (!bInA) continue;
        keep = b;
      } else if (b.inside && !a.inside) {
        if (!aInB) continue;
        keep = a;
      } else {
        keep = aInB ? a : b;
      }
      const env = mergeEnvs(text, a.env, b.env);
      if (env === CONFLICT) continue;
      out.push({ ...keep, env, inside: a.inside && b.inside ? true : undefined });
    }
  }
  return dedupe(out);
}

/** The name of a positive `pattern: $X` (a lone metavariable), if that is what the conjunct is. */
function bareMetavariable(c: Conjunct): string | undefined {
  if (c.kind !== 'positive' || c.formula.kind !== 'pattern') return undefined;
  const shape = (c.formula.pattern.root as PatternRoot).shape;
  if (shape.kind !== 'expression' || shape.node.type !== 'Identifier') return undefined;
  return isMetavariableName(shape.node.name) ? shape.node.name : undefined;
}

/**
 * The intersection of matches with `pattern: $X` without listing every
 * expression of the file: only the expressions inside a match or around it
 * can combine with it (same result as {@link intersect} over all expressions).
 */
function intersectWithBare(text: string, current: AlgebraMatch[], name: string, scope?: Scope): AlgebraMatch[] {
  const out: AlgebraMatch[] = [];
  const add = (m: AlgebraMatch, candidate: Node): void => {
    const env = bind(text, m.env, name, { kind: 'node', node: candidate });
    if (env === CONFLICT) return;
    const inside = candidate.range[0] >= m.start && candidate.range[1] <= m.end;
    // The contained range survives; an `inside` range never survives over the plain `$X`.
    if (inside) out.push({ start: candidate.range[0], end: candidate.range[1], env, node: candidate });
    else if (!m.inside) out.push({ ...m, env });
  };
  for (const m of current) {
    const node = m.node!;
    const visit = (n: Node): void => {
      if (EXPRESSION_TYPES.has(n.type) && n.range[0] >= m.start && n.range[1] <= m.end) add(m, n);
      forEachChild(n, visit);
    };
    visit(node);
    for (let up = parentOf(node); up; up = parentOf(up)) {
      if (scope && (up.range[0] < scope[0] || up.range[1] > scope[1])) break;
      if (EXPRESSION_TYPES.has(up.type) && up.range[0] <= m.start && up.range[1] >= m.end && !(up.range[0] === m.start && up.range[1] === m.end)) add(m, up);
    }
  }
  return dedupe(out);
}

/** Drops repeated (range, bindings) pairs, keeping document order. */
export function dedupe<T extends RangeMatch & { inside?: boolean }>(matches: T[]): T[] {
  if (matches.length < 2) return matches;
  const seen = new Map<number, T[]>();
  const out: T[] = [];
  for (const m of matches) {
    const same = seen.get(m.start);
    if (same?.some((o) => o.end === m.end && !o.inside === !m.inside && sameBindings(o.env, m.env))) continue;
    if (same) same.push(m);
    else seen.set(m.start, [m]);
    out.push(m);
  }
  return out;
}

