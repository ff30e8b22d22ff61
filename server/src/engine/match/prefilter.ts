/**
 * The text prefilter: which words a file must contain for a rule to match at
 * all. A rule whose required identifiers are absent is skipped before any
 * matching, which is most rules on most files.
 */
import type { Formula, TaintSpec } from '../types';
import type { FileContext } from './file-context';
import { requiredSubstrings } from './regex-literals';
import { formulaKey } from './formula-key';

/** A boolean condition over "the file contains word w". */
export type Requirement =
  | { kind: 'true' }
  | { kind: 'word'; word: string }
  /** A piece of text the file must contain (from a regex), compared lower-cased when `ignoreCase`. */
  | { kind: 'text'; text: string; ignoreCase: boolean }
  | { kind: 'and'; items: Requirement[] }
  | { kind: 'or'; items: Requirement[] };

const TRUE: Requirement = { kind: 'true' };
const cache = new WeakMap<object, Requirement>();
/** Requirements by formula structure: rules that repeat a formula share one object, so its result is computed once per file. */
const byStructure = new Map<string, Requirement>();

/** The requirement of a formula: all words of a pattern; any branch of an either; every positive of `patterns`. */
export function formulaRequirement(formula: Formula): Requirement {
  const cached = cache.get(formula);
  if (cached) return cached;
  const key = formulaKey(formula);
  const shared = byStructure.get(key);
  if (shared) {
    cache.set(formula, shared);
    return shared;
  }
  let req: Requirement;
  switch (formula.kind) {
    case 'pattern':
      req = and(formula.pattern.requiredWords.flatMap(splitWords).map((word) => ({ kind: 'word', word })));
      break;
    case 'regex':
      req = regexRequirement(formula.regex);
      break;
    case 'either':
      req = or(formula.branches.map(formulaRequirement));
      break;
    case 'all':
      // A metavariable-pattern must match inside the binding, so its words must be in the file too.
      req = and(
        formula.items.flatMap((c) =>
          c.kind === 'positive' || c.kind === 'inside' || c.kind === 'metavariable-pattern'
            ? [formulaRequirement(c.formula)]
            : c.kind === 'metavariable-regex'
              ? [regexRequirement(c.regex)] // the bound text is in the file, so the regex's literals are too
              : [],
        ),
      );
      break;
  }
  cache.set(formula, req);
  if (byStructure.size > 50_000) byStructure.clear();
  byStructure.set(key, req);
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

/** Evaluates a requirement against a file's words and text. */
export function satisfied(req: Requirement, file: Pick<FileContext, 'words' | 'containsText' | 'requirementResults'>): boolean {
  if (req.kind === 'and' || req.kind === 'or') {
    // Composite requirements are shared between rules: each is decided once per file.
    const results = file.requirementResults;
    const known = results.get(req);
    if (known !== undefined) return known;
    let result: boolean;
    if (req.kind === 'and') {
      result = true;
      for (const r of req.items) {
        if (!satisfied(r, file)) {
          result = false;
          break;
        }
      }
    } else {
      result = false;
      for (const r of req.items) {
        if (satisfied(r, file)) {
          result = true;
          break;
        }
      }
    }
    results.set(req, result);
    return result;
  }
  switch (req.kind) {
    case 'true':
      return true;
    case 'word':
      return file.words.has(req.word);
    case 'text':
      return file.containsText(req.text, req.ignoreCase);
  }
}

function regexRequirement(regex: RegExp): Requirement {
  const { substrings, anyOf, ignoreCase } = requiredSubstrings(regex.source, regex.flags);
  const text = (t: string): Requirement => ({ kind: 'text', text: t, ignoreCase });
  return and([...substrings.map(text), ...anyOf.map((group) => or(group.map(text)))]);
}

/** Splits a required name the way file text is tokenized (`node-serialize` → node, serialize). */
function splitWords(word: string): string[] {
  return word.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? [];
}

function and(items: Requirement[]): Requirement {
  // Cheap checks first: a word is a set lookup, a text check scans the file.
  const cost = (r: Requirement): number => (r.kind === 'word' ? 0 : r.kind === 'text' ? 2 : 1);
  const kept = items.filter((r) => r.kind !== 'true').sort((a, b) => cost(a) - cost(b));
  if (kept.length === 0) return TRUE;
  return kept.length === 1 ? kept[0]! : { kind: 'and', items: kept };
}

function or(items: Requirement[]): Requirement {
  if (items.length === 0 || items.some((r) => r.kind === 'true')) return TRUE;
  return items.length === 1 ? items[0]! : { kind: 'or', items };
}
