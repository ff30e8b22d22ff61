/**
 * `metavariable-regex`, `metavariable-pattern` and `metavariable-comparison`:
 * filters on what a `patterns` match bound, applied after the range algebra.
 */
import type { Conjunct } from '../types';
import { evaluateComparison, type ComparisonValue } from './comparison-expression';
import { bindingRange, bindingText, CONFLICT, lookup, mergeEnvs, compatible, type Binding } from './env';
import type { FileContext } from './file-context';
import { Matcher, NO_VALUE } from './match-node';
import { matchesAtStart } from './regex';
import type { AlgebraMatch } from './formula';
import { evaluateFormula } from './formula';

type Of<K extends Conjunct['kind']> = Extract<Conjunct, { kind: K }>;

/**
 * Keeps matches whose metavariable's text matches the regex at its start
 * (Python's `re.match`). A string literal is also tried without its quotes,
 * and with `constant-propagation` a variable is tried by its constant value.
 */
export function applyMetavariableRegex(item: Of<'metavariable-regex'>, matches: AlgebraMatch[], ctx: FileContext): AlgebraMatch[] {
  const matcher = new Matcher(ctx);
  return matches.filter((m) => {
    const b = lookup(m.env, item.metavariable);
    if (!b) return false;
    return candidateTexts(b, ctx, matcher, item.constantPropagation).some((t) => matchesAtStart(item.regex, t) !== null);
  });
}

function candidateTexts(b: Binding, ctx: FileContext, matcher: Matcher, propagate: boolean): string[] {
  const out = [bindingText(ctx.text, b)];
  if (b.kind === 'node') {
    const node = b.node;
    if (node.type === 'Literal' && typeof node.value === 'string') out.push(node.value);
    else if (node.type === 'TemplateLiteral' && node.expressions.length === 0) out.push(node.quasis[0]?.value.cooked ?? '');
    else if (propagate && node.type === 'Identifier') {
      const v = matcher.constantValue(node);
      if (v !== NO_VALUE && v !== null && v !== undefined) out.push(String(v));
    }
  }
  return out;
}

/**
 * Keeps matches where the sub-formula matches inside the metavariable's code;
 * bindings made by the sub-formula join the match's.
 */
export function applyMetavariablePattern(item: Of<'metavariable-pattern'>, matches: AlgebraMatch[], ctx: FileContext): AlgebraMatch[] {
  const out: AlgebraMatch[] = [];
  for (const m of matches) {
    const b = lookup(m.env, item.metavariable);
    if (!b) continue;
    const [s, e] = bindingRange(b);
    // Evaluated on the bound code alone, as Semgrep does: nothing outside it counts.
    const inner = evaluateFormula(item.formula, ctx, [s, e]);
    for (const n of inner) {
      if (!compatible(ctx.text, m.env, n.env)) continue;
      const env = mergeEnvs(ctx.text, m.env, n.env);
      if (env === CONFLICT) continue;
      out.push({ ...m, env });
      break;
    }
  }
  return out;
}

/** Keeps matches for which the comparison is true; metavariables read as numbers or strings where they are literals or constants. */
export function applyMetavariableComparison(item: Of<'metavariable-comparison'>, matches: AlgebraMatch[], ctx: FileContext): AlgebraMatch[] {
  const matcher = new Matcher(ctx);
  return matches.filter((m) => {
    if (item.metavariable && !lookup(m.env, item.metavariable)) return false;
    const result = evaluateComparison(item.comparison, (name) => {
      const b = lookup(m.env, name);
      if (!b) return undefined;
      return comparisonValue(b, ctx, matcher, item.metavariable === name ? item : undefined);
    });
    return result === true;
  });
}

function comparisonValue(b: Binding, ctx: FileContext, matcher: Matcher, options: { strip?: boolean; base?: number } | undefined): ComparisonValue {
  let text = bindingText(ctx.text, b);
  if (options?.strip) text = text.replace(/^(['"`])(.*)\1$/s, '$2');
  if (options?.base !== undefined) {
    const n = parseInt(text, options.base);
    return Number.isNaN(n) ? text : n;
  }
  if (b.kind === 'text') return b.text;
  if (b.kind === 'seq') return text;
  const v = matcher.constantValue(b.node);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (options?.strip) {
    const n = Number(text);
    if (!Number.isNaN(n) && text.trim() !== '') return n;
  }
  return text;
}
