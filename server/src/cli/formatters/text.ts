/** The `--format text` output: findings grouped by file, then problems, then a one-line summary. */
import type { CliError, ScanReport } from './json';

/** Renders `report` for a terminal: `path:line:col  severity  ruleId  message` per finding. */
export function formatText(report: ScanReport): string {
  const lines: string[] = [];
  let currentPath: string | undefined;
  for (const result of report.results) {
    if (result.path !== currentPath) {
      if (currentPath !== undefined) {
        lines.push('');
      }
      lines.push(result.path);
      currentPath = result.path;
    }
    const location = `${result.path}:${result.start.line}:${result.start.column}`;
    lines.push(`  ${location}  ${result.severity}  ${result.ruleId}  ${oneLine(result.message)}`);
  }
  if (report.errors.length > 0) {
    if (lines.length > 0) {
      lines.push('');
    }
    lines.push('Problems:');
    for (const error of report.errors) {
      lines.push(`  ${describeError(error)}`);
    }
  }
  if (lines.length > 0) {
    lines.push('');
  }
  lines.push(summarize(report));
  return `${lines.join('\n')}\n`;
}

function describeError(error: CliError): string {
  const where = error.path === undefined ? '' : `${error.path}${error.line === undefined ? '' : `:${error.line}`}  `;
  const rule = error.ruleId === undefined ? '' : `[${error.ruleId}] `;
  return `${where}${error.level}  ${rule}${oneLine(error.message)}`;
}

function summarize(report: ScanReport): string {
  const files = new Set(report.results.map((result) => result.path)).size;
  const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const problems = report.errors.filter((error) => error.level !== 'info').length;
  const notes = report.errors.length - problems;
  const parts = [
    `${count(report.results.length, 'finding')} in ${count(files, 'file')}`,
    `${count(report.filesScanned, 'file')} scanned`,
    count(problems, 'problem'),
  ];
  if (notes > 0) {
    parts.push(count(notes, 'note'));
  }
  return parts.join(', ');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
