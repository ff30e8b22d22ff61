/** The report one `vigil scan` builds and every formatter prints: contract results plus the details text and SARIF need. */
import type { TextEdit } from '../engine/types';
import type { CliError, CliPosition, CliResult } from './formatters/json';

/** One step of a taint trace, in 1-based positions of the scanned file. */
export interface ReportedTraceStep {
  kind: string;
  label: string;
  start: CliPosition;
  end: CliPosition;
}

/** What text and SARIF show beyond the JSON contract. */
export interface FindingDetail {
  /** Stable across unrelated line shifts (the engine's fingerprint). */
  fingerprint: string;
  /** The start line's text, with the matched part replaced by the redacted snippet for a secret. */
  sourceLine: string;
  /** Where the caret goes in `sourceLine` (0-based UTF-16) and how wide (at least 1). */
  caretStart: number;
  caretLength: number;
  /** The matched text as it may be shown (redacted for secrets). */
  snippet: string;
  redacted: boolean;
  /** The fix's edits as offsets into the file, for `--fix` (never printed). */
  edits?: TextEdit[];
  /** False when the rule marks its fix as a suggestion: `--fix` leaves it alone. */
  fixSafe?: boolean;
  trace?: ReportedTraceStep[];
}

/** A finding as the CLI reports it: the JSON contract's result plus its details. */
export interface ReportedFinding {
  result: CliResult;
  detail: FindingDetail;
}

/** Everything one `vigil scan` run reports; every formatter prints this. */
export interface ScanReport {
  version: string;
  findings: ReportedFinding[];
  errors: CliError[];
  /** How many files were scanned (text summary and SARIF only; not part of the JSON contract). */
  filesScanned: number;
  /** The folder relative paths are relative to (SARIF's `%SRCROOT%`). */
  root: string;
  /** Rule metadata by id, for SARIF's rule descriptors (help text, CWE tags, severity). */
  rules: Map<string, RuleSummary>;
}

/** What SARIF says about a rule. */
export interface RuleSummary {
  id: string;
  message: string;
  severity: 'error' | 'warning' | 'info';
  metadata: Record<string, unknown>;
}
