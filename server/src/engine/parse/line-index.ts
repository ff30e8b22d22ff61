/** Converts between UTF-16 offsets and 0-based line/character positions of one text. */
import type { Position } from '../types';

/**
 * Line table of one text, for offset <-> position conversion.
 *
 * Why: findings, errors and fixes are computed as offsets (estree `range`),
 * while editors and reports speak in lines and columns. The table of line
 * starts is computed lazily on first use, so building a `LineIndex` for every
 * parse costs nothing until someone needs a position; lookups are binary
 * searches. `\n`, `\r\n` and a lone `\r` each end a line (as in LSP); offsets
 * and characters are UTF-16 code units, which is what JS strings index.
 * Out-of-range arguments are clamped rather than thrown, because positions from
 * an older document version must never crash a front end.
 */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  /** Number of lines; an empty text has one line, a trailing newline starts one more. */
  get lineCount(): number {
    return this.lineStarts().length;
  }

  /** Offset of the first character of `line` (clamped to the existing lines). */
  lineStart(line: number): number {
    const starts = this.lineStarts();
    return starts[clamp(Math.floor(line), 0, starts.length - 1)] ?? 0;
  }

  /** Offset just past the last character of `line`, before its line terminator. */
  lineEnd(line: number): number {
    const starts = this.lineStarts();
    const l = clamp(Math.floor(line), 0, starts.length - 1);
    // The last line has no terminator.
    if (l + 1 >= starts.length) return this.text.length;
    const start = starts[l] ?? 0;
    let end = starts[l + 1] ?? this.text.length;
    // Step back over this line's terminator: "\r\n", "\n" or "\r".
    if (this.text.charCodeAt(end - 1) === LF) {
      end--;
      if (end > start && this.text.charCodeAt(end - 1) === CR) end--;
    } else if (this.text.charCodeAt(end - 1) === CR) {
      end--;
    }
    return end;
  }

  /** Text of `line` without its line terminator. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** Position (0-based line, UTF-16 character) of `offset`, clamped to `[0, text.length]`. */
  positionAt(offset: number): Position {
    const starts = this.lineStarts();
    const o = clamp(Math.floor(offset), 0, this.text.length);
    // Largest line whose start is <= o.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - (starts[lo] ?? 0) };
  }

  /**
   * Offset of `pos`. A line past the end clamps to the end of the text; a
   * character past the end of its line clamps to the line's end (LSP rule).
   */
  offsetAt(pos: Position): number {
    const starts = this.lineStarts();
    if (pos.line >= starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const start = this.lineStart(pos.line);
    const end = this.lineEnd(pos.line);
    return clamp(start + Math.floor(pos.character), start, end);
  }

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const text = this.text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) {
        starts.push(i + 1);
      } else if (c === CR) {
        if (text.charCodeAt(i + 1) === LF) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
    return starts;
  }
}

const LF = 10;
const CR = 13;

function clamp(n: number, lo: number, hi: number): number {
  if (Number.isNaN(n)) return lo;
  return n < lo ? lo : n > hi ? hi : n;
}
