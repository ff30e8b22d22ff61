/** Where an accepted inline suggestion landed, from the document text before and after the commit. */
import { LineIndex } from './text-ranges';
import type { Rng } from './types';

/** The differing part of two texts: `before[start, beforeEnd)` became `after[start, afterEnd)`. */
export interface DiffSpan {
  start: number;
  beforeEnd: number;
  afterEnd: number;
}

/**
 * The single span where `after` differs from `before`, by common prefix and
 * common suffix; undefined if the texts are equal.
 *
 * Why: accepting an inline suggestion is one insertion or replacement, for
 * which prefix/suffix is exact and O(n), with no diff algorithm. The suffix is
 * limited so it never overlaps the prefix (inserting "aa" into "aaaa" gives
 * one span of length 2, not a negative one), and the span never splits a
 * surrogate pair or a `\r\n`, so its ends are valid positions.
 */
export function diffSpan(before: string, after: string): DiffSpan | undefined {
  if (before === after) {
    return undefined;
  }
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) {
    prefix++;
  }
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) {
    suffix++;
  }
  // Move the start back and the ends forward off the middle of a surrogate pair or a CRLF.
  while (prefix > 0 && (splitsPair(before, prefix) || splitsPair(after, prefix))) {
    prefix--;
  }
  while (suffix > 0 && (splitsPair(before, before.length - suffix) || splitsPair(after, after.length - suffix))) {
    suffix--;
  }
  return { start: prefix, beforeEnd: before.length - suffix, afterEnd: after.length - suffix };
}

/** True if `offset` lies between a high and a low surrogate, or between `\r` and `\n`. */
function splitsPair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) {
    return false;
  }
  const previous = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  return (previous === 0x0d && next === 0x0a) || (previous >= 0xd800 && previous <= 0xdbff && next >= 0xdc00 && next <= 0xdfff);
}

/**
 * The range of `after` that the commit inserted (replacing whatever differed
 * in `before`), or [] if nothing was inserted (equal texts, or a pure deletion).
 */
export function insertedRanges(before: string, after: string): Rng[] {
  const span = diffSpan(before, after);
  if (span === undefined || span.afterEnd === span.start) {
    return [];
  }
  return [new LineIndex(after).rangeAt(span.start, span.afterEnd)];
}
