/** Parses Semgrep pattern text for JS/TS into a pattern AST. (Stub: being written.) */
import type { CompiledPattern } from '../types';

/** Result of parsing one pattern: the compiled pattern, or what is wrong with it. */
export type ParsePatternResult = { ok: true; pattern: CompiledPattern } | { ok: false; message: string };

/** Parses `source` (a Semgrep pattern for JS/TS). Never throws. */
export function parsePattern(source: string): ParsePatternResult {
  return { ok: true, pattern: { source, root: null, requiredWords: [] } };
}
