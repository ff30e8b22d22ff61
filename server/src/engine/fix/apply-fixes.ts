/** Applies a set of text edits to a text, dropping edits that conflict. */
import type { TextEdit } from '../types';

/** What {@link applyFixes} did: the new text, the edits used and the edits dropped. */
export interface ApplyFixesResult {
  text: string;
  /** Edits applied, in offset order. */
  applied: TextEdit[];
  /** Edits dropped because they overlap an applied one or are out of range, in offset order. */
  skipped: TextEdit[];
}

/**
 * Applies `edits` (offsets into `text`) in one pass and returns the result.
 *
 * Why: the CLI's `--fix` and the language server's fix-all must produce the
 * same file, so both call this. Edits are sorted by start, then end, then
 * input order (stable); an edit that overlaps one already taken is skipped,
 * as is an edit outside `[0, text.length]`. The caller can run the scan again
 * on the result to apply the skipped ones (ESLint's multipass does the same).
 *
 * Overlap: two non-empty edits overlap when their ranges intersect (touching
 * ranges do not). An insertion (empty range) conflicts with an edit that
 * strictly surrounds its offset, and with another insertion at the same
 * offset, whose order would be ambiguous. An exact duplicate is skipped too:
 * its change is already made.
 */
export function applyFixes(text: string, edits: readonly TextEdit[]): ApplyFixesResult {
  const order = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index);
  const applied: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  let last: TextEdit | undefined;
  for (const { edit } of order) {
    if (!isValid(edit, text.length) || (last && overlaps(last, edit))) {
      skipped.push(edit);
      continue;
    }
    applied.push(edit);
    last = edit;
  }
  if (applied.length === 0) return { text, applied, skipped };
  let out = '';
  let pos = 0;
  for (const e of applied) {
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  out += text.slice(pos);
  return { text: out, applied, skipped };
}

function isValid(e: TextEdit, length: number): boolean {
  return Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.start <= e.end && e.end <= length && typeof e.text === 'string';
}

/**
 * Whether `next` conflicts with `prev`, the last edit taken. Edits come sorted
 * by (start, end) and taken edits do not overlap, so the last taken edit has
 * the largest end; comparing with it is enough.
 */
function overlaps(prev: TextEdit, next: TextEdit): boolean {
  const prevEmpty = prev.start === prev.end;
  const nextEmpty = next.start === next.end;
  if (prevEmpty && nextEmpty) return prev.start === next.start;
  // An insertion before or at the start of a non-empty edit only touches it.
  if (prevEmpty) return false;
  if (nextEmpty) return next.start > prev.start && next.start < prev.end;
  return next.start < prev.end;
}
