/** The `--format json` output: the CLI's stable contract (one JSON object on stdout), its types and its serializer. */
import type { ScanReport } from '../scan-report';

/** A 1-based line and column (UTF-16 code units), as editors and Semgrep print them. */
export interface CliPosition {
  line: number;
  column: number;
}

/** One edit of a fix, in 1-based positions of the scanned file. */
export interface CliFixEdit {
  start: CliPosition;
  end: CliPosition;
  text: string;
}

/** One finding in the JSON output. */
export interface CliResult {
  /** Exactly the rule's `id`. */
  ruleId: string;
  /** As given on the command line, or relative to the working directory. */
  path: string;
  start: CliPosition;
  end: CliPosition;
  message: string;
  severity: string;
  metadata: Record<string, unknown>;
  /** The replacement text for the matched range, when the rule has a fix. */
  fix?: string;
  /** The same fix as edits (usually one edit covering the match). */
  fixEdits?: CliFixEdit[];
}

/** One problem in the JSON output: a rule that did not load, a file that did not parse, a skipped path. */
export interface CliError {
  message: string;
  path?: string;
  ruleId?: string;
  line?: number;
  column?: number;
  /** `error`, `warning` or `info` (e.g. a minified file that was skipped). */
  level: 'error' | 'warning' | 'info';
  kind: string;
}

/** Serializes `report` as the contract's single JSON object (with a trailing newline). */
export function formatJson(report: ScanReport): string {
  const output = {
    version: report.version,
    results: report.findings.map((finding) => finding.result),
    errors: report.errors,
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
