/** The `vigil hook` output: findings in the code an agent just wrote, worded so the agent acts on them. */
import type { ReportedFinding } from '../scan-report';
import { formatFinding } from './text';

/**
 * Renders findings for a coding agent (Claude Code feeds a hook's stderr back to the model
 * when the hook exits 2): what was found, where, the source line, the fix, and what to do.
 * Secrets are already redacted in every field it prints.
 */
export function formatForAgent(findings: readonly ReportedFinding[], displayPath: string, failing: boolean): string {
  const count = `${findings.length} security finding${findings.length === 1 ? '' : 's'}`;
  const lines = [
    failing
      ? `Vigil found ${count} in the code just written to ${displayPath}. Fix ${findings.length === 1 ? 'it' : 'them'} before going on (apply the fix shown, or change the code so the pattern no longer applies):`
      : `Vigil found ${count} below the failure threshold in the code just written to ${displayPath}:`,
  ];
  for (const finding of findings) lines.push(...formatFinding(finding));
  return `${lines.join('\n')}\n`;
}
