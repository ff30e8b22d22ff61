/** Offsets, positions and ranges over plain strings, with VS Code's line-break rules. */
import type { Pos, RecordedChange, Rng } from './types';

/**
 * Converts between offsets and positions in one text.
 *
 * Why: the detection works on offsets (what change events and diffs give) but
 * reports positions; VS Code counts `\r\n`, `\n` and a lone `\r` as one line
 * break each and characters as UTF-16 code units, which is what JS strings
 * index, so a binary search over line starts is exact.
 */
export class LineIndex {
  /** Offset of the first character of each line (the first is 0). */
  private readonly starts: number[];

  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  /** The number of lines (an empty text has one). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The offset where `line`'s content ends, before its line break. */
  lineContentEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) {
      return this.text.length;
    }
    return next - (this.text.charCodeAt(next - 1) === LF && this.text.charCodeAt(next - 2) === CR ? 2 : 1);
  }

  /** The position of `offset`, clamped into the text; an offset inside a `\r\n` maps to the line's end, as in VS Code. */
  positionAt(offset: number): Pos {
    const clamped = Math.max(0, Math.min(Math.floor(offset), this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= clamped) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    const start = this.starts[low] ?? 0;
    return { line: low, character: Math.min(clamped, this.lineContentEnd(low)) - start };
  }

  /** The offset of `pos`, clamped to the text the way VS Code validates positions. */
  offsetAt(pos: Pos): number {
    if (pos.line < 0) {
      return 0;
    }
    if (pos.line >= this.starts.length) {
      return this.text.length;
    }
    const start = this.starts[pos.line] ?? 0;
    return start + Math.max(0, Math.min(pos.character, this.lineContentEnd(pos.line) - start));
  }

  /** The range of `[start, end)`. */
  rangeAt(start: number, end: number): Rng {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

const CR = 13;
const LF = 10;

/** Offsets where lines start, treating `\r\n`, `\n` and a lone `\r` as line breaks. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === CR) {
      if (text.charCodeAt(i + 1) === LF) {
        i++;
      }
      starts.push(i + 1);
    } else if (code === LF) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Orders positions: negative if `a` is before `b`, 0 if equal. */
export function comparePos(a: Pos, b: Pos): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

/** True for a range that covers nothing. */
export function isEmptyRange(range: Rng): boolean {
  return comparePos(range.start, range.end) === 0;
}

/**
 * Sorts ranges and merges those that overlap or touch.
 *
 * Why: the server marks one region per range; an insertion reported in pieces
 * (a diff's hunks, several changes of one event) should be one region when the
 * pieces are contiguous.
 */
export function mergeRanges(ranges: readonly Rng[]): Rng[] {
  const sorted = [...ranges].sort((a, b) => comparePos(a.start, b.start) || comparePos(a.end, b.end));
  const merged: Rng[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && comparePos(range.start, last.end) <= 0) {
      if (comparePos(range.end, last.end) > 0) {
        last.end = { ...range.end };
      }
    } else {
      merged.push({ start: { ...range.start }, end: { ...range.end } });
    }
  }
  return merged;
}

/** Where one change's inserted text lies in the document after its event, as offsets. */
export interface InsertedSpan {
  start: number;
  end: number;
  /** The change it comes from. */
  change: RecordedChange;
}

/**
 * The changes of one event in the order they were applied: descending offset,
 * ties kept in listed order.
 *
 * Why: VS Code's extension host applies an event's changes one after the other
 * in listed order, which equals applying them all to the pre-event text only
 * when they come bottom-up; sorting makes any listing safe, and the stable sort
 * keeps VS Code's order for insertions at the same offset.
 */
export function applicationOrder(changes: readonly RecordedChange[]): RecordedChange[] {
  return [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset);
}

/**
 * Applies one event's changes to the text before it.
 *
 * Why: the tests replay recorded events, and a caller that keeps the previous
 * text (for {@link EditContext.textBefore}) can update it without asking the editor.
 * Throws on changes outside the text or overlapping each other, which no editor emits.
 */
export function applyChanges(text: string, changes: readonly RecordedChange[]): string {
  let result = text;
  let limit = text.length;
  for (const change of applicationOrder(changes)) {
    const end = change.rangeOffset + change.rangeLength;
    if (change.rangeOffset < 0 || change.rangeLength < 0 || end > limit) {
      throw new RangeError(`change at ${change.rangeOffset}+${change.rangeLength} is outside the text or overlaps another`);
    }
    result = result.slice(0, change.rangeOffset) + change.text + result.slice(end);
    limit = change.rangeOffset;
  }
  return result;
}

/**
 * Where each change's inserted text lies in the post-event document, in
 * document order: each start shifts by the length delta of the changes before it.
 */
export function insertedSpans(changes: readonly RecordedChange[]): InsertedSpan[] {
  const ascending = applicationOrder(changes).reverse();
  const spans: InsertedSpan[] = [];
  let delta = 0;
  for (const change of ascending) {
    const start = change.rangeOffset + delta;
    spans.push({ start, end: start + change.text.length, change });
    delta += change.text.length - change.rangeLength;
  }
  return spans;
}

/** The text with all whitespace removed. */
export function stripWhitespace(text: string): string {
  return text.replace(/\s+/gu, '');
}

/** True if the text has no non-whitespace character. */
export function isBlank(text: string): boolean {
  return !/\S/u.test(text);
}
