/** `--fix` and `--dry-run`: applies the safe fixes of the reported findings with the engine's applyFixes, or renders them as a unified diff. */
import * as fs from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import { applyFixes } from '../engine/fix/apply-fixes';
import type { TextEdit } from '../engine/types';
import type { ReportedFinding } from './scan-report';

/** What fixing did: the findings that remain, the number of fixes applied, a diff (dry run) and problems. */
export interface FixOutcome {
  remaining: ReportedFinding[];
  fixesApplied: number;
  filesChanged: number;
  diff: string;
  problems: string[];
}

/**
 * Applies every safe fix (`fix.safe === true`) of `findings`, file by file, with the same
 * `applyFixes` the language server's fix-all uses; with `dryRun` nothing is written and the
 * changes come back as one unified diff.
 *
 * Why drop only the findings whose edits were all applied: an overlapping fix that
 * applyFixes skipped leaves its finding in the file, and the report (and the exit code) must
 * still count it.
 */
export function applySafeFixes(findings: readonly ReportedFinding[], absolutePathOf: (displayPath: string) => string, dryRun: boolean): FixOutcome {
  const outcome: FixOutcome = { remaining: [], fixesApplied: 0, filesChanged: 0, diff: '', problems: [] };
  const byFile = new Map<string, ReportedFinding[]>();
  for (const finding of findings) {
    if (finding.detail.fixSafe === true && finding.detail.edits !== undefined && finding.detail.edits.length > 0) {
      const list = byFile.get(finding.result.path) ?? [];
      list.push(finding);
      byFile.set(finding.result.path, list);
    } else {
      outcome.remaining.push(finding);
    }
  }
  for (const [displayPath, fixable] of [...byFile.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const absolute = absolutePathOf(displayPath);
    let text: string;
    try {
      text = fs.readFileSync(absolute, 'utf8');
    } catch (error) {
      outcome.problems.push(`could not read ${displayPath} to fix it: ${error instanceof Error ? error.message : String(error)}`);
      outcome.remaining.push(...fixable);
      continue;
    }
    const edits: TextEdit[] = fixable.flatMap((finding) => finding.detail.edits ?? []);
    const applied = applyFixes(text, edits);
    const appliedSet = new Set(applied.applied);
    for (const finding of fixable) {
      const all = (finding.detail.edits ?? []).every((edit) => appliedSet.has(edit));
      if (all) outcome.fixesApplied += 1;
      else outcome.remaining.push(finding);
    }
    if (applied.text === text) continue;
    outcome.filesChanged += 1;
    if (dryRun) {
      // Without the package's "=====" separator line: plain `---`/`+++` headers, as `git apply` and `patch -p1` expect.
      const patch = createTwoFilesPatch(`a/${displayPath}`, `b/${displayPath}`, text, applied.text, undefined, undefined, { context: 3 });
      outcome.diff += patch.replace(/^=+\n/, '');
    } else {
      try {
        fs.writeFileSync(absolute, applied.text);
      } catch (error) {
        outcome.problems.push(`could not write the fixes to ${displayPath}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return outcome;
}
