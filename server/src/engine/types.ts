/**
 * Plain-data types shared by every part of the engine and its front ends.
 *
 * The engine is pure: text, a path and compiled rules go in; findings, fixes and
 * errors come out as these values. Positions are 0-based lines and UTF-16
 * character offsets (the LSP convention); the CLI and SARIF convert to 1-based.
 */

/** A 0-based line and UTF-16 column. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open range of positions. */
export interface Range {
  start: Position;
  end: Position;
}

/** Vigil's three severities; Semgrep's ERROR/WARNING/INFO and CRITICAL..LOW map onto them. */
export type Severity = 'error' | 'warning' | 'info';

/** Where in a rule file something was written (1-based line, for messages). */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

/** What went wrong, where, as a value: never thrown out of the engine. */
export interface EngineError {
  /** Says what is wrong and, when it helps, what to do. */
  message: string;
  kind: 'rule-load' | 'parse' | 'rule-run' | 'unsupported-language' | 'internal';
  level: 'error' | 'warning' | 'info';
  /** The rule file (rule errors) or the scanned file (parse/run errors). */
  path?: string;
  ruleId?: string;
  /** 1-based line in `path`. */
  line?: number;
  /** 1-based column in `path`. */
  column?: number;
}

/** A replacement of `[start, end)` (UTF-16 offsets into the scanned text) by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** One step of a taint trace (filled by taint mode). */
export interface TraceStep {
  kind: 'source' | 'assignment' | 'call' | 'return' | 'parameter' | 'sink';
  range: Range;
  start: number;
  end: number;
  /** Short description, e.g. "req.query.id flows into q". */
  label: string;
}

/** What a metavariable was bound to, for messages, fixes and front ends. */
export interface BoundValue {
  text: string;
  start: number;
  end: number;
}

/** One result of one rule on one file. */
export interface Finding {
  ruleId: string;
  path: string;
  range: Range;
  /** UTF-16 offsets into the scanned text. */
  start: number;
  end: number;
  /** The rule's message with metavariables substituted. */
  message: string;
  severity: Severity;
  metadata: Record<string, unknown>;
  /** The matched source text. */
  snippet: string;
  metavariables: Record<string, BoundValue>;
  /**
   * Ready edits from the rule's `fix:`/`fix-regex:`. `safe` is false when the
   * rule says its fix changes behaviour (`metadata.fix-safety: suggestion`):
   * front ends offer it as a suggestion, never in fix-all.
   */
  fix?: { edits: TextEdit[]; safe: boolean };
  /** Stable across unrelated line shifts: rule + normalized text + enclosing function + occurrence. */
  fingerprint: string;
  /**
   * The rule reports a hard-coded secret: `snippet`, `message` and
   * `metavariables` hold it redacted (see redact.ts). A front end that shows
   * source text must show `snippet` in place of the matched range.
   */
  redacted?: boolean;
  trace?: TraceStep[];
}

/** The result of scanning one file. */
export interface ScanResult {
  findings: Finding[];
  errors: EngineError[];
}

// ---------------------------------------------------------------------------
// Compiled rules
// ---------------------------------------------------------------------------

/**
 * A parsed pattern: its estree AST with Vigil's placeholders for `...`,
 * `<... P ...>` and `$...X` (see pattern/parse-pattern.ts).
 */
export interface CompiledPattern {
  source: string;
  /** Pattern AST root(s); opaque outside engine/match and engine/pattern. */
  root: unknown;
  /** Words (identifiers, string contents) that must appear in a file for a match. */
  requiredWords: string[];
}

/** A positive or negative formula tree, as Semgrep's `patterns` algebra sees it. */
export type Formula =
  | { kind: 'pattern'; pattern: CompiledPattern; loc: SourceLocation }
  | { kind: 'regex'; regex: RegExp; source: string; loc: SourceLocation }
  | { kind: 'either'; branches: Formula[]; loc: SourceLocation }
  | { kind: 'all'; items: Conjunct[]; loc: SourceLocation };

/** One item of a `patterns:` list. */
export type Conjunct =
  | { kind: 'positive'; formula: Formula }
  | { kind: 'inside'; formula: Formula }
  | { kind: 'not'; formula: Formula }
  | { kind: 'not-inside'; formula: Formula }
  | { kind: 'not-regex'; regex: RegExp; source: string; loc: SourceLocation }
  | { kind: 'metavariable-regex'; metavariable: string; regex: RegExp; constantPropagation: boolean; loc: SourceLocation }
  | { kind: 'metavariable-pattern'; metavariable: string; formula: Formula; loc: SourceLocation }
  | {
      kind: 'metavariable-comparison';
      metavariable?: string;
      comparison: ComparisonExpr;
      source: string;
      /** `strip: true`: remove quotes around the metavariable's text before reading it as a number. */
      strip?: boolean;
      /** `base: N`: read the metavariable's text as an integer in base N. */
      base?: number;
      loc: SourceLocation;
    }
  | { kind: 'focus'; metavariables: string[]; loc: SourceLocation };

/** A parsed `metavariable-comparison` expression (see match/comparison-expression.ts). */
export type ComparisonExpr =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'metavariable'; name: string }
  | { kind: 'list'; items: ComparisonExpr[] }
  | { kind: 'unary'; op: 'not' | '-' | '+'; operand: ComparisonExpr }
  | { kind: 'binary'; op: string; left: ComparisonExpr; right: ComparisonExpr }
  | { kind: 'call'; callee: string; args: ComparisonExpr[] };

/** A taint rule's parts (taint mode is implemented in engine/taint). */
export interface TaintSpec {
  sources: TaintItem[];
  sinks: TaintItem[];
  sanitizers: TaintItem[];
  propagators: TaintPropagator[];
}

export interface TaintItem {
  formula: Formula;
  exact?: boolean;
  bySideEffect?: boolean | 'only';
  label?: string;
  requires?: string;
  loc: SourceLocation;
}

export interface TaintPropagator {
  formula: Formula;
  from: string;
  to: string;
  bySideEffect: boolean;
  label?: string;
  requires?: string;
  replaceLabels?: string[];
  loc: SourceLocation;
}

/** A rule ready to run: compiled once, reused for every file. */
export interface CompiledRule {
  id: string;
  message: string;
  severity: Severity;
  /** The rule's `languages` as written. */
  languages: string[];
  metadata: Record<string, unknown>;
  mode: 'search' | 'taint';
  /** Search mode: the rule's formula. */
  formula?: Formula;
  /** Taint mode: sources, sinks, sanitizers, propagators. */
  taint?: TaintSpec;
  fix?: string;
  fixRegex?: { regex: RegExp; replacement: string; count?: number };
  /** `paths: {include, exclude}` globs. */
  paths?: { include: string[]; exclude: string[] };
  options: Record<string, unknown>;
  /** Where the rule was defined (1-based line of its `id:`). */
  loc: SourceLocation;
}

/**
 * A rule for a language the engine does not parse (Python, Go, ...): kept as
 * written, for the semgrep bridge.
 */
export interface ForeignRule {
  id: string;
  languages: string[];
  /** The rule's YAML mapping as plain data. */
  raw: Record<string, unknown>;
  loc: SourceLocation;
}

/** The result of loading rules from files: errors are values, one bad rule never stops the others. */
export interface LoadRulesResult {
  rules: CompiledRule[];
  foreignRules: ForeignRule[];
  errors: EngineError[];
}
