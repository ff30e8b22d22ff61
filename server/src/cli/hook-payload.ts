/** Reads a coding agent's post-edit hook payload (Claude Code PostToolUse, Cursor afterFileEdit) into the file written and the text written. */

/** What an agent's edit wrote: the file, and either the whole file or the inserted snippets. */
export interface HookEdit {
  /** As the payload gives it (absolute, or relative to `baseDir`). */
  filePath: string;
  /** Where a relative `filePath` is resolved and where the project is: the payload's `cwd` / first workspace root. */
  baseDir?: string;
  /** `whole-file` for a write of the entire file, else each inserted text (`new_string`). */
  written: 'whole-file' | string[];
  /** `Write`, `Edit`, `MultiEdit`, `afterFileEdit`. */
  tool: string;
}

/** A payload Vigil acts on, one it deliberately ignores (another tool), or a malformed one. */
export type HookPayloadResult = { kind: 'edit'; edit: HookEdit } | { kind: 'ignore'; reason: string } | { kind: 'error'; message: string };

/**
 * Parses the JSON an agent pipes to its hook.
 *
 * Claude Code's PostToolUse: `{hook_event_name, cwd, tool_name, tool_input}` where
 * `tool_input` is `{file_path, content}` for Write, `{file_path, old_string, new_string}` for
 * Edit and `{file_path, edits: [{old_string, new_string}]}` for MultiEdit. Cursor's
 * afterFileEdit: `{hook_event_name: "afterFileEdit", file_path, edits: [{old_string, new_string}],
 * workspace_roots}`. Why tolerant of extra fields and strict on the ones used: both agents add
 * fields over time, and a hook must not break on them.
 */
export function parseHookPayload(text: string): HookPayloadResult {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return { kind: 'error', message: 'the hook payload on stdin is not JSON (pipe the agent hook payload, or use --file <path>)' };
  }
  if (!isRecord(payload)) return { kind: 'error', message: 'the hook payload must be a JSON object' };
  const baseDir = typeof payload.cwd === 'string' ? payload.cwd : firstString(payload.workspace_roots);
  if (payload.hook_event_name === 'afterFileEdit' || (typeof payload.file_path === 'string' && payload.tool_input === undefined)) {
    if (typeof payload.file_path !== 'string' || payload.file_path === '') return { kind: 'error', message: 'the afterFileEdit payload has no file_path' };
    return { kind: 'edit', edit: withBase({ filePath: payload.file_path, written: newStrings(payload.edits), tool: 'afterFileEdit' }, baseDir) };
  }
  const tool = typeof payload.tool_name === 'string' ? payload.tool_name : '';
  const input = payload.tool_input;
  if (!isRecord(input)) return { kind: 'error', message: 'the PostToolUse payload has no tool_input object' };
  if (tool !== 'Write' && tool !== 'Edit' && tool !== 'MultiEdit') {
    return { kind: 'ignore', reason: `tool ${tool === '' ? '(none)' : tool} does not write a file Vigil scans` };
  }
  if (typeof input.file_path !== 'string' || input.file_path === '') return { kind: 'error', message: `the ${tool} payload has no tool_input.file_path` };
  const written: HookEdit['written'] =
    tool === 'Write' ? 'whole-file' : tool === 'Edit' ? (typeof input.new_string === 'string' ? [input.new_string] : []) : newStrings(input.edits);
  return { kind: 'edit', edit: withBase({ filePath: input.file_path, written, tool }, baseDir) };
}

function withBase(edit: HookEdit, baseDir: string | undefined): HookEdit {
  return baseDir === undefined ? edit : { ...edit, baseDir };
}

function newStrings(edits: unknown): string[] {
  if (!Array.isArray(edits)) return [];
  return edits.flatMap((edit) => (isRecord(edit) && typeof edit.new_string === 'string' ? [edit.new_string] : []));
}

function firstString(value: unknown): string | undefined {
  return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `[start, end)` offsets of the written snippets in the file's text after the edit: every
 * occurrence of each non-empty snippet (an over-approximation when the same text occurs
 * elsewhere, which only widens what counts as assistant-written).
 */
export function writtenOffsets(text: string, written: HookEdit['written']): [number, number][] {
  if (written === 'whole-file') return text.length === 0 ? [] : [[0, text.length]];
  const spans: [number, number][] = [];
  for (const snippet of written) {
    if (snippet.trim() === '') continue;
    for (let at = text.indexOf(snippet); at >= 0; at = text.indexOf(snippet, at + snippet.length)) {
      spans.push([at, at + snippet.length]);
    }
  }
  return spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
