/**
 * The text prefilter: which words a file must contain for a rule to match at
 * all. A rule whose required identifiers are absent is skipped before any
 * matching, which is most rules on most files.
 */
import type { Formula, TaintSpec } from '../types';
import { requiredSubstrings } from './regex-literals';
import { formulaKey } from './formula-key';

/**
 * A boolean condition over "the file contains word w" and "the file contains text t".
 * Every requirement has an `id` (for per-file memos); atoms and composites with the
 * same meaning are one object, so rules that share a condition share its result.
 */
export type Requirement =
  | { kind: 'true'; id: number }
  | { kind: 'word'; id: number; word: string }
  /** A piece of text the file must contain (from a regex), compared lower-cased when `ignoreCase`. */
  | { kind: 'text'; id: number; text: string; ignoreCase: boolean }
  | { kind: 'and'; id: number; items: Requirement[] }
  | { kind: 'or'; id: number; items: Requirement[] };

/** What {@link satisfied} asks of a file. */
export interface PrefilterFile {
  /** Whether `word` is one of the file's words. */
  readonly words: { has(word: string): boolean };
  /** Whether the text contains `piece` (the lower-cased text when `ignoreCase`; `piece` is then lower case). */
  containsText(piece: string, ignoreCase: boolean): boolean;
  /** Results already decided for this file. */
  readonly requirementMemo: RequirementMemo;
}

/** The next requirement id (0 is TRUE's). */
let nextId = 1;

/** Decided requirements of one file, by requirement id. */
export class RequirementMemo {
  private values = new Uint8Array(Math.max(64, nextId + 64));

  /** 0: not decided yet, 1: satisfied, 2: not satisfied. */
  get(id: number): number {
    return id < this.values.length ? this.values[id]! : 0;
  }

  set(id: number, satisfied: boolean): void {
    if (id >= this.values.length) {
      const grown = new Uint8Array(Math.max(id + 64, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[id] = satisfied ? 1 : 2;
  }
}

const TRUE: Requirement = { kind: 'true', id: 0 };
/** Interned atoms and composites (bounded: cleared when huge, which only costs sharing). */
const interned = new Map<string, Requirement>();
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
      req = and(formula.pattern.requiredWords.flatMap(splitWords).map(word));
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

/** Evaluates a requirement against a file's words and text, remembering each decided part in the file's memo. */
export function satisfied(req: Requirement, file: PrefilterFile): boolean {
  if (req.kind === 'true') return true;
  const memo = file.requirementMemo;
  const known = memo.get(req.id);
  if (known !== 0) return known === 1;
  let result: boolean;
  switch (req.kind) {
    case 'word':
      result = file.words.has(req.word);
      break;
    case 'text':
      result = file.containsText(req.text, req.ignoreCase);
      break;
    case 'and':
      result = true;
      for (const r of req.items) {
        if (!satisfied(r, file)) {
          result = false;
          break;
        }
      }
      break;
    case 'or':
      result = false;
      for (const r of req.items) {
        if (satisfied(r, file)) {
          result = true;
          break;
        }
      }
      break;
  }
  memo.set(req.id, result);
  return result;
}

function regexRequirement(regex: RegExp): Requirement {
  const { substrings, anyOf, ignoreCase } = requiredSubstrings(regex.source, regex.flags);
  const piece = (t: string): Requirement => text(t, ignoreCase);
  return and([...substrings.map(piece), ...anyOf.map((group) => or(group.map(piece)))]);
}

/** Splits a required name the way file text is tokenized (`node-serialize` → node, serialize). */
function splitWords(name: string): string[] {
  return name.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? [];
}

function intern(key: string, make: (id: number) => Requirement): Requirement {
  let req = interned.get(key);
  if (req === undefined) {
    if (interned.size > 100_000) interned.clear();
    req = make(nextId++);
    interned.set(key, req);
  }
  return req;
}

function word(w: string): Requirement {
  return intern(`w:${w}`, (id) => ({ kind: 'word', id, word: w }));
}

function text(t: string, ignoreCase: boolean): Requirement {
  return intern(`${ignoreCase ? 'i' : 'c'}:${t}`, (id) => ({ kind: 'text', id, text: t, ignoreCase }));
}

/** True when a file containing text atom `a` certainly contains text atom `b` too. */
function implies(a: Requirement, b: Requirement): boolean {
  if (a.kind !== 'text' || b.kind !== 'text' || a === b) return false;
  if (a.ignoreCase === b.ignoreCase) return a.text.includes(b.text);
  // A case-sensitive piece implies a case-insensitive piece it contains, lower-cased.
  return !a.ignoreCase && a.text.toLowerCase().includes(b.text);
}

function and(items: Requirement[]): Requirement {
  // Cheap checks first: a word is a set lookup, a text check scans the file.
  const cost = (r: Requirement): number => (r.kind === 'word' ? 0 : r.kind === 'text' ? 2 : 1);
  const unique = [...new Set(items.filter((r) => r.kind !== 'true'))];
  // A piece contained in another required piece is checked by that one.
  const kept = unique.filter((r) => !unique.some((other) => implies(other, r))).sort((a, b) => cost(a) - cost(b));
  if (kept.length === 0) return TRUE;
  if (kept.length === 1) return kept[0]!;
  return intern(`and:${kept.map((r) => r.id).join(',')}`, (id) => ({ kind: 'and', id, items: kept }));
}

function or(items: Requirement[]): Requirement {
  if (items.length === 0 || items.some((r) => r.kind === 'true')) return TRUE;
  const unique = [...new Set(items)];
  // Any file containing a longer piece contains the shorter one it implies: only the shorter needs checking.
  const kept = unique.filter((r) => !unique.some((other) => implies(r, other)));
  if (kept.length === 1) return kept[0]!;
  return intern(`or:${kept.map((r) => r.id).join(',')}`, (id) => ({ kind: 'or', id, items: kept }));
}
