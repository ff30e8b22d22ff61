/** Scans one file for the CLI (read, skip if minified, scanFile, convert): the same code on the main thread and in worker threads. */
import * as fs from 'node:fs';
import { isLikelyMinified } from '../engine/parse/parse-source';
import { scanFile } from '../engine/scan-file';
import type { CompiledRule } from '../engine/types';
import type { CliError } from './formatters/json';
import type { ReportedFinding } from './scan-report';
import { OffsetMapper, toCliError, toReportedFinding } from './to-reported-finding';

/** One file to scan; `index` is its position in the list of files, the stable output order. */
export interface FileTask {
  index: number;
  displayPath: string;
  absolutePath: string;
  explicit: boolean;
}

/** What scanning one file gave, tagged with its index so merged results keep file order. */
export interface FileOutcome {
  index: number;
  scanned: boolean;
  findings: ReportedFinding[];
  errors: CliError[];
}

/**
 * Reads and scans one file with `rules`; never throws.
 *
 * Why a function of its own: the serial path (`--jobs 1`) and each worker thread call exactly
 * this, so the output cannot depend on the number of jobs.
 */
export function scanOneFile(task: FileTask, rules: readonly CompiledRule[]): FileOutcome {
  const outcome: FileOutcome = { index: task.index, scanned: false, findings: [], errors: [] };
  let text: string;
  try {
    text = fs.readFileSync(task.absolutePath, 'utf8');
  } catch (error) {
    outcome.errors.push({ message: `could not read ${task.displayPath}: ${errorMessage(error)}`, path: task.displayPath, level: 'error', kind: 'read' });
    return outcome;
  }
  if (!task.explicit && isLikelyMinified(text)) {
    outcome.errors.push({
      message: `skipped ${task.displayPath}: it looks minified or generated (very long lines); name the file explicitly to scan it anyway`,
      path: task.displayPath,
      level: 'info',
      kind: 'skipped',
    });
    return outcome;
  }
  outcome.scanned = true;
  try {
    // A file no rule can match, judged on its text, is not parsed (parsing is most of a file's cost): the same
    // findings, but a parse error in such a file goes unreported (see ScanOptions.textPrefilter).
    const scanned = scanFile(text, task.displayPath, rules, { textPrefilter: true });
    const mapper = new OffsetMapper(text);
    for (const finding of scanned.findings) {
      outcome.findings.push(toReportedFinding(finding, task.displayPath, text, mapper));
    }
    for (const error of scanned.errors) {
      outcome.errors.push(toCliError(error, error.path ?? task.displayPath));
    }
  } catch (error) {
    // scanFile returns errors as values; a throw is an engine bug, and it must not cost the other files.
    outcome.errors.push({
      message: `internal error while scanning ${task.displayPath}: ${errorMessage(error)}`,
      path: task.displayPath,
      level: 'error',
      kind: 'internal',
    });
  }
  return outcome;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
