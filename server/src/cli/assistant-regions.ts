/** The provenance file: which ranges of which files an assistant wrote, as agent hooks and the extension record them and `--assistant-regions` reads them. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssistantEditSource } from '../protocol/messages';

/** A 0-based line and UTF-16 character: the LSP's `Position`, as in `vigil/assistantEdit`. */
export interface RegionPosition {
  line: number;
  character: number;
}

/** A half-open range of positions: the LSP's `Range`. */
export interface RegionRange {
  start: RegionPosition;
  end: RegionPosition;
}

/**
 * One recorded assistant edit: the `vigil/assistantEdit` payload's `ranges` and `source`, with
 * the document named by `path` (relative to the project root, forward slashes) or `uri`.
 */
export interface ProvenanceEdit {
  path?: string;
  uri?: string;
  ranges: RegionRange[];
  source: AssistantEditSource;
  /** The agent's tool (`Write`, `Edit`, `MultiEdit`, `afterFileEdit`, `file`). */
  tool?: string;
  /** ISO 8601 time of the record. */
  recordedAt?: string;
}

/** The whole file: `{"version": 1, "edits": [...]}`. */
export interface ProvenanceFile {
  version: 1;
  edits: ProvenanceEdit[];
}

/** Where hooks record by default, under the project root. */
export const DEFAULT_PROVENANCE_PATH = path.join('.vigil', 'assistant-regions.json');

/** The sources a record may name (the same list as `ASSISTANT_EDIT_SOURCES` in protocol/messages.ts). */
const SOURCES: readonly AssistantEditSource[] = ['inline-completion', 'chat-apply', 'agent-file-write', 'manual', 'hook'];

/**
 * The folder relative `path`s in a provenance file are relative to: the parent of the `.vigil`
 * folder when the file lives in one, else the file's own folder.
 */
export function provenanceRoot(provenanceFile: string): string {
  const dir = path.dirname(path.resolve(provenanceFile));
  return path.basename(dir) === '.vigil' ? path.dirname(dir) : dir;
}

/** The assistant-written ranges per absolute file path, or a one-line message saying what is wrong with the file. */
export type ReadRegionsResult = { ok: true; regions: Map<string, RegionRange[]> } | { ok: false; message: string };

/**
 * Reads a provenance file and groups its ranges by absolute file path.
 *
 * Why strict: `--assistant-regions` decides which findings fail a pull request; a file that
 * is not what the README documents must stop the run (exit 2) with a message naming the
 * problem, never be read as "no assistant code".
 */
export function readAssistantRegions(file: string): ReadRegionsResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : error instanceof Error ? error.message : String(error);
    return { ok: false, message: `--assistant-regions: cannot read ${file}: ${reason}` };
  }
  const checked = checkProvenance(parsed);
  if (typeof checked === 'string') return { ok: false, message: `--assistant-regions: ${file}: ${checked}` };
  const root = provenanceRoot(file);
  const regions = new Map<string, RegionRange[]>();
  for (const edit of checked.edits) {
    const absolute = editPath(edit, root);
    if (absolute === undefined) continue;
    const list = regions.get(absolute) ?? [];
    list.push(...edit.ranges);
    regions.set(absolute, list);
  }
  return { ok: true, regions };
}

function editPath(edit: ProvenanceEdit, root: string): string | undefined {
  if (edit.path !== undefined) return path.resolve(root, edit.path);
  if (edit.uri?.startsWith('file:') === true) return fileURLToPath(edit.uri);
  return undefined;
}

/** Validates parsed JSON as a provenance file; returns it, or what is wrong. */
export function checkProvenance(value: unknown): ProvenanceFile | string {
  if (!isRecord(value)) return 'expected a JSON object {"version": 1, "edits": [...]}';
  if (value.version !== 1) return `unsupported version ${JSON.stringify(value.version)} (expected 1)`;
  if (!Array.isArray(value.edits)) return '"edits" must be an array';
  for (const [index, edit] of value.edits.entries()) {
    const where = `edits[${index}]`;
    if (!isRecord(edit)) return `${where} must be an object`;
    if (typeof edit.path !== 'string' && typeof edit.uri !== 'string') return `${where} needs "path" or "uri"`;
    if (!Array.isArray(edit.ranges) || !edit.ranges.every(isRange)) {
      return `${where}.ranges must be a list of {"start": {"line", "character"}, "end": {"line", "character"}} (0-based)`;
    }
    if (typeof edit.source !== 'string' || !(SOURCES as readonly string[]).includes(edit.source)) {
      return `${where}.source must be one of ${SOURCES.join(', ')}`;
    }
  }
  return value as unknown as ProvenanceFile;
}

function isRange(value: unknown): value is RegionRange {
  return isRecord(value) && isPosition(value.start) && isPosition(value.end);
}

function isPosition(value: unknown): value is RegionPosition {
  return isRecord(value) && Number.isInteger(value.line) && Number.isInteger(value.character) && (value.line as number) >= 0 && (value.character as number) >= 0;
}

/**
 * Adds `edit` to the provenance file (created with its folder when missing). A record of a
 * whole-file write replaces the file's earlier records: the old ranges no longer describe it.
 */
export function recordAssistantEdit(file: string, edit: ProvenanceEdit, replacesFile: boolean): void {
  let current: ProvenanceFile = { version: 1, edits: [] };
  if (fs.existsSync(file)) {
    try {
      const checked = checkProvenance(JSON.parse(fs.readFileSync(file, 'utf8')));
      if (typeof checked !== 'string') current = checked;
    } catch {
      // An unreadable file is replaced: a hook must not fail the agent's edit over it.
    }
  }
  const edits = replacesFile ? current.edits.filter((existing) => existing.path !== edit.path) : current.edits;
  edits.push(edit);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify({ version: 1, edits }, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

/** True when 0-based `[start, end]` of a finding overlaps one of `ranges` (a zero-width finding inside counts). */
export function intersectsRegions(ranges: readonly RegionRange[] | undefined, start: RegionPosition, end: RegionPosition): boolean {
  if (ranges === undefined) return false;
  const before = (a: RegionPosition, b: RegionPosition): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);
  const empty = start.line === end.line && start.character === end.character;
  const effectiveEnd = empty ? { line: end.line, character: end.character + 1 } : end;
  return ranges.some((range) => before(start, range.end) && before(range.start, effectiveEnd));
}

/** The 0-based range `[startOffset, endOffset)` of `text` spans, as positions. */
export function rangeOfOffsets(text: string, startOffset: number, endOffset: number): RegionRange {
  return { start: positionAt(text, startOffset), end: positionAt(text, endOffset) };
}

function positionAt(text: string, offset: number): RegionPosition {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, character: Math.min(offset, text.length) - lineStart };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
