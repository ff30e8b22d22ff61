/** The `--format text` output: findings grouped by file with the source line, a caret and the fix, then problems, then a one-line summary. */
import type { CliError } from './json';
import type { ReportedFinding, ScanReport } from '../scan-report';

/** ANSI colours, or none: the formatter takes one of these so tests can see both. */
export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  green(text: string): string;
}

const wrap =
  (open: number, close: number) =>
  (text: string): string =>
    `\x1b[${open}m${text}\x1b[${close}m`;

/** Colours for a terminal. */
export const ANSI_PALETTE: Palette = { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), green: wrap(32, 39) };

/** No colours (piped output, NO_COLOR, --no-color). */
export const PLAIN_PALETTE: Palette = { bold: (t) => t, dim: (t) => t, red: (t) => t, yellow: (t) => t, blue: (t) => t, green: (t) => t };

/**
 * True when text output should be coloured: on a terminal, unless `NO_COLOR` is set (to
 * anything, per no-color.org) or colour was turned off; `FORCE_COLOR` (not `0`) turns it on.
 */
export function shouldColor(isTTY: boolean, env: NodeJS.ProcessEnv, enabled: boolean): boolean {
  if (!enabled) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return isTTY;
}

/** Longest part of a source line shown; longer lines are cut around the caret. */
const MAX_SOURCE_WIDTH = 160;

/** Renders `report` for a terminal: per finding `path:line:col  severity  ruleId  message`, the line with a caret, the fix. */
export function formatText(report: ScanReport, palette: Palette = PLAIN_PALETTE): string {
  const lines: string[] = [];
  let currentPath: string | undefined;
  for (const finding of report.findings) {
    const { result } = finding;
    if (result.path !== currentPath) {
      if (currentPath !== undefined) {
        lines.push('');
      }
      lines.push(palette.bold(result.path));
      currentPath = result.path;
    }
    lines.push(...formatFinding(finding, palette));
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

/** One finding as text: `  path:line:col  severity  ruleId  message`, the source line with a caret, the fix. */
export function formatFinding(finding: ReportedFinding, palette: Palette = PLAIN_PALETTE): string[] {
  const { result } = finding;
  const location = `${result.path}:${result.start.line}:${result.start.column}`;
  return [`  ${location}  ${colorSeverity(result.severity, palette)}  ${palette.dim(result.ruleId)}  ${oneLine(result.message)}`, ...sourceExcerpt(finding, palette)];
}

function colorSeverity(severity: string, palette: Palette): string {
  return severity === 'error' ? palette.red(severity) : severity === 'warning' ? palette.yellow(severity) : palette.blue(severity);
}

/** The source line (redacted for secrets), a caret under the match, and the fix when there is one. */
function sourceExcerpt(finding: ReportedFinding, palette: Palette): string[] {
  const { result, detail } = finding;
  const gutter = String(result.start.line);
  const pad = ' '.repeat(gutter.length);
  let text = detail.sourceLine;
  let caretStart = detail.caretStart;
  let caretLength = Math.min(detail.caretLength, MAX_SOURCE_WIDTH);
  if (text.length > MAX_SOURCE_WIDTH) {
    const from = Math.max(0, Math.min(caretStart - 20, text.length - MAX_SOURCE_WIDTH));
    text = `${from > 0 ? '…' : ''}${text.slice(from, from + MAX_SOURCE_WIDTH)}${from + MAX_SOURCE_WIDTH < detail.sourceLine.length ? '…' : ''}`;
    caretStart = caretStart - from + (from > 0 ? 1 : 0);
  }
  caretLength = Math.max(1, Math.min(caretLength, Math.max(1, text.length - caretStart)));
  // Tabs stay tabs under the caret, so it lines up however the terminal expands them.
  const indent = text.slice(0, caretStart).replace(/[^\t]/g, ' ');
  const out = [`    ${palette.dim(`${gutter} |`)} ${text}`, `    ${palette.dim(`${pad} |`)} ${indent}${palette.red('^'.repeat(caretLength))}`];
  if (result.fix !== undefined) {
    const label = detail.fixSafe === false ? 'suggested fix' : 'fix';
    out.push(`    ${pad}   ${palette.green(`${label}: ${oneLine(result.fix)}`)}`);
  }
  return out;
}

function describeError(error: CliError): string {
  const where = error.path === undefined ? '' : `${error.path}${error.line === undefined ? '' : `:${error.line}`}  `;
  const rule = error.ruleId === undefined ? '' : `[${error.ruleId}] `;
  return `${where}${error.level}  ${rule}${oneLine(error.message)}`;
}

function summarize(report: ScanReport): string {
  const files = new Set(report.findings.map((finding) => finding.result.path)).size;
  const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const problems = report.errors.filter((error) => error.level !== 'info').length;
  const notes = report.errors.length - problems;
  const parts = [
    `${count(report.findings.length, 'finding')} in ${count(files, 'file')}`,
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
