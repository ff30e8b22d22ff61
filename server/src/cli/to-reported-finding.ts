/** Converts an engine Finding into the CLI's reported finding: 1-based positions, fix text, source line and caret, secrets kept redacted. */
import { redactAll } from '../engine/redact';
import type { EngineError, Finding, Position, TextEdit } from '../engine/types';
import type { CliError, CliFixEdit, CliPosition, CliResult } from './formatters/json';
import type { ReportedFinding } from './scan-report';

/** Maps UTF-16 offsets to 1-based line/column with the LSP's line breaks (\n, \r\n, \r). */
export class OffsetMapper {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
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
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - (this.lineStarts[line] ?? 0) + 1 };
  }

  /** The 0-based line containing `offset`. */
  lineOf(offset: number): number {
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
    return low;
  }

  /** The text of 0-based `line`, without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    const next = this.lineStarts[line + 1] ?? this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }

  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.text.length;
  }
}

/** A 0-based engine position → the contract's 1-based one. */
export function toCliPosition(position: Position): CliPosition {
  return { line: position.line + 1, column: position.character + 1 };
}

/**
 * Converts `finding` (from scanning `text`, shown as `displayPath`) to what the CLI reports.
 *
 * Why the redaction here: for a secret rule the engine redacts `snippet`, `message` and the
 * bound values, but a fix's replacement text and the file's own line still hold the secret;
 * every string that leaves this function goes through the same redaction.
 */
export function toReportedFinding(finding: Finding, displayPath: string, text: string, mapper: OffsetMapper = new OffsetMapper(text)): ReportedFinding {
  const redacted = finding.redacted === true;
  const secrets = redacted ? rawSecrets(finding, text) : [];
  const hide = (value: string): string => (redacted ? redactAll(value, secrets) : value);
  const result: CliResult = {
    ruleId: finding.ruleId,
    path: displayPath,
    start: toCliPosition(finding.range.start),
    end: toCliPosition(finding.range.end),
    message: finding.message,
    severity: finding.severity,
    metadata: finding.metadata,
  };
  const edits: TextEdit[] = finding.fix?.edits ?? [];
  if (edits.length > 0) {
    result.fix = hide(replacementForMatch(text, finding.start, finding.end, edits));
    result.fixEdits = edits.map(
      (edit): CliFixEdit => ({ start: mapper.toCliPosition(edit.start), end: mapper.toCliPosition(edit.end), text: hide(edit.text) }),
    );
  }
  const line = finding.range.start.line;
  const lineText = mapper.lineText(line);
  const caretStart = finding.range.start.character;
  const sameLine = finding.range.end.line === line;
  let sourceLine = lineText;
  let caretLength = Math.max(1, (sameLine ? finding.range.end.character : lineText.length) - caretStart);
  if (redacted) {
    // Never the raw line: the matched part is replaced by the redacted snippet.
    const shown = (finding.snippet.split(/\r?\n/)[0] ?? '').trimEnd();
    sourceLine = hide(lineText.slice(0, caretStart)) + shown + (sameLine ? hide(lineText.slice(finding.range.end.character)) : '');
    caretLength = Math.max(1, shown.length);
  }
  const reported: ReportedFinding = {
    result,
    detail: {
      fingerprint: finding.fingerprint,
      sourceLine,
      caretStart,
      caretLength,
      snippet: redacted ? finding.snippet : hide(finding.snippet),
      redacted,
    },
  };
  if (edits.length > 0) {
    reported.detail.edits = edits;
    reported.detail.fixSafe = finding.fix?.safe ?? false;
  }
  if (finding.trace !== undefined && finding.trace.length > 0) {
    reported.detail.trace = finding.trace.map((step) => ({
      kind: step.kind,
      label: hide(step.label),
      start: mapper.toCliPosition(step.start),
      end: mapper.toCliPosition(step.end),
    }));
  }
  return reported;
}

/** The raw strings a redacted finding hides: the whole match and each bound value, as they are in the file. */
function rawSecrets(finding: Finding, text: string): string[] {
  const secrets = [text.slice(finding.start, finding.end)];
  for (const value of Object.values(finding.metavariables)) {
    const raw = text.slice(value.start, value.end);
    if (raw !== '' && raw !== value.text) secrets.push(raw);
    // A string literal's contents: the quotes are not the secret.
    const unquoted = /^(['"`])([\s\S]*)\1$/.exec(raw)?.[2];
    if (unquoted !== undefined && unquoted.length > 0) secrets.push(unquoted);
  }
  return secrets.filter((secret) => secret.length > 0);
}

/**
 * The text that replaces the matched range once the fix's edits are applied. Edits that reach
 * outside the match widen the span, so the string is always what `[start, end)` of the widened
 * span becomes.
 */
function replacementForMatch(text: string, matchStart: number, matchEnd: number, edits: readonly TextEdit[]): string {
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

/** An engine error in the contract's shape (key order as documented, absent fields omitted). */
export function toCliError(error: EngineError, displayPath: string | undefined): CliError {
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
