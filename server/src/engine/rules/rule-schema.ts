/** A declarative description of Semgrep's YAML rule syntax: which keys exist where, their types, and what Vigil supports. */
import type { Severity } from '../types';

/** The type a key's value must have. */
export type ValueType =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'string-or-string-list'
  | 'string-list'
  | 'mapping'
  | 'list'
  /** A pattern string, or a mapping holding one formula key (pattern-inside, pattern-not, ...). */
  | 'formula'
  | 'by-side-effect'
  | 'any';

/** What a key is: its value type, or that Vigil's engine refuses it (with a hint on what to do instead). */
export type KeySpec =
  | { supported: true; type: ValueType }
  | { supported: false; hint?: string }
  /** A real operator written in the wrong place: `where` says where it belongs. */
  | { supported: false; misplaced: string };

/** A mapping's keys, by name. */
export type KeyTable = Readonly<Record<string, KeySpec>>;

const key = (type: ValueType): KeySpec => ({ supported: true, type });
const unsupported = (hint?: string): KeySpec => (hint === undefined ? { supported: false } : { supported: false, hint });
const misplaced = (where: string): KeySpec => ({ supported: false, misplaced: where });
const IN_PATTERNS = 'an item of a "patterns" list';

/** The keys that make a search-mode formula; a rule or a formula mapping holds exactly one. */
export const FORMULA_KEYS = ['pattern', 'patterns', 'pattern-either', 'pattern-regex'] as const;

/** One of {@link FORMULA_KEYS}. */
export type FormulaKey = (typeof FORMULA_KEYS)[number];

/** The taint-mode keys of a rule. */
export const TAINT_KEYS = ['pattern-sources', 'pattern-sinks', 'pattern-sanitizers', 'pattern-propagators'] as const;

/** Top-level keys of a rule. */
export const RULE_KEYS: KeyTable = {
  id: key('string'),
  message: key('string'),
  severity: key('string'),
  languages: key('string-list'),
  mode: key('string'),
  pattern: key('string'),
  patterns: key('list'),
  'pattern-either': key('list'),
  'pattern-regex': key('string'),
  'pattern-sources': key('list'),
  'pattern-sinks': key('list'),
  'pattern-sanitizers': key('list'),
  'pattern-propagators': key('list'),
  fix: key('string'),
  'fix-regex': key('mapping'),
  metadata: key('mapping'),
  options: key('mapping'),
  paths: key('mapping'),
  'min-version': key('string'),
  'max-version': key('string'),
  version: key('string'),
  // Operators that only make sense inside `patterns`.
  'pattern-inside': misplaced(IN_PATTERNS),
  'pattern-not': misplaced(IN_PATTERNS),
  'pattern-not-inside': misplaced(IN_PATTERNS),
  'pattern-not-regex': misplaced(IN_PATTERNS),
  'metavariable-regex': misplaced(IN_PATTERNS),
  'metavariable-pattern': misplaced(IN_PATTERNS),
  'metavariable-comparison': misplaced(IN_PATTERNS),
  'focus-metavariable': misplaced(IN_PATTERNS),
  // Known Semgrep keys Vigil's engine does not implement.
  match: unsupported('use pattern, patterns, pattern-either or pattern-regex'),
  taint: unsupported('use mode: taint with pattern-sources and pattern-sinks'),
  join: unsupported(),
  extract: unsupported(),
  'dest-language': unsupported(),
  transform: unsupported(),
  reduce: unsupported(),
  equivalences: unsupported(),
  'r2c-internal-project-depends-on': unsupported(),
  validators: unsupported(),
};

/** Keys of one item of a `patterns:` list (each item holds exactly one). */
export const CONJUNCT_KEYS: KeyTable = {
  pattern: key('string'),
  patterns: key('list'),
  'pattern-either': key('list'),
  'pattern-regex': key('string'),
  'pattern-inside': key('formula'),
  'pattern-not': key('formula'),
  'pattern-not-inside': key('formula'),
  'pattern-not-regex': key('string'),
  'metavariable-regex': key('mapping'),
  'metavariable-pattern': key('mapping'),
  'metavariable-comparison': key('mapping'),
  'focus-metavariable': key('string-or-string-list'),
  'metavariable-analysis': unsupported(),
  'metavariable-type': unsupported(),
  'metavariable-name': unsupported(),
  'pattern-where-python': unsupported('use metavariable-comparison'),
};

/** Keys of one branch of a `pattern-either:` list that is not an item of `patterns` (rule level, taint items, nested formulas). */
export const EITHER_BRANCH_KEYS: KeyTable = {
  pattern: key('string'),
  patterns: key('list'),
  'pattern-either': key('list'),
  'pattern-regex': key('string'),
  'pattern-inside': unsupported('put the pattern-either in a "patterns" list beside a positive pattern'),
};

/**
 * Keys of one branch of a `pattern-either:` that is an item of `patterns`:
 * there `pattern-inside` branches are allowed when every branch is an
 * "inside" (a common idiom: `pattern-either: [pattern-inside: A, pattern-inside: B]`).
 */
export const CONJUNCT_EITHER_BRANCH_KEYS: KeyTable = {
  ...EITHER_BRANCH_KEYS,
  'pattern-inside': key('formula'),
};

/** Keys of a mapping given to pattern-inside / pattern-not / pattern-not-inside. */
export const NESTED_FORMULA_KEYS: KeyTable = {
  pattern: key('string'),
  patterns: key('list'),
  'pattern-either': key('list'),
  'pattern-regex': key('string'),
};

/** Keys of `metavariable-regex:`. */
export const METAVARIABLE_REGEX_KEYS: KeyTable = {
  metavariable: key('string'),
  regex: key('string'),
  'constant-propagation': key('boolean'),
};

/** Keys of `metavariable-pattern:` (plus exactly one formula key). */
export const METAVARIABLE_PATTERN_KEYS: KeyTable = {
  metavariable: key('string'),
  language: key('string'),
  pattern: key('string'),
  patterns: key('list'),
  'pattern-either': key('list'),
  'pattern-regex': key('string'),
};

/** Keys of `metavariable-comparison:`. */
export const METAVARIABLE_COMPARISON_KEYS: KeyTable = {
  metavariable: key('string'),
  comparison: key('string'),
  strip: key('boolean'),
  base: key('integer'),
};

const TAINT_FORMULA_KEYS: KeyTable = {
  pattern: key('string'),
  patterns: key('list'),
  'pattern-either': key('list'),
  'pattern-regex': key('string'),
};

/** Keys of one item of `pattern-sources:`. */
export const SOURCE_KEYS: KeyTable = {
  ...TAINT_FORMULA_KEYS,
  exact: key('boolean'),
  'by-side-effect': key('by-side-effect'),
  label: key('string'),
  requires: key('string'),
  control: unsupported(),
};

/** Keys of one item of `pattern-sinks:`. */
export const SINK_KEYS: KeyTable = {
  ...TAINT_FORMULA_KEYS,
  exact: key('boolean'),
  requires: key('string'),
  'at-exit': unsupported(),
};

/** Keys of one item of `pattern-sanitizers:`. */
export const SANITIZER_KEYS: KeyTable = {
  ...TAINT_FORMULA_KEYS,
  exact: key('boolean'),
  'by-side-effect': key('by-side-effect'),
  label: key('string'),
  requires: key('string'),
  'not-conflicting': unsupported('use options.taint_assume_safe_functions'),
};

/** Keys of one item of `pattern-propagators:`. */
export const PROPAGATOR_KEYS: KeyTable = {
  ...TAINT_FORMULA_KEYS,
  from: key('string'),
  to: key('string'),
  'by-side-effect': key('boolean'),
  label: key('string'),
  requires: key('string'),
  'replace-labels': key('string-list'),
};

/** Keys of `fix-regex:`. */
export const FIX_REGEX_KEYS: KeyTable = {
  regex: key('string'),
  replacement: key('string'),
  count: key('integer'),
};

/** Keys of `paths:`. */
export const PATHS_KEYS: KeyTable = {
  include: key('string-or-string-list'),
  exclude: key('string-or-string-list'),
};

/**
 * Semgrep's documented rule `options`, with the type of each. Vigil honours
 * the ones its engine implements and accepts the rest without effect; an
 * option not listed here is a warning.
 */
export const RULE_OPTIONS: Readonly<Record<string, 'boolean' | 'integer' | 'string' | 'list' | 'any'>> = {
  constant_propagation: 'boolean',
  symbolic_propagation: 'boolean',
  taint_unify_mvars: 'boolean',
  taint_match_on: 'string',
  taint_assume_safe_functions: 'boolean',
  taint_assume_safe_indexes: 'boolean',
  taint_assume_safe_comparisons: 'boolean',
  taint_assume_safe_booleans: 'boolean',
  taint_assume_safe_numbers: 'boolean',
  taint_only_propagate_through_assignments: 'boolean',
  ac_matching: 'boolean',
  commutative_boolop: 'boolean',
  symmetric_eq: 'boolean',
  vardef_assign: 'boolean',
  flddef_assign: 'boolean',
  attr_expr: 'boolean',
  arrow_is_function: 'boolean',
  let_is_var: 'boolean',
  go_deeper_expr: 'boolean',
  go_deeper_stmt: 'boolean',
  implicit_deep_exprstmt: 'boolean',
  implicit_ellipsis: 'boolean',
  xml_singleton_loose_matching: 'boolean',
  xml_attrs_implicit_ellipsis: 'boolean',
  xml_children_ordered: 'boolean',
  generic_engine: 'string',
  cpp_parsing_pref: 'string',
  generic_multiline: 'boolean',
  generic_braces: 'list',
  generic_extra_braces: 'list',
  generic_extra_word_characters: 'list',
  generic_caseless: 'boolean',
  generic_ellipsis_max_span: 'integer',
  generic_comment_style: 'string',
  interfile: 'boolean',
  implicit_return: 'boolean',
  decorators_order_matters: 'boolean',
  unify_ids_strictly: 'boolean',
  max_match_per_file: 'integer',
  dynamic_timeout: 'boolean',
  dynamic_timeout_unit_kb: 'integer',
  dynamic_timeout_max_multiplier: 'integer',
};

/** Allowed values of `options.taint_match_on`. */
export const TAINT_MATCH_ON_VALUES = ['source', 'sink'] as const;

/** Severities as written in rules, and the Vigil severity each maps to. */
export const SEVERITIES: Readonly<Record<string, Severity>> = {
  ERROR: 'error',
  WARNING: 'warning',
  INFO: 'info',
  CRITICAL: 'error',
  HIGH: 'error',
  MEDIUM: 'warning',
  LOW: 'info',
  INVENTORY: 'info',
  EXPERIMENT: 'info',
};

/** Severities named in error messages (INVENTORY and EXPERIMENT are accepted but experimental). */
export const ADVERTISED_SEVERITIES = ['ERROR', 'WARNING', 'INFO', 'CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;

/** Rule `mode:` values Vigil's engine runs. */
export const SUPPORTED_MODES = ['search', 'taint'] as const;
/** Rule `mode:` values Semgrep has and Vigil's engine refuses with a clear error. */
export const UNSUPPORTED_MODES = ['join', 'extract'] as const;

/** `languages` values the engine parses itself (lower-cased); a rule naming any of them is compiled. */
export const JS_TS_LANGUAGES: ReadonlySet<string> = new Set(['js', 'javascript', 'ts', 'typescript', 'jsx', 'tsx']);

/** True for key prefixes Semgrep reserves for internal experiments: always unsupported. */
export function isInternalKey(name: string): boolean {
  return name.startsWith('r2c-internal-') || name.startsWith('semgrep-internal-');
}

/** True when `name` is a metavariable name: `$X`, `$_`, `$FOO_2`, or an ellipsis metavariable `$...ARGS`. */
export function isMetavariableName(name: string): boolean {
  return /^\$(\.\.\.)?[A-Z_][A-Z0-9_]*$/.test(name);
}

/** The known name closest to `name` when it is close enough to be a typo, for "did you mean …". */
export function suggestKey(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.min(3, Math.floor(best.length / 3)));
  return bestDistance <= limit ? best : undefined;
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? Infinity;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
        v = Math.min(v, at(i - 2, j - 2) + 1);
      }
      const row = d[i];
      if (row !== undefined) row[j] = v;
    }
  }
  return at(a.length, b.length);
}
