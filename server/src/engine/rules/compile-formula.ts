/** Compiles a rule's pattern formulas (search mode) and taint spec (taint mode) from YAML into engine types. */
import { parseComparison } from '../match/comparison-expression';
import { compileRegex } from '../match/regex';
import { parsePattern } from '../pattern/parse-pattern';
import type { Conjunct, Formula, SourceLocation, TaintItem, TaintPropagator, TaintSpec } from '../types';
import { checkKeys, errorCount, reportRule, scalarText, stringList, type RuleContext } from './rule-checks';
import {
  CONJUNCT_EITHER_BRANCH_KEYS,
  CONJUNCT_KEYS,
  EITHER_BRANCH_KEYS,
  FORMULA_KEYS,
  isMetavariableName,
  JS_TS_LANGUAGES,
  METAVARIABLE_COMPARISON_KEYS,
  METAVARIABLE_PATTERN_KEYS,
  METAVARIABLE_REGEX_KEYS,
  NESTED_FORMULA_KEYS,
  PROPAGATOR_KEYS,
  SANITIZER_KEYS,
  SINK_KEYS,
  SOURCE_KEYS,
  type FormulaKey,
  type KeyTable,
} from './rule-schema';
import { getEntry, type YEntry, type YMap, type YNode } from './yaml-tree';

const FORMULA_KEY_SET: ReadonlySet<string> = new Set(FORMULA_KEYS);

/**
 * Compiles the one formula of `map` (a rule, a taint item, a
 * metavariable-pattern): exactly one of pattern, patterns, pattern-either,
 * pattern-regex must be present. Errors are recorded in `ctx`; returns
 * undefined when the formula could not be compiled.
 */
export function compileFormulaOf(ctx: RuleContext, map: YMap, where: string): Formula | undefined {
  const present = map.entries.filter((e) => FORMULA_KEY_SET.has(e.key));
  const first = present[0];
  if (first === undefined) {
    reportRule(ctx, map.line, `${where === '' ? '' : `${where}: `}missing a pattern: add one of ${FORMULA_KEYS.join(', ')}`);
    return undefined;
  }
  if (present.length > 1) {
    const second = present[1] ?? first;
    reportRule(ctx, second.keyLine, `${where === '' ? '' : `${where}: `}use only one of ${FORMULA_KEYS.join(', ')} (found ${present.map((e) => e.key).join(', ')})`);
    return undefined;
  }
  return compileFormulaEntry(ctx, first);
}

/**
 * Compiles `pattern: …`, `patterns: […]`, `pattern-either: […]` or `pattern-regex: …`.
 * The containing mapping went through checkKeys, which reported a value of the wrong type.
 */
function compileFormulaEntry(ctx: RuleContext, entry: YEntry): Formula | undefined {
  const key = entry.key as FormulaKey;
  const loc = locOf(ctx, entry.keyLine);
  switch (key) {
    case 'pattern': {
      const text = scalarText(entry.value);
      if (text === undefined) return undefined; // checkKeys reported the type
      return compilePattern(ctx, text, entry.keyLine);
    }
    case 'pattern-regex': {
      const text = scalarText(entry.value);
      if (text === undefined) return undefined;
      const regex = compileOrReport(ctx, text, 'pattern-regex', entry.keyLine, true);
      return regex === undefined ? undefined : { kind: 'regex', regex, source: text, loc };
    }
    case 'pattern-either':
      return compileEither(ctx, entry);
    case 'patterns':
      return compilePatterns(ctx, entry);
  }
}

function compileEither(ctx: RuleContext, entry: YEntry): Formula | undefined {
  const compiled = compileEitherBranches(ctx, entry, EITHER_BRANCH_KEYS);
  return compiled === undefined ? undefined : { kind: 'either', branches: compiled.map((b) => b.formula), loc: locOf(ctx, entry.keyLine) };
}

/**
 * A `pattern-either` item of `patterns`. When every branch is an "inside"
 * (a `pattern-inside`, or a `patterns` whose only positive items are
 * pattern-inside), the item is itself a pattern-inside of the either:
 * inside(A or B) is (inside A) or (inside B). When only some branches are
 * pattern-inside, the either is compiled as a positive one with the inside
 * branches as plain patterns, which gives Semgrep's results only when the
 * either is the sole positive item of its list: `mixedInsideLine` tells the
 * caller to check that.
 */
function compileEitherConjunct(ctx: RuleContext, entry: YEntry): { conjunct: Conjunct; mixedInsideLine?: number } | undefined {
  const compiled = compileEitherBranches(ctx, entry, CONJUNCT_EITHER_BRANCH_KEYS);
  if (compiled === undefined) return undefined;
  const formula: Formula = { kind: 'either', branches: compiled.map((b) => b.formula), loc: locOf(ctx, entry.keyLine) };
  if (compiled.every((b) => b.inside)) return { conjunct: { kind: 'inside', formula } };
  const explicitInside = compiled.find((b) => b.explicitInside);
  if (explicitInside !== undefined) return { conjunct: { kind: 'positive', formula }, mixedInsideLine: explicitInside.line };
  return { conjunct: { kind: 'positive', formula } };
}

interface CompiledBranch {
  formula: Formula;
  /** The branch only restricts where matches lie (pattern-inside, or patterns made of pattern-inside and filters). */
  inside: boolean;
  /** The branch is written `pattern-inside:`. */
  explicitInside: boolean;
  line: number;
}

function compileEitherBranches(ctx: RuleContext, entry: YEntry, table: KeyTable): CompiledBranch[] | undefined {
  const list = entry.value;
  if (list.kind !== 'seq') return undefined;
  if (list.items.length === 0) {
    reportRule(ctx, entry.keyLine, '"pattern-either" must not be empty');
    return undefined;
  }
  const before = errorCount(ctx);
  const branches: CompiledBranch[] = [];
  for (const item of list.items) {
    const single = singleKeyItem(ctx, item, table, 'pattern-either');
    if (single === undefined) continue;
    if (single.key === 'pattern-inside') {
      const f = compileNestedFormula(ctx, single);
      if (f !== undefined) branches.push({ formula: f, inside: true, explicitInside: true, line: single.keyLine });
      continue;
    }
    const f = compileFormulaEntry(ctx, single);
    if (f === undefined) continue;
    const inside = f.kind === 'all' && f.items.every((c) => c.kind !== 'positive') && f.items.some((c) => c.kind === 'inside');
    branches.push({ formula: f, inside, explicitInside: false, line: single.keyLine });
  }
  if (errorCount(ctx) > before) return undefined;
  return branches;
}

function compilePatterns(ctx: RuleContext, entry: YEntry): Formula | undefined {
  const list = entry.value;
  if (list.kind !== 'seq') return undefined;
  if (list.items.length === 0) {
    reportRule(ctx, entry.keyLine, '"patterns" must not be empty');
    return undefined;
  }
  const before = errorCount(ctx);
  const items: Conjunct[] = [];
  let mixedInsideLine: number | undefined;
  for (const item of list.items) {
    const single = singleKeyItem(ctx, item, CONJUNCT_KEYS, 'patterns');
    if (single === undefined) continue;
    if (single.key === 'pattern-either') {
      const either = compileEitherConjunct(ctx, single);
      if (either === undefined) continue;
      items.push(either.conjunct);
      mixedInsideLine ??= either.mixedInsideLine;
      continue;
    }
    const conjunct = compileConjunct(ctx, single);
    if (conjunct !== undefined) items.push(conjunct);
  }
  if (errorCount(ctx) > before) return undefined;
  if (mixedInsideLine !== undefined && items.filter((c) => c.kind === 'positive' || c.kind === 'inside').length > 1) {
    reportRule(
      ctx,
      mixedInsideLine,
      '"pattern-inside" in a pattern-either whose other branches are not pattern-inside is supported by Vigil\'s engine only when that pattern-either is the only positive item of its "patterns" (put the pattern-inside branches in their own pattern-either)',
    );
    return undefined;
  }
  if (!items.some((c) => c.kind === 'positive' || c.kind === 'inside')) {
    reportRule(ctx, entry.keyLine, '"patterns" needs at least one positive item (pattern, patterns, pattern-either, pattern-regex or pattern-inside)');
    return undefined;
  }
  return { kind: 'all', items, loc: locOf(ctx, entry.keyLine) };
}

/** An item of `patterns`/`pattern-either`: a mapping with exactly one known key. */
function singleKeyItem(ctx: RuleContext, item: YNode, table: KeyTable, where: string): YEntry | undefined {
  if (item.kind !== 'map') {
    reportRule(ctx, item.line, `each item of "${where}" must be a mapping such as "- pattern: …" (got ${item.kind === 'seq' ? 'a list' : 'a plain value'})`);
    return undefined;
  }
  if (item.entries.length !== 1 || item.duplicates.length > 0) {
    const names = [...item.entries.map((e) => e.key), ...item.duplicates.map((d) => d.key)];
    reportRule(ctx, item.line, `each item of "${where}" must hold exactly one operator (found ${names.length === 0 ? 'none' : names.map((k) => `"${k}"`).join(', ')})`);
    return undefined;
  }
  if (!checkKeys(ctx, item, table, where)) return undefined;
  return item.entries[0];
}

function compileConjunct(ctx: RuleContext, entry: YEntry): Conjunct | undefined {
  const loc = locOf(ctx, entry.keyLine);
  switch (entry.key) {
    case 'pattern':
    case 'patterns':
    case 'pattern-regex': {
      const formula = compileFormulaEntry(ctx, entry);
      return formula === undefined ? undefined : { kind: 'positive', formula };
    }
    case 'pattern-inside':
    case 'pattern-not':
    case 'pattern-not-inside': {
      const formula = compileNestedFormula(ctx, entry);
      if (formula === undefined) return undefined;
      const kind = entry.key === 'pattern-inside' ? 'inside' : entry.key === 'pattern-not' ? 'not' : 'not-inside';
      return { kind, formula };
    }
    case 'pattern-not-regex': {
      const text = scalarText(entry.value) ?? '';
      const regex = compileOrReport(ctx, text, 'pattern-not-regex', entry.keyLine, true);
      return regex === undefined ? undefined : { kind: 'not-regex', regex, source: text, loc };
    }
    case 'metavariable-regex':
      return compileMetavariableRegex(ctx, entry);
    case 'metavariable-pattern':
      return compileMetavariablePattern(ctx, entry);
    case 'metavariable-comparison':
      return compileMetavariableComparison(ctx, entry);
    case 'focus-metavariable': {
      const names = stringList(entry.value);
      if (names.length === 0) {
        reportRule(ctx, entry.keyLine, '"focus-metavariable" must name at least one metavariable');
        return undefined;
      }
      if (!names.every((n) => checkMetavariable(ctx, n, 'focus-metavariable', entry.value.line))) return undefined;
      return { kind: 'focus', metavariables: names, loc };
    }
    default:
      // pattern-either is compiled by compileEitherConjunct; checkKeys rejected every other key.
      return undefined;
  }
}

/** The value of pattern-inside / pattern-not / pattern-not-inside: a pattern string or a mapping holding one formula. */
function compileNestedFormula(ctx: RuleContext, entry: YEntry): Formula | undefined {
  const text = scalarText(entry.value);
  if (text !== undefined) return compilePattern(ctx, text, entry.keyLine);
  const map = entry.value;
  if (map.kind !== 'map') return undefined; // checkKeys reported the type
  if (!checkKeys(ctx, map, NESTED_FORMULA_KEYS, entry.key)) return undefined;
  return compileFormulaOf(ctx, map, entry.key);
}

function compileMetavariableRegex(ctx: RuleContext, entry: YEntry): Conjunct | undefined {
  const map = entry.value;
  if (map.kind !== 'map' || !checkKeys(ctx, map, METAVARIABLE_REGEX_KEYS, 'metavariable-regex')) return undefined;
  const metavariable = requiredString(ctx, map, 'metavariable', 'metavariable-regex');
  const regexEntry = getEntry(map, 'regex');
  const regexText = scalarText(regexEntry?.value);
  if (regexEntry === undefined || regexText === undefined) {
    reportRule(ctx, map.line, 'metavariable-regex is missing "regex"');
    return undefined;
  }
  if (metavariable === undefined || !checkMetavariable(ctx, metavariable, 'metavariable-regex', map.line)) return undefined;
  const regex = compileOrReport(ctx, regexText, 'metavariable-regex', regexEntry.keyLine, false);
  if (regex === undefined) return undefined;
  const cp = getEntry(map, 'constant-propagation')?.value;
  const constantPropagation = cp?.kind === 'scalar' && cp.value === true;
  return { kind: 'metavariable-regex', metavariable, regex, constantPropagation, loc: locOf(ctx, entry.keyLine) };
}

function compileMetavariablePattern(ctx: RuleContext, entry: YEntry): Conjunct | undefined {
  const map = entry.value;
  if (map.kind !== 'map' || !checkKeys(ctx, map, METAVARIABLE_PATTERN_KEYS, 'metavariable-pattern')) return undefined;
  const metavariable = requiredString(ctx, map, 'metavariable', 'metavariable-pattern');
  if (metavariable === undefined || !checkMetavariable(ctx, metavariable, 'metavariable-pattern', map.line)) return undefined;
  const languageEntry = getEntry(map, 'language');
  const language = scalarText(languageEntry?.value);
  if (languageEntry !== undefined && language !== undefined && !JS_TS_LANGUAGES.has(language.toLowerCase())) {
    reportRule(ctx, languageEntry.keyLine, `metavariable-pattern with language "${language}" is not supported by Vigil's engine (only JavaScript and TypeScript)`);
    return undefined;
  }
  const formula = compileFormulaOf(ctx, map, 'metavariable-pattern');
  if (formula === undefined) return undefined;
  return { kind: 'metavariable-pattern', metavariable, formula, loc: locOf(ctx, entry.keyLine) };
}

function compileMetavariableComparison(ctx: RuleContext, entry: YEntry): Conjunct | undefined {
  const map = entry.value;
  if (map.kind !== 'map' || !checkKeys(ctx, map, METAVARIABLE_COMPARISON_KEYS, 'metavariable-comparison')) return undefined;
  const comparisonEntry = getEntry(map, 'comparison');
  const source = scalarText(comparisonEntry?.value);
  if (comparisonEntry === undefined || source === undefined) {
    reportRule(ctx, map.line, 'metavariable-comparison is missing "comparison"');
    return undefined;
  }
  const metavariableEntry = getEntry(map, 'metavariable');
  const metavariable = scalarText(metavariableEntry?.value);
  if (metavariable !== undefined && !checkMetavariable(ctx, metavariable, 'metavariable-comparison', map.line)) return undefined;
  const stripNode = getEntry(map, 'strip')?.value;
  const strip = stripNode?.kind === 'scalar' && stripNode.value === true;
  if (strip && metavariable === undefined) {
    reportRule(ctx, map.line, 'metavariable-comparison with "strip: true" needs "metavariable"');
    return undefined;
  }
  const baseNode = getEntry(map, 'base')?.value;
  const base = baseNode?.kind === 'scalar' && typeof baseNode.value === 'number' ? baseNode.value : undefined;
  if (base !== undefined && (base < 2 || base > 36)) {
    reportRule(ctx, baseNode?.line ?? map.line, `"base" in metavariable-comparison must be between 2 and 36 (got ${base})`);
    return undefined;
  }
  const parsed = parseComparison(source);
  if (!parsed.ok) {
    reportRule(ctx, comparisonEntry.keyLine, `invalid comparison in metavariable-comparison: ${parsed.message}`);
    return undefined;
  }
  const conjunct: Conjunct = { kind: 'metavariable-comparison', comparison: parsed.expr, source, loc: locOf(ctx, entry.keyLine) };
  if (metavariable !== undefined) conjunct.metavariable = metavariable;
  if (strip) conjunct.strip = true;
  if (base !== undefined) conjunct.base = base;
  return conjunct;
}

// ---------------------------------------------------------------------------
// Taint mode
// ---------------------------------------------------------------------------

/** Compiles pattern-sources, pattern-sinks, pattern-sanitizers and pattern-propagators of a taint rule. */
export function compileTaint(ctx: RuleContext, rule: YMap): TaintSpec | undefined {
  const before = errorCount(ctx);
  const sources = compileTaintList(ctx, rule, 'pattern-sources', SOURCE_KEYS, true);
  const sinks = compileTaintList(ctx, rule, 'pattern-sinks', SINK_KEYS, true);
  const sanitizers = compileTaintList(ctx, rule, 'pattern-sanitizers', SANITIZER_KEYS, false);
  const propagatorEntry = getEntry(rule, 'pattern-propagators');
  const propagators: TaintPropagator[] = [];
  if (propagatorEntry !== undefined && propagatorEntry.value.kind === 'seq') {
    for (const item of propagatorEntry.value.items) {
      const p = compilePropagator(ctx, item);
      if (p !== undefined) propagators.push(p);
    }
  }
  if (errorCount(ctx) > before) return undefined;
  return { sources, sinks, sanitizers, propagators };
}

function compileTaintList(ctx: RuleContext, rule: YMap, key: string, table: KeyTable, required: boolean): TaintItem[] {
  const entry = getEntry(rule, key);
  if (entry === undefined) {
    if (required) reportRule(ctx, rule.line, `missing required key "${key}" (mode: taint)`);
    return [];
  }
  if (entry.value.kind !== 'seq') return []; // type already reported
  if (entry.value.items.length === 0) {
    reportRule(ctx, entry.keyLine, `"${key}" must not be empty`);
    return [];
  }
  const out: TaintItem[] = [];
  for (const item of entry.value.items) {
    if (item.kind !== 'map') {
      reportRule(ctx, item.line, `each item of "${key}" must be a mapping such as "- pattern: …" (got ${item.kind === 'seq' ? 'a list' : 'a plain value'})`);
      continue;
    }
    if (!checkKeys(ctx, item, table, key)) continue;
    const formula = compileFormulaOf(ctx, item, key);
    if (formula === undefined) continue;
    const taintItem: TaintItem = { formula, loc: locOf(ctx, item.line) };
    const exact = getEntry(item, 'exact')?.value;
    if (exact?.kind === 'scalar' && typeof exact.value === 'boolean') taintItem.exact = exact.value;
    const bySideEffect = getEntry(item, 'by-side-effect')?.value;
    if (bySideEffect?.kind === 'scalar') {
      if (bySideEffect.value === 'only') taintItem.bySideEffect = 'only';
      else if (typeof bySideEffect.value === 'boolean') taintItem.bySideEffect = bySideEffect.value;
    }
    const label = scalarText(getEntry(item, 'label')?.value);
    if (label !== undefined) taintItem.label = label;
    const requires = scalarText(getEntry(item, 'requires')?.value);
    if (requires !== undefined) taintItem.requires = requires;
    out.push(taintItem);
  }
  return out;
}

function compilePropagator(ctx: RuleContext, item: YNode): TaintPropagator | undefined {
  const where = 'pattern-propagators';
  if (item.kind !== 'map') {
    reportRule(ctx, item.line, `each item of "${where}" must be a mapping with a pattern, "from" and "to"`);
    return undefined;
  }
  if (!checkKeys(ctx, item, PROPAGATOR_KEYS, where)) return undefined;
  const from = requiredString(ctx, item, 'from', where);
  const to = requiredString(ctx, item, 'to', where);
  const formula = compileFormulaOf(ctx, item, where);
  if (from === undefined || to === undefined || formula === undefined) return undefined;
  if (!checkMetavariable(ctx, from, `"from" in ${where}`, item.line) || !checkMetavariable(ctx, to, `"to" in ${where}`, item.line)) return undefined;
  const bySideEffect = getEntry(item, 'by-side-effect')?.value;
  const propagator: TaintPropagator = {
    formula,
    from,
    to,
    bySideEffect: !(bySideEffect?.kind === 'scalar' && bySideEffect.value === false),
    loc: locOf(ctx, item.line),
  };
  const label = scalarText(getEntry(item, 'label')?.value);
  if (label !== undefined) propagator.label = label;
  const requires = scalarText(getEntry(item, 'requires')?.value);
  if (requires !== undefined) propagator.requires = requires;
  const replace = getEntry(item, 'replace-labels')?.value;
  if (replace !== undefined) propagator.replaceLabels = stringList(replace);
  return propagator;
}

// ---------------------------------------------------------------------------
// Leaves
// ---------------------------------------------------------------------------

function compilePattern(ctx: RuleContext, text: string, line: number): Formula | undefined {
  let result: ReturnType<typeof parsePattern>;
  try {
    result = parsePattern(text);
  } catch (e) {
    // The parser promises never to throw; if it does, the rule is still the one reported.
    result = { ok: false, message: `internal parser error: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!result.ok) {
    reportRule(ctx, line, `pattern does not parse: ${result.message}`);
    return undefined;
  }
  return { kind: 'pattern', pattern: result.pattern, loc: locOf(ctx, line) };
}

/** Compiles a regex written in the rule; records `rule "x": invalid regex in <where>: …` when it is not valid. */
export function compileOrReport(ctx: RuleContext, source: string, where: string, line: number, multiline: boolean): RegExp | undefined {
  const result = compileRegex(source, { multiline });
  if (!result.ok) {
    reportRule(ctx, line, `invalid regex in ${where}: ${result.message}`);
    return undefined;
  }
  return result.regex;
}

function checkMetavariable(ctx: RuleContext, name: string, where: string, line: number): boolean {
  if (isMetavariableName(name)) return true;
  reportRule(ctx, line, `${where}: "${name}" is not a metavariable name (expected $ followed by uppercase letters, digits or _, e.g. $X)`);
  return false;
}

function requiredString(ctx: RuleContext, map: YMap, key: string, where: string): string | undefined {
  const entry = getEntry(map, key);
  if (entry === undefined) {
    reportRule(ctx, map.line, `${where} is missing "${key}"`);
    return undefined;
  }
  return scalarText(entry.value);
}

function locOf(ctx: RuleContext, line: number): SourceLocation {
  return { file: ctx.file, line };
}
