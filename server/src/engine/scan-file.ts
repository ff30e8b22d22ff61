/** Scans one file's text with compiled rules. (Stub: being written.) */
import type { CompiledRule, ScanResult } from './types';

/** Options for {@link scanFile}. */
export interface ScanOptions {
  /** Skip `paths:` include/exclude checks (the path is not a real file path). */
  ignorePathFilters?: boolean;
}

/** Scans `text` (the content of `path`) with `rules`. Never throws: problems are `errors`. */
export function scanFile(text: string, path: string, rules: readonly CompiledRule[], _options: ScanOptions = {}): ScanResult {
  void text; void path; void rules;
  return { findings: [], errors: [] };
}
