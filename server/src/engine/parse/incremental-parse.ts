/**
 * Incremental parsing for a document that changes a little at a time.
 *
 * Why: a full typescript-estree parse of a 2,000-line file costs 15–30 ms,
 * more than the whole per-keystroke budget. An edit usually touches one
 * top-level statement, so only that statement's text is parsed again; the
 * statements before it are reused as they are and those after it with their
 * offsets shifted. Whenever that could be wrong — the previous version did not
 * parse cleanly, the edited span does not parse on its own (an edit that opens
 * a comment or a string, or unbalances braces), or the span is most of the
 * file — the whole text is parsed as usual, so results are always those of a
 * full parse.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { childKeys, isNode, type Node } from '../match/ast';
import { LineIndex } from './line-index';
import { parseSource, type ParsedSource } from './parse-source';

/** Below this many characters a full parse is cheap enough. */
const MIN_INCREMENTAL_LENGTH = 4_000;

/** Parses successive versions of one document, reusing unchanged top-level statements. */
export class DocumentParser {
  private previous: ParsedSource | undefined;
  /** How the last call got its program: for tests and benchmarks. */
  lastMode: 'full' | 'incremental' | 'unchanged' = 'full';

  constructor(readonly path: string) {}

  /** Parses `text`, the document's new content. Never throws. */
  parse(text: string): ParsedSource {
    const prev = this.previous;
    let result: ParsedSource | undefined;
    if (prev && prev.text === text) {
      this.lastMode = 'unchanged';
      return prev;
    }
    if (prev && prev.program && prev.recovered === 'none' && prev.errors.length === 0 && text.length >= MIN_INCREMENTAL_LENGTH) {
      result = reparse(prev, prev.program, text, this.path);
    }
    this.lastMode = result ? 'incremental' : 'full';
    result ??= parseSource(text, this.path);
    this.previous = result;
    return result;
  }
}

function reparse(prev: ParsedSource, program: TSESTree.Program, text: string, path: string): ParsedSource | undefined {
  const old = prev.text;
  // The changed region: common prefix and suffix of the two texts.
  let prefix = 0;
  const maxPrefix = Math.min(old.length, text.length);
  while (prefix < maxPrefix && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const maxSuffix = Math.min(old.length, text.length) - prefix;
  while (suffix < maxSuffix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const oldChangeEnd = old.length - suffix;
  const delta = text.length - old.length;
  const body = program.body;
  if (body.length === 0) return undefined;
  // Statements touching the change (or its neighbours when the change is between statements).
  let first = body.findIndex((s) => s.range[1] >= prefix);
  if (first === -1) first = body.length - 1;
  let last = first;
  while (last + 1 < body.length && body[last + 1]!.range[0] <= oldChangeEnd) last++;
  if (first > 0) first--; // the statement before may absorb the edit (ASI, a trailing operator)
  if (last + 1 < body.length) last++;
  const spanStartOld = first === 0 ? 0 : body[first - 1]!.range[1];
  const spanEndOld = last === body.length - 1 ? old.length : body[last + 1]!.range[0];
  const spanStart = spanStartOld;
  const spanEnd = spanEndOld + delta;
  if (spanEnd < spanStart || spanEnd - spanStart > text.length * 0.6) return undefined;
  // Parse the span on its own, padded so its offsets are the new text's: keep only newlines before it.
  const spanText = text.slice(spanStart, spanEnd);
  const parsed = parseSource(spanText, path);
  if (!parsed.program || parsed.recovered !== 'none' || parsed.errors.length > 0) return undefined;
  shiftAll(parsed.program.body, spanStart);
  const after = body.slice(last + 1);
  if (delta !== 0) shiftAll(after, delta);
  const newBody = [...body.slice(0, first), ...parsed.program.body, ...after];
  const newProgram: TSESTree.Program = { ...program, body: newBody, range: [0, text.length] };
  return { text, path, program: newProgram, errors: [], lines: new LineIndex(text), recovered: 'none' };
}

/** Adds `delta` to the range of every node under `roots`. */
function shiftAll(roots: readonly Node[], delta: number): void {
  const stack: Node[] = [...roots];
  while (stack.length > 0) {
    const node = stack.pop()!;
    node.range = [node.range[0] + delta, node.range[1] + delta];
    const record = node as unknown as Record<string, unknown>;
    for (const key of childKeys(node)) {
      const value = record[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) stack.push(child);
      } else if (isNode(value)) stack.push(value);
    }
  }
}
