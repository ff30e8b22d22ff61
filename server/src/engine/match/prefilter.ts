/**
 * The text prefilter: which words a file must contain for a rule to match at
 * all. A rule whose required identifiers are absent is skipped before any
 * matching, which is most rules on most files.
 */
import type { Formula, TaintSpec } from '../types';

/** A boolean condition over "the file contains word w". */
export type Requirement =
  | { kind: 'true' }
  | { kind: 'word'; word: string }
  | { kind: 'and'; items: Requirement[] }
  | { kind: 'or'; items: Requirement[] };

const TRUE: Requirement = { kind: 'true' };
const cache = new WeakMap<object, Requirement>();

/** The requirement of a formula: all words of a pattern; any branch of an either; every positive of `patterns`. */
export function formulaRequirement(formula: Formula): Requirement {
  const cached = cache.get(formula);
  if (cached) return cached;
  let req: Requirement;
  switch (formula.kind) {
    case 'pattern':
      req = and(formula.pattern.requiredWords.flatMap(splitWords).map((word) => ({ kind: 'word', word })));
      break;
    case 'regex':
      req = TRUE;
      break;
    case 'either':
      req = or(formula.branches.map(formulaRequirement));
      break;
    case 'all':
      req = and(formula.items.flatMap((c) => (c.kind === 'positive' || c.kind === 'inside' ? [formulaRequirement(c.formula)] : [])));
      break;
  }
  cache.set(formula, req);
  return req;
}

/** A taint rule needs some source and some sink to be present. */
export function taintRequirement(spec: TaintSpec): Requirement {
  const cached = cache.get(spec);
  if (cached) return cached;
  const req = and([or(spec.sources.map((s) => formulaRequirement(s.formula))), or(spec.sinks.map((s) => formulaRequirement(s.formula)))]);
  cache.set(spec, req);
  return req;
}

/** Evaluates a requirement against a file's word set. */
export function satisfied(req: Requirement, words: ReadonlySet<string>): boolean {
  switch (req.kind) {
    case 'true':
      return true;
    case 'word':
      return words.has(req.word);
    case 'and':
      return req.items.every((r) => satisfied(r, words));
    case 'or':
      return req.items.some((r) => satisfied(r, words));
  }
}

/** Splits a required name the way file text is tokenized (`node-serialize` → node, serialize). */
function splitWords(word: string): string[] {
  return word.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? [];
}

function and(items: Requirement[]): Requirement {
  const kept = items.filter((r) => r.kind !== 'true');
  if (kept.length === 0) return TRUE;
  return kept.length === 1 ? kept[0]! : { kind: 'and', items: kept };
}

function or(items: Requirement[]): Requirement {
  if (items.length === 0 || items.some((r) => r.kind === 'true')) return TRUE;
  return items.length === 1 ? items[0]! : { kind: 'or', items };
}
