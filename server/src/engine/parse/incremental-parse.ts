/**
 * Incremental parsing for a document that changes a little at a time.
 *
 * Why: a full typescript-estree parse of a 2,000-line file costs 15–30 ms,
 * more than the whole per-keystroke budget, and recovering a file that an
 * edit just broke (an open quote, brace or comment) costs 100 ms or more. An
 * edit usually touches one top-level statement, so only the text of the
 * statements around it is parsed again; the statements before it are reused
 * as they are and those after it as copies with shifted offsets.
 *
 * The base of every reparse is the last version that parsed cleanly, so while
 * the user types through a broken state the damage stays confined to the
 * statements being edited: the rest of the file keeps its nodes and findings
 * (which is also what "findings outside the broken region survive" asks for).
 * When the edited span parses cleanly the result equals a full parse; when it
 * doesn't, the span is recovered on its own and its errors are reported at
 * their place in the file. A first version, a base that did not parse, or an
 * edit covering most of the file takes a full parse.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { EngineError } from '../types';
import { forEachChild, isNode, type Node } from '../match/ast';
import { LineIndex } from './line-index';
import { parseSource, type ParsedSource } from './parse-source';

/** Below this many characters a full parse is cheap enough. */
const MIN_INCREMENTAL_LENGTH = 4_000;
/** An edited span larger than this share of the file is parsed with the whole file. */
const MAX_SPAN_SHARE = 0.6;

/** The last cleanly parsed version: its nodes are never modified afterwards. */
interface Base {
  text: string;
  program: TSESTree.Program;
}

/** Parses successive versions of one document, reusing unchanged top-level statements. */
export class DocumentParser {
  private base: Base | undefined;
  private last: ParsedSource | undefined;
  /** How the last call got its program: for tests and benchmarks. */
  lastMode: 'full' | 'incremental' | 'unchanged' = 'full';

  constructor(readonly path: string) {}

  /** Parses `text`, the document's new content. Never throws. */
  parse(text: string): ParsedSource {
    if (this.last && this.last.text === text) {
      this.lastMode = 'unchanged';
      return this.last;
    }
    let result: ParsedSource | undefined;
    if (this.base && text.length >= MIN_INCREMENTAL_LENGTH) {
      try {
        result = reparse(this.base, text, this.path);
      } catch {
        result = undefined; // fall back to a full parse
      }
    }
    this.lastMode = result ? 'incremental' : 'full';
    result ??= parseSource(text, this.path);
    if (result.program && result.recovered === 'none' && result.errors.length === 0) {
      this.base = { text, program: result.program };
    }
    this.last = result;
    return result;
  }
}

function reparse(base: Base, text: string, path: string): ParsedSource | undefined {
  const old = base.text;
  const body = base.program.body;
  if (body.length === 0) return undefined;
  // The changed region: common prefix and suffix of the two texts.
  const maxPrefix = Math.min(old.length, text.length);
  let prefix = 0;
  while (prefix < maxPrefix && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  const maxSuffix = maxPrefix - prefix;
  let suffix = 0;
  while (suffix < maxSuffix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const oldChangeEnd = old.length - suffix;
  const delta = text.length - old.length;
  // Statements touching the change, widened by one on each side: the statement
  // before may absorb the edit (ASI, a trailing operator), and so may the one after.
  let first = body.findIndex((s) => s.range[1] >= prefix);
  if (first === -1) first = body.length - 1;
  let last = first;
  while (last + 1 < body.length && body[last + 1]!.range[0] <= oldChangeEnd) last++;
  if (first > 0) first--;
  if (last + 1 < body.length) last++;
  const spanStart = first === 0 ? 0 : body[first - 1]!.range[1];
  const spanEnd = (last === body.length - 1 ? old.length : body[last + 1]!.range[0]) + delta;
  if (spanEnd < spanStart || spanEnd - spanStart > text.length * MAX_SPAN_SHARE) return undefined;
  const lines = new LineIndex(text);
  const span = parseSource(text.slice(spanStart, spanEnd), path);
  if (!span.program) return undefined;
  const clean = span.recovered === 'none' && span.errors.length === 0;
  shiftInPlace(span.program.body, spanStart);
  const middle = span.program.body;
  // A clean result becomes the next base, so the old base's nodes may move in place (no
  // allocation on the common path); a broken one must leave the base intact, so it gets copies.
  const after = (clean ? shiftInPlace(body.slice(last + 1), delta) : cloneShifted(body.slice(last + 1), delta)) as TSESTree.ProgramStatement[];
  const program: TSESTree.Program = { ...base.program, body: [...body.slice(0, first), ...middle, ...after], range: [0, text.length] };
  const errors = span.errors.map((e) => relocate(e, spanStart, lines, path));
  return { text, path, program, errors, lines, recovered: clean ? 'none' : 'partial' };
}

/** Moves an error found in the span's own text to its line and column in the file. */
function relocate(error: EngineError, spanStart: number, lines: LineIndex, path: string): EngineError {
  if (error.line === undefined) return { ...error, path };
  const startPos = lines.positionAt(spanStart);
  const line = error.line + startPos.line;
  const column = error.column === undefined ? undefined : error.line === 1 ? error.column + startPos.character : error.column;
  return { ...error, path, line, ...(column === undefined ? {} : { column }) };
}

/** Moves every range under `roots` by `delta`, in place; returns `roots`. */
function shiftInPlace(roots: Node[], delta: number): Node[] {
  if (delta === 0) return roots;
  const stack: Node[] = [...roots];
  while (stack.length > 0) {
    const node = stack.pop()!;
    node.range = [node.range[0] + delta, node.range[1] + delta];
    forEachChild(node, (child) => stack.push(child));
  }
  return roots;
}

/**
 * Deep copies of `roots` with every range moved by `delta`. Copies, so that
 * the base version's nodes stay valid for the next reparse.
 */
function cloneShifted(roots: readonly Node[], delta: number): Node[] {
  if (delta === 0) return [...roots];
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(copy);
    if (!isNode(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === 'parent') continue;
      if (key === 'range') {
        const r = v as [number, number];
        out.range = [r[0] + delta, r[1] + delta];
      } else if (typeof v === 'object' && v !== null) {
        out[key] = copy(v);
      } else {
        out[key] = v;
      }
    }
    return out;
  };
  return roots.map((r) => copy(r) as Node);
}
