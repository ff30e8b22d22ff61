/** Maps `semgrep --json` results and errors onto Vigil's Finding and EngineError: byte columns to UTF-16, snippets sliced from the file. */
import { fingerprintFinding } from '../engine/fingerprint';
import { isSecretRule, redactAll } from '../engine/redact';
import type { BoundValue, EngineError, Finding, Position, Severity } from '../engine/types';

/** Vigil's findings and errors from one semgrep run. */
export interface MappedSemgrepOutput {
  findings: Finding[];
  errors: EngineError[];
}

/** A scanned file as the mapping needs it: the path Vigil reports and the text semgrep saw. */
export interface SemgrepTarget {
  /** The path to put on findings (as the user names the file). */
  reportPath: string;
  text: string;
}

/** Byte offsets of a UTF-8 text → UTF-16 offsets and 0-based positions. */
class ByteIndex {
  private readonly bytesBefore: number[] = [0];
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    let bytes = 0;
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (code < 0x80) bytes += 1;
      else if (code < 0x800) bytes += 2;
      else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        // A surrogate pair is one 4-byte code point; its low half adds no bytes of its own.
        bytes += 4;
        this.bytesBefore.push(bytes);
        i += 1;
      } else bytes += 3;
      this.bytesBefore.push(bytes);
      if (code === 10) this.lineStarts.push(i + 1);
    }
  }

  /** The UTF-16 offset of a byte offset (clamped; a byte inside a character maps to its start). */
  toUtf16(byteOffset: number): number {
    let low = 0;
    let high = this.bytesBefore.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.bytesBefore[middle] ?? 0) <= byteOffset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** The byte offset where 1-based `line` starts. */
  lineStartByte(line: number): number {
    const start = this.lineStarts[Math.max(0, line - 1)] ?? this.text.length;
    return this.bytesBefore[start] ?? 0;
  }

  position(offset: number): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: offset - (this.lineStarts[low] ?? 0) };
  }
}

/** A semgrep location `{line, col, offset}` (1-based line and byte column, 0-based byte offset) → UTF-16 offset. */
function locate(index: ByteIndex, location: unknown): number | undefined {
  if (!isRecord(location)) return undefined;
  if (typeof location.offset === 'number') return index.toUtf16(location.offset);
  if (typeof location.line === 'number' && typeof location.col === 'number') {
    return index.toUtf16(index.lineStartByte(location.line) + location.col - 1);
  }
  return undefined;
}

/** Semgrep's severities (old and new names) → Vigil's three. */
export function toSeverity(value: unknown): Severity {
  switch (typeof value === 'string' ? value.toUpperCase() : '') {
    case 'ERROR':
    case 'CRITICAL':
    case 'HIGH':
      return 'error';
    case 'WARNING':
    case 'MEDIUM':
      return 'warning';
    default:
      return 'info';
  }
}

/**
 * Maps one `semgrep --json` output onto findings and errors.
 *
 * Why this shape: semgrep reports byte columns and, in its free edition, "requires login" in
 * `lines` and `fingerprint`, so positions are converted with the file's own text and snippets
 * and fingerprints are made here, the way the engine makes them. `targets` maps the path
 * semgrep printed to the file it saw; results for other paths are dropped. Secret rules are
 * redacted as the engine redacts them, and `nosemgrep`-ignored results are dropped.
 */
export function mapSemgrepOutput(output: unknown, targets: ReadonlyMap<string, SemgrepTarget>): MappedSemgrepOutput {
  const mapped: MappedSemgrepOutput = { findings: [], errors: [] };
  if (!isRecord(output)) return mapped;
  const indexes = new Map<string, ByteIndex>();
  const occurrences = new Map<string, number>();
  for (const result of Array.isArray(output.results) ? output.results : []) {
    if (!isRecord(result) || typeof result.check_id !== 'string' || typeof result.path !== 'string') continue;
    const target = targets.get(result.path);
    const extra = isRecord(result.extra) ? result.extra : {};
    if (target === undefined || extra.is_ignored === true) continue;
    let index = indexes.get(result.path);
    if (index === undefined) {
      index = new ByteIndex(target.text);
      indexes.set(result.path, index);
    }
    const start = locate(index, result.start);
    const end = locate(index, result.end);
    if (start === undefined || end === undefined) continue;
    const metadata = isRecord(extra.metadata) ? extra.metadata : {};
    const snippet = target.text.slice(start, end);
    const key = `${result.check_id}\u0000${snippet}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const finding: Finding = {
      ruleId: result.check_id,
      path: target.reportPath,
      range: { start: index.position(start), end: index.position(end) },
      start,
      end,
      message: typeof extra.message === 'string' ? extra.message : result.check_id,
      severity: toSeverity(extra.severity),
      metadata,
      snippet,
      metavariables: mapMetavariables(index, extra.metavars),
      fingerprint: fingerprintFinding(result.check_id, snippet, undefined, occurrence),
    };
    if (typeof extra.fix === 'string') {
      finding.fix = { edits: [{ start, end, text: extra.fix }], safe: metadata['fix-safety'] !== 'suggestion' };
    }
    if (isSecretRule({ metadata })) redactFinding(finding);
    mapped.findings.push(finding);
  }
  for (const error of Array.isArray(output.errors) ? output.errors : []) {
    if (isRecord(error)) mapped.errors.push(mapError(error, targets));
  }
  return mapped;
}

function mapMetavariables(index: ByteIndex, metavars: unknown): Record<string, BoundValue> {
  const bound: Record<string, BoundValue> = {};
  if (!isRecord(metavars)) return bound;
  for (const [name, value] of Object.entries(metavars)) {
    if (!isRecord(value)) continue;
    const start = locate(index, value.start);
    const end = locate(index, value.end);
    if (start === undefined || end === undefined) continue;
    bound[name] = { text: index.text.slice(start, end), start, end };
  }
  return bound;
}

/** The engine's redaction for secret rules: the snippet, the message and the bound values never carry the secret. */
function redactFinding(finding: Finding): void {
  const secrets = Object.values(finding.metavariables).map((value) => value.text);
  // Without metavariables (semgrep's free edition omits them) the secret is a string literal in the match.
  for (const literal of finding.snippet.matchAll(/(["'`])((?:\\.|(?!\1)[^\\])*)\1/g)) {
    if ((literal[2] ?? '').length >= 4) secrets.push(literal[0], literal[2] ?? '');
  }
  if (secrets.length === 0) secrets.push(finding.snippet);
  finding.snippet = redactAll(finding.snippet, secrets);
  finding.message = redactAll(finding.message, secrets);
  for (const value of Object.values(finding.metavariables)) value.text = redactAll(value.text, secrets);
  finding.redacted = true;
}

function mapError(error: Record<string, unknown>, targets: ReadonlyMap<string, SemgrepTarget>): EngineError {
  const type = Array.isArray(error.type) ? String(error.type[0]) : typeof error.type === 'string' ? error.type : 'error';
  const message = typeof error.message === 'string' ? error.message.trim() : type;
  const kind: EngineError['kind'] = /syntax|pars(e|ing) ?error|lexical|partialparsing/i.test(type) && !/rule|pattern/i.test(type)
    ? 'parse'
    : /rule|pattern|yaml|config|language/i.test(type)
      ? 'rule-load'
      : 'rule-run';
  const level: EngineError['level'] = error.level === 'warn' ? 'warning' : error.level === 'info' ? 'info' : 'error';
  const mapped: EngineError = { kind, level, message: `semgrep: ${type}: ${message.split('\n')[0] ?? message}` };
  if (typeof error.path === 'string') mapped.path = targets.get(error.path)?.reportPath ?? error.path;
  if (typeof error.rule_id === 'string') mapped.ruleId = error.rule_id;
  const span: unknown = Array.isArray(error.spans) ? (error.spans as unknown[])[0] : undefined;
  if (isRecord(span) && isRecord(span.start) && typeof span.start.line === 'number') mapped.line = span.start.line;
  return mapped;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
