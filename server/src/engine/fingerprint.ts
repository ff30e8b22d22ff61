/** Stable identities for findings, for baselines, suppressions and de-duplication across edits. */
import { createHash } from 'node:crypto';

/**
 * A finding's fingerprint: the first 32 hex digits of the SHA-256 of the rule
 * id, the matched text with every whitespace run collapsed to one space (and
 * trimmed), the enclosing function's name (`<top>` outside functions) and the
 * occurrence index among findings with the same (rule, text, function).
 *
 * Why: baselines ("ignore what was there before") and "mark reviewed" must
 * recognise the same finding after the file changes. Line numbers and offsets
 * are deliberately left out, so adding code above a finding or re-indenting it
 * keeps its fingerprint; the function name keeps identical snippets in
 * different functions apart, and the occurrence index separates identical
 * snippets in the same function (0 for the first, in file order). Editing the
 * matched code itself, renaming the function or moving the code to another
 * function gives a new fingerprint: that is a different finding to review.
 * The fields are hashed as a JSON array so no choice of text can make two
 * different tuples collide by concatenation.
 */
export function fingerprintFinding(ruleId: string, matchedText: string, enclosingFunction: string | undefined, occurrence: number): string {
  const payload = JSON.stringify([ruleId, normalizeMatchedText(matchedText), enclosingFunction ?? '<top>', occurrence]);
  return createHash('sha256').update(payload, 'utf8').digest('hex').slice(0, 32);
}

/** The matched text as fingerprints see it: whitespace runs collapsed to one space, trimmed. */
export function normalizeMatchedText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
