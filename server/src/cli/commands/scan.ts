/** `vigil scan`: loads rules, collects files, scans them (worker threads, semgrep for other languages), filters, fixes, formats and picks the exit code. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineError, ForeignRule, LoadRulesResult } from '../../engine/types';
import { scanFilesWithSemgrep, semgrepRules, SEMGREP_INSTALL_HINT, summarizeList } from '../../semgrep/scan-with-semgrep';
import { extensionsForLanguages } from '../../semgrep/semgrep-languages';
import type { FailOn, ScanCommand } from '../args';
import { applySafeFixes } from '../apply-safe-fixes';
import { intersectsRegions, readAssistantRegions, type RegionRange } from '../assistant-regions';
import { changedLinesSince, touchesChangedLine, type ChangedLines } from '../changed-lines';
import { collectFiles, type CollectedFile } from '../collect-files';
import type { CliError } from '../formatters/json';
import { formatJson } from '../formatters/json';
import { formatSarif } from '../formatters/sarif';
import { ANSI_PALETTE, formatText, PLAIN_PALETTE, shouldColor } from '../formatters/text';
import { ProgressBar, shouldShowProgress, type ProgressStream } from '../progress';
import { loadRulesCached, type RuleCacheLocation } from '../../shared/rule-cache-file';
import { scanOneFile, type FileOutcome, type FileTask } from '../scan-one-file';
import { scanInWorkers, workerCount } from '../scan-pool';
import type { ReportedFinding, RuleSummary, ScanReport } from '../scan-report';
import { OffsetMapper, toCliError, toReportedFinding } from '../to-reported-finding';

/** Where the scan runs, what it reports as its version, and the process it may talk to. */
export interface ScanEnvironment {
  cwd: string;
  version: string;
  /** The rules folder shipped with Vigil, used unless `--no-default-rules`. */
  bundledRulesDir: string;
  /** Its compiled form, when the CLI runs from its bundle (see rule-cache-file.ts). */
  ruleCache?: RuleCacheLocation;
  /** The module worker threads start from (the CLI's main module). */
  workerEntry: string;
  env: NodeJS.ProcessEnv;
  /** Where the progress bar goes (stderr). */
  progressStream: ProgressStream;
  /** Whether stdout is a terminal (colours). */
  stdoutIsTTY: boolean;
}

/** What the CLI prints and how it exits: `stdout` is the whole output, `stderr` messages for the user. */
export interface CommandOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const SEVERITY_RANK: Record<string, number> = { error: 3, warning: 2, info: 1 };
const THRESHOLD_RANK: Record<FailOn, number> = { error: 3, warning: 2, info: 1, none: Number.POSITIVE_INFINITY };

/** True when a finding's severity is at or above `--fail-on`. */
export function isAtOrAbove(severity: string, failOn: FailOn): boolean {
  return (SEVERITY_RANK[severity] ?? 0) >= THRESHOLD_RANK[failOn];
}

/** The rule paths a run loads: the bundled pack unless `--no-default-rules`, then each `--rules`. */
export function rulePathsFor(command: { rules: readonly string[]; defaultRules: boolean }, env: { cwd: string; bundledRulesDir: string }): string[] {
  return [...(command.defaultRules ? [env.bundledRulesDir] : []), ...command.rules.map((rulePath) => path.resolve(env.cwd, rulePath))];
}

/** Runs `vigil scan` and returns its output and exit code (2 for usage and configuration errors). */
export async function runScan(command: ScanCommand, env: ScanEnvironment): Promise<CommandOutcome> {
  const missingRules = command.rules.filter((rulePath) => !fs.existsSync(path.resolve(env.cwd, rulePath)));
  if (missingRules.length > 0) {
    return usageError(`rules path not found: ${missingRules.join(', ')}`);
  }
  const rulePaths = rulePathsFor(command, env);
  const loaded = loadRulesCached(rulePaths, env.ruleCache);
  const bridgeRules = semgrepRules(loaded.foreignRules);
  const otherLanguages = extensionsForLanguages(bridgeRules.flatMap((rule) => rule.languages));
  const collected = collectFiles(command.paths, env.cwd, {
    include: command.include,
    exclude: command.exclude,
    maxFileBytes: command.maxFileBytes,
    otherLanguages,
  });
  if (collected.missing.length > 0) {
    return usageError(`path not found: ${collected.missing.join(', ')}`);
  }
  const warnings: string[] = [];
  let changed: ChangedLines | undefined;
  if (command.changedSince !== undefined) {
    const result = changedLinesSince(command.changedSince, env.cwd);
    if (!result.ok) return usageError(result.message);
    changed = realpathKeys(result.lines);
    warnings.push(...result.warnings);
  }
  let regions: Map<string, RegionRange[]> | undefined;
  if (command.assistantRegions !== undefined) {
    const result = readAssistantRegions(path.resolve(env.cwd, command.assistantRegions));
    if (!result.ok) return usageError(result.message);
    regions = realpathKeys(result.regions);
  }
  // Only files with changed lines or assistant regions can have a reported finding: skip the rest unread.
  const keep = (file: CollectedFile): boolean => {
    const real = realpath(file.absolutePath);
    return (changed === undefined || changed.has(real)) && (regions === undefined || regions.has(real));
  };
  const files = collected.files.filter(keep);

  const report: ScanReport = { version: env.version, findings: [], errors: [], filesScanned: 0, root: env.cwd, rules: ruleSummaries(loaded) };
  for (const error of loaded.errors) {
    report.errors.push(toCliError(error, relativeToCwd(error.path, env.cwd)));
  }
  const afterLoadErrors = report.errors.length;
  const engineFiles = files.filter((file) => file.language === 'engine');
  const otherFiles = files.filter((file) => file.language !== 'engine');
  const outcomes = await scanEngineFiles(engineFiles, rulePaths, loaded, command, env);
  for (const outcome of outcomes) {
    if (outcome.scanned) report.filesScanned += 1;
    report.findings.push(...outcome.findings);
    report.errors.push(...outcome.errors);
  }
  const semgrepStatus = await scanOtherFiles(otherFiles, bridgeRules, command, env, report);
  if (semgrepStatus !== 'ran') {
    // Next to the other rule-loading entries, as before the bridge existed: load order, then file order.
    report.errors.splice(afterLoadErrors, 0, ...loaded.foreignRules.map((rule) => foreignRuleError(rule, env.cwd)));
  }
  for (const skipped of collected.skipped) {
    report.errors.push({ message: skipped.reason, path: skipped.displayPath, level: 'info', kind: 'skipped' });
  }

  const absoluteOf = (displayPath: string): string => path.resolve(env.cwd, displayPath);
  report.findings = report.findings.filter((finding) => {
    const real = realpath(absoluteOf(finding.result.path));
    if (changed !== undefined && !touchesChangedLine(changed.get(real), finding.result.start.line, finding.result.end.line)) return false;
    if (regions !== undefined) {
      const start = { line: finding.result.start.line - 1, character: finding.result.start.column - 1 };
      const end = { line: finding.result.end.line - 1, character: finding.result.end.column - 1 };
      if (!intersectsRegions(regions.get(real), start, end)) return false;
    }
    return true;
  });

  let diff = '';
  const notes: string[] = [];
  if (command.fix) {
    const fixed = applySafeFixes(report.findings, absoluteOf, command.dryRun);
    report.findings = fixed.remaining;
    diff = fixed.diff;
    for (const problem of fixed.problems) report.errors.push({ message: problem, level: 'error', kind: 'fix' });
    const verb = command.dryRun ? 'would apply' : 'applied';
    notes.push(`vigil: ${verb} ${fixed.fixesApplied} safe fix${fixed.fixesApplied === 1 ? '' : 'es'} in ${fixed.filesChanged} file${fixed.filesChanged === 1 ? '' : 's'}`);
  }
  sortReport(report);

  const rendered = render(command, report, env);
  let stdout = '';
  if (command.output !== undefined) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(env.cwd, command.output)), { recursive: true });
      fs.writeFileSync(path.resolve(env.cwd, command.output), rendered.plain);
    } catch (error) {
      return usageError(`could not write --output ${command.output}: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else if (!command.dryRun) {
    stdout = rendered.forStdout;
  }
  if (command.dryRun) stdout += diff;

  const configErrors = report.errors.filter((error) => error.kind === 'rule-load' && error.level === 'error');
  const stderrLines = [...warnings.map((warning) => `vigil: ${warning}`), ...notes];
  if (configErrors.length > 0) {
    for (const error of configErrors) {
      stderrLines.push(`vigil: rule error: ${error.path ?? ''}${error.line === undefined ? '' : `:${error.line}`}${error.ruleId === undefined ? '' : ` [${error.ruleId}]`}: ${error.message}`);
    }
  }
  const exitCode = configErrors.length > 0 ? 2 : report.findings.some((finding) => isAtOrAbove(finding.result.severity, command.failOn)) ? 1 : 0;
  return { stdout, stderr: stderrLines.map((line) => `${line}\n`).join(''), exitCode };
}

/** The report as text, JSON or SARIF; text is coloured only for a terminal. */
function render(command: ScanCommand, report: ScanReport, env: ScanEnvironment): { plain: string; forStdout: string } {
  switch (command.format) {
    case 'json': {
      const json = formatJson(report);
      return { plain: json, forStdout: json };
    }
    case 'sarif': {
      const sarif = formatSarif(report);
      return { plain: sarif, forStdout: sarif };
    }
    case 'text': {
      const plain = formatText(report, PLAIN_PALETTE);
      const colored = shouldColor(env.stdoutIsTTY, env.env, command.color) ? formatText(report, ANSI_PALETTE) : plain;
      return { plain, forStdout: colored };
    }
  }
}

/** Scans the JS/TS files: in this thread for few files or `--jobs 1`, else on this thread and jobs−1 workers. */
async function scanEngineFiles(
  files: readonly CollectedFile[],
  rulePaths: readonly string[],
  loaded: LoadRulesResult,
  command: ScanCommand,
  env: ScanEnvironment,
): Promise<FileOutcome[]> {
  const tasks: FileTask[] = files.map((file, index) => ({ index, displayPath: file.displayPath, absolutePath: file.absolutePath, explicit: file.explicit }));
  const bar = new ProgressBar(env.progressStream, tasks.length, shouldShowProgress(env.progressStream, env.env, command.progress));
  let done = 0;
  let findings = 0;
  const onOutcome = (outcome: FileOutcome): void => {
    done += 1;
    findings += outcome.findings.length;
    bar.update(done, findings);
  };
  try {
    const workers = workerCount(files.length, files.reduce((sum, file) => sum + file.size, 0), command.jobs);
    if (workers > 0) {
      try {
        return await scanInWorkers(tasks, rulePaths, env.ruleCache, workers, env.workerEntry, onOutcome, (task) => scanOneFile(task, loaded.rules));
      } catch {
        // A worker that cannot start (or dies) must not cost the scan: fall back to this thread.
        done = 0;
        findings = 0;
      }
    }
    return tasks.map((task) => {
      const outcome = scanOneFile(task, loaded.rules);
      onOutcome(outcome);
      return outcome;
    });
  } finally {
    bar.finish();
  }
}

/**
 * Scans files in other languages with the semgrep bridge. When semgrep is missing, one
 * warning names the files that were not scanned and how to install it; the run goes on.
 */
async function scanOtherFiles(
  files: readonly CollectedFile[],
  rules: readonly ForeignRule[],
  command: ScanCommand,
  env: ScanEnvironment,
  report: ScanReport,
): Promise<'ran' | 'missing' | 'failed' | 'no-rules'> {
  if (files.length === 0 || rules.length === 0) return 'no-rules';
  const texts = new Map<string, string>();
  const bridgeFiles = files.map((file) => {
    let text: string | undefined;
    try {
      text = fs.readFileSync(file.absolutePath, 'utf8');
      texts.set(file.displayPath, text);
    } catch {
      text = undefined;
    }
    return { reportPath: file.displayPath, absolutePath: file.absolutePath, ...(text === undefined ? {} : { text }) };
  });
  const result = await scanFilesWithSemgrep(bridgeFiles, rules, {
    ...(command.semgrepPath === undefined ? {} : { executable: command.semgrepPath }),
    env: env.env,
    timeoutMs: command.semgrepTimeoutSeconds * 1000,
    cwd: env.cwd,
  });
  if (result.status === 'missing') {
    report.errors.push({
      message: `semgrep is not installed, so ${files.length} file${files.length === 1 ? '' : 's'} in other languages ${files.length === 1 ? 'was' : 'were'} not scanned (${summarizeList(files.map((file) => file.displayPath))}); ${SEMGREP_INSTALL_HINT}`,
      level: 'warning',
      kind: 'semgrep-missing',
    });
    return 'missing';
  }
  if (result.status === 'ran') report.filesScanned += files.length;
  const mappers = new Map<string, OffsetMapper>();
  for (const finding of result.findings) {
    const text = texts.get(finding.path) ?? '';
    let mapper = mappers.get(finding.path);
    if (mapper === undefined) {
      mapper = new OffsetMapper(text);
      mappers.set(finding.path, mapper);
    }
    report.findings.push(toReportedFinding(finding, finding.path, text, mapper));
  }
  for (const error of result.errors) {
    report.errors.push(semgrepError(error));
  }
  return result.status;
}

function semgrepError(error: EngineError): CliError {
  // Semgrep's own rule errors are about the temporary config: they name a rule, not a file of the user's.
  return toCliError(error.kind === 'rule-load' ? { ...error, kind: 'rule-run' } : error, error.path);
}

function ruleSummaries(loaded: LoadRulesResult): Map<string, RuleSummary> {
  const summaries = new Map<string, RuleSummary>();
  for (const rule of loaded.rules) {
    summaries.set(rule.id, { id: rule.id, message: rule.message, severity: rule.severity, metadata: rule.metadata });
  }
  for (const rule of loaded.foreignRules) {
    if (summaries.has(rule.id)) continue;
    const raw = rule.raw;
    const metadata = typeof raw.metadata === 'object' && raw.metadata !== null ? (raw.metadata as Record<string, unknown>) : {};
    const severity = typeof raw.severity === 'string' ? raw.severity.toUpperCase() : '';
    summaries.set(rule.id, {
      id: rule.id,
      message: typeof raw.message === 'string' ? raw.message : rule.id,
      severity: severity === 'ERROR' || severity === 'CRITICAL' || severity === 'HIGH' ? 'error' : severity === 'WARNING' || severity === 'MEDIUM' ? 'warning' : 'info',
      metadata,
    });
  }
  return summaries;
}

function usageError(message: string): CommandOutcome {
  return { stdout: '', stderr: `vigil: ${message}\n`, exitCode: 2 };
}

function foreignRuleError(rule: ForeignRule, cwd: string): CliError {
  const languages = rule.languages.length > 0 ? rule.languages.join(', ') : 'an unnamed language';
  return {
    message: `rule '${rule.id}' is for ${languages}; it was skipped because the built-in engine only runs JavaScript/TypeScript rules (semgrep runs it when installed)`,
    path: relativeToCwd(rule.loc.file, cwd),
    ruleId: rule.id,
    line: rule.loc.line,
    level: 'warning',
    kind: 'unsupported-language',
  };
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

function realpath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

function realpathKeys<T>(map: Map<string, T>): Map<string, T> {
  return new Map([...map.entries()].map(([key, value]) => [realpath(key), value]));
}

/** Results by path, line, column, rule id; errors keep load order, then file order. */
function sortReport(report: ScanReport): void {
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  report.findings.sort(
    (x: ReportedFinding, y: ReportedFinding) =>
      compare(x.result.path, y.result.path) ||
      x.result.start.line - y.result.start.line ||
      x.result.start.column - y.result.start.column ||
      compare(x.result.ruleId, y.result.ruleId) ||
      x.result.end.line - y.result.end.line ||
      x.result.end.column - y.result.end.column,
  );
}
