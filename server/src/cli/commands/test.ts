/** `vigil test [dir]`: runs users' rule fixtures with the engine's rule-test runner and prints per-rule PASS/FAIL and `N passed, N failed`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runRuleTests } from '../../rule-testing/run-rule-tests';
import type { TestCommand } from '../args';
import type { CommandOutcome } from './scan';

/**
 * Runs every rule file under the command's folder and renders the outcome.
 *
 * Why the last line is exactly `N passed, N failed`: scripts and CI logs grep for it, the way
 * they grep `semgrep --test`'s summary.
 */
export function runTest(command: TestCommand, cwd: string): CommandOutcome {
  const target = path.resolve(cwd, command.dir);
  if (!fs.existsSync(target)) {
    return { stdout: '', stderr: `vigil: rule folder not found: ${command.dir}\n`, exitCode: 2 };
  }
  const summary = runRuleTests(target);
  const lines: string[] = [];
  for (const result of summary.results) {
    const file = path.relative(cwd, result.ruleFile).split(path.sep).join('/');
    lines.push(`${result.passed ? 'PASS' : 'FAIL'}  ${result.ruleId}  (${file})`);
    for (const problem of result.problems) {
      lines.push(`      - ${problem.replace(/\n/g, '\n        ')}`);
    }
  }
  if (summary.results.length === 0) {
    lines.push(`no rule files (*.yaml, *.yml) under ${command.dir}`);
  }
  lines.push(`${summary.passed} passed, ${summary.failed} failed`);
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: summary.failed > 0 ? 1 : 0 };
}
