/** A structural key for formulas: equal for two formulas exactly when they mean the same thing (memo keys). */
import type { Conjunct, Formula } from '../types';

const formulaKeys = new WeakMap<object, string>();

/** A string that is equal for two formulas exactly when they mean the same thing. */
export function formulaKey(formula: Formula): string {
  const cached = formulaKeys.get(formula);
  if (cached !== undefined) return cached;
  let key: string;
  switch (formula.kind) {
    case 'pattern':
      key = `P(${formula.pattern.source.trim()})`;
      break;
    case 'regex':
      key = `R(${String(formula.regex)})`;
      break;
    case 'either':
      key = `E(${formula.branches.map(formulaKey).join('|')})`;
      break;
    case 'all':
      key = `A(${formula.items.map(conjunctKey).join('&')})`;
      break;
  }
  formulaKeys.set(formula, key);
  return key;
}

function conjunctKey(c: Conjunct): string {
  switch (c.kind) {
    case 'positive':
    case 'inside':
    case 'not':
    case 'not-inside':
      return `${c.kind}:${formulaKey(c.formula)}`;
    case 'not-regex':
      return `not-regex:${String(c.regex)}`;
    case 'metavariable-regex':
      return `mr:${c.metavariable}:${String(c.regex)}:${c.constantPropagation}`;
    case 'metavariable-pattern':
      return `mp:${c.metavariable}:${formulaKey(c.formula)}`;
    case 'metavariable-comparison':
      return `mc:${c.metavariable ?? ''}:${c.source}:${c.strip ?? ''}:${c.base ?? ''}`;
    case 'focus':
      return `focus:${c.metavariables.join(',')}`;
  }
}
