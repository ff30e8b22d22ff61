/** `vigil scan`: loads rules, collects files, runs the engine on each and builds the report both formatters print. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isLikelyMinified } from '../../engine/parse/parse-source';
import { loadRules } from '../../engine/rules/load-rules';
import { scanFile } from '../../engine/scan-file';
import type { CompiledRule, EngineError, Finding, ForeignRule, Position } from '../../engine/types';
import type { ScanCommand } from '../args';
import { collectFiles } from '../collect-files';
import type { CliError, CliFixEdit, CliPosition, CliResult, ScanReport } from '../formatters/json';
import { formatJson } from '../formatters/json';
import { formatText } from '../formatters/text';

/** Where the scan runs and what it reports as its version. */
export interface ScanEnvironment {
  cwd: string;
  version: string;
  /** The rules folder shipped with Vigil, used when no `--rules` is given. */
  bundledRulesDir: string;
}

/** What the CLI prints and how it exits: `stdout` is the whole output, `stderr` one line on usage errors. */
export interface CommandOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `vigil scan` and returns its output; usage problems (a missing path) give exit 2. */
export function runScan(command: ScanCommand, env: ScanEnvironment): CommandOutcome {
  const rulePaths = command.rules.length > 0 ? command.rules : [env.bundledRulesDir];
  const missingRules = rulePaths.filter((rulePath) => !fs.existsSync(path.resolve(env.cwd, rulePath)));
  if (missingRules.length > 0) {
    return usageError(`rules path not found: ${missingRules.join(', ')}`);
  }
  const collected = collectFiles(command.paths, env.cwd);
  if (collected.missing.length > 0) {
    return usageError(`path not found: ${collected.missing.join(', ')}`);
  }
  const report = buildReport(rulePaths, collected.files, env);
  for (const skipped of collected.skipped) {
    report.errors.push({ message: skipped.reason, path: skipped.displayPath, level: 'info', kind: 'skipped' });
  }
  sortReport(report);
  const stdout = command.format === 'json' ? formatJson(report) : formatText(report);
  return { stdout, stderr: '', exitCode: 0 };
}

function usageError(message: string): CommandOutcome {
  return { stdout: '', stderr: `vigil: ${message}\n`, exitCode: 2 };
}

function buildReport(
  rulePaths: readonly string[],
  files: ReturnType<typeof collectFiles>['files'],
  env: ScanEnvironment,
): ScanReport {
  const report: ScanReport = { version: env.version, results: [], errors: [], filesScanned: 0 };
  const loaded = loadRules(rulePaths.map((rulePath) => path.resolve(env.cwd, rulePath)));
  for (const error of loaded.errors) {
    report.errors.push(toCliError(error, relativeToCwd(error.path, env.cwd)));
  }
  for (const rule of loaded.foreignRules) {
    report.errors.push(foreignRuleError(rule, env.cwd));
  }
  const rules: readonly CompiledRule[] = loaded.rules;
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file.absolutePath, 'utf8');
    } catch (error) {
      report.errors.push({
        message: `could not read ${file.displayPath}: ${errorMessage(error)}`,
        path: file.displayPath,
        level: 'error',
        kind: 'read',
      });
      continue;
    }
    if (!file.explicit && isLikelyMinified(text)) {
      report.errors.push({
        message: `skipped ${file.displayPath}: it looks minified or generated (very long lines); name the file explicitly to scan it anyway`,
        path: file.displayPath,
        level: 'info',
        kind: 'skipped',
      });
      continue;
    }
    report.filesScanned += 1;
    let scanned: ReturnType<typeof scanFile>;
    try {
      scanned = scanFile(text, file.displayPath, rules);
    } catch (error) {
      // scanFile returns errors as values; a throw is an engine bug, and it must not cost the other files.
      report.errors.push({
        message: `internal error while scanning ${file.displayPath}: ${errorMessage(error)}`,
        path: file.displayPath,
        level: 'error',
        kind: 'internal',
      });
      continue;
    }
    for (const finding of scanned.findings) {
      report.results.push(toCliResult(finding, file.displayPath, text));
    }
    for (const error of scanned.errors) {
      // Scan errors are about the scanned file: name it the way the user does.
      report.errors.push(toCliError(error, error.path === undefined ? file.displayPath : relativeToCwd(error.path, env.cwd)));
    }
  }
  return report;
}

function foreignRuleError(rule: ForeignRule, cwd: string): CliError {
  const languages = rule.languages.length > 0 ? rule.languages.join(', ') : 'an unnamed language';
  return {
    message: `rule '${rule.id}' is for ${languages}; it was skipped because the built-in engine only runs JavaScript/TypeScript rules`,
    path: relativeToCwd(rule.loc.file, cwd),
    ruleId: rule.id,
    line: rule.loc.line,
    level: 'warning',
    kind: 'unsupported-language',
  };
}

/** Converts an engine finding to the contract's shape (1-based positions, the user's path). */
function toCliResult(finding: Finding, displayPath: string, text: string): CliResult {
  const result: CliResult = {
    ruleId: finding.ruleId,
    path: displayPath,
    start: toCliPosition(finding.range.start),
    end: toCliPosition(finding.range.end),
    message: finding.message,
    severity: finding.severity,
    metadata: finding.metadata,
  };
  if (finding.fix !== undefined && finding.fix.edits.length > 0) {
    const lines = new OffsetMapper(text);
    result.fix = replacementForMatch(text, finding.start, finding.end, finding.fix.edits);
    result.fixEdits = finding.fix.edits.map(
      (edit): CliFixEdit => ({ start: lines.toCliPosition(edit.start), end: lines.toCliPosition(edit.end), text: edit.text }),
    );
  }
  return result;
}

/**
 * The text that replaces the matched range once the fix's edits are applied. Edits that reach
 * outside the match widen the span, so the string is always what `[start, end)` of the widened
 * span becomes.
 */
function replacementForMatch(text: string, matchStart: number, matchEnd: number, edits: readonly { start: number; end: number; text: string }[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const spanStart = Math.min(matchStart, ...sorted.map((edit) => edit.start));
  const spanEnd = Math.max(matchEnd, ...sorted.map((edit) => edit.end));
  let output = '';
  let cursor = spanStart;
  for (const edit of sorted) {
    if (edit.start < cursor) {
      continue; // Overlapping edits: keep the first, as applyFixes does.
    }
    output += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return output + text.slice(cursor, spanEnd);
}

function toCliPosition(position: Position): CliPosition {
  return { line: position.line + 1, column: position.character + 1 };
}

/** Maps UTF-16 offsets to 1-based line/column with the LSP's line breaks (\n, \r\n, \r). */
class OffsetMapper {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (code === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) {
          i += 1;
        }
        this.lineStarts.push(i + 1);
      } else if (code === 10 /* \n */) {
        this.lineStarts.push(i + 1);
      }
    }
  }

  toCliPosition(offset: number): CliPosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return { line: low + 1, column: offset - (this.lineStarts[low] ?? 0) + 1 };
  }
}

function toCliError(error: EngineError, displayPath: string | undefined): CliError {
  // Built key by key so the JSON keeps the contract's order and omits absent fields.
  const cliError: Partial<CliError> & { message: string } = { message: error.message };
  if (displayPath !== undefined) {
    cliError.path = displayPath;
  }
  if (error.ruleId !== undefined) {
    cliError.ruleId = error.ruleId;
  }
  if (error.line !== undefined) {
    cliError.line = error.line;
  }
  if (error.column !== undefined) {
    cliError.column = error.column;
  }
  return { ...cliError, level: error.level, kind: error.kind };
}

/** Paths inside the working directory are shown relative to it; others stay as they are. */
function relativeToCwd(filePath: string | undefined, cwd: string): string | undefined {
  if (filePath === undefined || !path.isAbsolute(filePath)) {
    return filePath?.split(path.sep).join('/');
  }
  const relative = path.relative(cwd, filePath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return filePath;
  }
  return relative.split(path.sep).join('/');
}

/** Results by path, line, column, rule id; errors keep load order, then file order. */
function sortReport(report: ScanReport): void {
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  report.results.sort(
    (a, b) =>
      compare(a.path, b.path) ||
      a.start.line - b.start.line ||
      a.start.column - b.start.column ||
      compare(a.ruleId, b.ruleId) ||
      a.end.line - b.end.line ||
      a.end.column - b.end.column,
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
