/** Builders shared by the detection tests: events as VS Code emits them, contexts with defaults. */
import { LineIndex, applyChanges } from '../src/detect/text-ranges';
import type { EditContext, RecordedChange, RecordedChangeEvent, Rng } from '../src/detect/types';

/** One edit of the pre-event text: replace `length` characters at `offset` with `text`. */
export type Edit = [offset: number, length: number, text: string];

/** An event applying `edits` to `before`, listed in descending order like VS Code, and the text after it. */
export function makeEvent(
  before: string,
  edits: readonly Edit[],
  extra: { reason?: 'undo' | 'redo'; version?: number } = {},
): { event: RecordedChangeEvent; after: string } {
  const index = new LineIndex(before);
  const changes: RecordedChange[] = edits
    .map(([offset, length, text]) => ({ range: index.rangeAt(offset, offset + length), rangeOffset: offset, rangeLength: length, text }))
    .sort((a, b) => b.rangeOffset - a.rangeOffset);
  const event: RecordedChangeEvent = { uri: 'file:///w/a.ts', version: extra.version ?? 2, changes };
  if (extra.reason !== undefined) {
    event.reason = extra.reason;
  }
  return { event, after: applyChanges(before, changes) };
}

/** A context for the focused editor, no chat session, no inline commit, with overrides. */
export function context(overrides: Partial<EditContext> = {}): EditContext {
  return { chatSessionActive: false, inlineCommitInProgress: false, isActiveEditorDocument: true, ...overrides };
}

/** A range from four numbers. */
export function rng(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Rng {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

/** Lines `prefix0`, `prefix1`, ... each followed by `\n`. */
export function codeLines(count: number, prefix = 'const value'): string {
  return Array.from({ length: count }, (_, i) => `${prefix}${i} = ${i};\n`).join('');
}

/** A small seeded pseudo-random generator (deterministic tests). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}
