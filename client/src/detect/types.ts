/**
 * Plain-data shapes of the assistant-edit detection. They mirror VS Code's types
 * without importing `vscode`, so the detection runs (and is tested) in plain Node.
 */

/** A 0-based position; `character` counts UTF-16 code units, like VS Code and LSP. */
export interface Pos {
  line: number;
  character: number;
}

/** A half-open range `[start, end)`. */
export interface Rng {
  start: Pos;
  end: Pos;
}

/**
 * One entry of VS Code's `TextDocumentChangeEvent.contentChanges` (ranges and
 * rangeOffset refer to the document BEFORE the event; VS Code may list several,
 * usually in descending document order, all relative to the pre-event text).
 */
export interface RecordedChange {
  range: Rng;
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/** A `TextDocumentChangeEvent`, as plain data. */
export interface RecordedChangeEvent {
  uri: string;
  /** The document version after the event. */
  version: number;
  reason?: 'undo' | 'redo';
  changes: RecordedChange[];
}

/** When an insertion is big enough to be an assistant's rather than typing. */
export interface DetectionThresholds {
  /** Inserted text whose non-blank content spans at least this many lines counts (default 3). */
  minLines: number;
  /** Inserted text with at least this many non-whitespace characters counts (default 120). */
  minChars: number;
  /** `minLines` when an extension or agent owns the document (default 1: one whole line). */
  chatMinLines?: number;
  /** `minChars` when an extension or agent owns the document (default 20). */
  chatMinChars?: number;
}

/** What the editor knows around a change event, beyond the event itself. */
export interface EditContext {
  /**
   * Clipboard text at the time of the event (undefined if unknown). An insertion
   * equal to it (ignoring CRLF/LF and surrounding whitespace differences) is a paste.
   */
  clipboard?: string;
  /** A chat-editing session / other extension owns the document: then any non-undo insertion of >= 1 line or >= 20 chars counts. */
  chatSessionActive: boolean;
  /** True while the lead's wrapped inline-suggest commit runs for this document: the classifier must ignore the event (the commit reports it itself). */
  inlineCommitInProgress: boolean;
  /**
   * Whether the document is the one in the focused editor. An edit to a document
   * the user is not looking at, with no undo/redo reason, comes from an
   * extension/agent: use the lower chat thresholds.
   */
  isActiveEditorDocument: boolean;
  /**
   * The document text before the event, if the caller keeps it. Optional: with
   * it, format and rename are recognised exactly (the replaced text is known);
   * without it, by the shape of the inserted text alone.
   */
  textBefore?: string;
}

/** Why an event was not attributed to an assistant. */
export type NotAssistantReason =
  | 'undo'
  | 'redo'
  | 'inline-commit'
  | 'no-change'
  | 'delete'
  | 'small'
  | 'paste'
  | 'format'
  | 'rename';

/** The verdict on one change event. */
export type Classification =
  | { assistant: true; source: 'chat-apply'; ranges: Rng[] /* in the document AFTER the event */ }
  | { assistant: false; reason: NotAssistantReason };

/** The thresholds used when the caller has no settings. */
export const DEFAULT_THRESHOLDS: Readonly<Required<DetectionThresholds>> = Object.freeze({
  minLines: 3,
  minChars: 120,
  chatMinLines: 1,
  chatMinChars: 20,
});
