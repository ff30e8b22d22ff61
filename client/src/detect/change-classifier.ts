/**
 * Decides whether one document change event was written by an assistant (chat
 * "apply", an agent editing through the editor) rather than typed, pasted,
 * undone, formatted or renamed by the user.
 *
 * The classifier excuses an event only when it is big enough to matter: cheap
 * size checks come first, so a keystroke never looks at the clipboard or the
 * replaced text.
 */
import { LineIndex, insertedSpans, isBlank, mergeRanges, stripWhitespace } from './text-ranges';
import type { InsertedSpan } from './text-ranges';
import { DEFAULT_THRESHOLDS } from './types';
import type { Classification, DetectionThresholds, EditContext, NotAssistantReason, RecordedChange, RecordedChangeEvent, Rng } from './types';

/**
 * Classifies one change event.
 *
 * @param event the event, as VS Code emitted it
 * @param textAfter the document text after the event (ranges are computed in it)
 * @param ctx what the editor knows around the event
 * @param thresholds when an insertion is large enough to count
 */
export function classifyChange(
  event: RecordedChangeEvent,
  textAfter: string,
  ctx: EditContext,
  thresholds: DetectionThresholds = DEFAULT_THRESHOLDS,
): Classification {
  if (event.reason !== undefined) {
    return notAssistant(event.reason);
  }
  if (ctx.inlineCommitInProgress) {
    return notAssistant('inline-commit');
  }
  const changes = event.changes;
  if (changes.length === 0) {
    return notAssistant('no-change');
  }
  if (changes.every((change) => change.text.length === 0)) {
    return notAssistant('delete');
  }
  const limits = effectiveLimits(ctx, thresholds);
  const large = changes.some((change) => isLargeInsertion(change.text, limits));
  if (!large) {
    // Several small changes at once: a formatter or a rename names itself; anything else (multi-cursor typing) is just small.
    if (changes.length > 1 && isFormatting(changes, ctx.textBefore)) {
      return notAssistant('format');
    }
    if (isRename(changes, ctx.textBefore)) {
      return notAssistant('rename');
    }
    return notAssistant('small');
  }
  if (ctx.clipboard !== undefined && isPaste(changes, ctx.clipboard)) {
    return notAssistant('paste');
  }
  if (isFormatting(changes, ctx.textBefore)) {
    return notAssistant('format');
  }
  if (isRename(changes, ctx.textBefore)) {
    return notAssistant('rename');
  }
  return { assistant: true, source: 'chat-apply', ranges: postEventRanges(changes, textAfter) };
}

function notAssistant(reason: NotAssistantReason): Classification {
  return { assistant: false, reason };
}

/** The size limits that apply: the lower chat ones when an extension or agent owns the document. */
export interface SizeLimits {
  minLines: number;
  minChars: number;
}

/**
 * The limits for this context.
 *
 * Why: inside a chat-editing session, or in a document the user is not looking
 * at (an extension or agent edits it in the background), typing is unlikely, so
 * a single whole line is enough to count; in the focused editor only an
 * insertion bigger than anyone types at once counts.
 */
export function effectiveLimits(ctx: EditContext, thresholds: DetectionThresholds): SizeLimits {
  if (ctx.chatSessionActive || !ctx.isActiveEditorDocument) {
    return {
      minLines: thresholds.chatMinLines ?? DEFAULT_THRESHOLDS.chatMinLines,
      minChars: thresholds.chatMinChars ?? DEFAULT_THRESHOLDS.chatMinChars,
    };
  }
  return { minLines: thresholds.minLines, minChars: thresholds.minChars };
}

/**
 * How many lines the non-blank content of `text` spans: from the first line
 * with a non-whitespace character to the last one, inclusive (0 for blank text).
 *
 * Why: Enter plus auto-indent inserts a line break and spaces, and auto-closing
 * a brace on Enter inserts two line breaks; neither is a line of code, while
 * three lines of code with a blank line between them span four.
 */
export function contentLineSpan(text: string): number {
  const lines = text.split(/\r\n|\r|\n/u);
  let first = -1;
  let last = -1;
  lines.forEach((line, index) => {
    if (/\S/u.test(line)) {
      if (first < 0) {
        first = index;
      }
      last = index;
    }
  });
  return first < 0 ? 0 : last - first + 1;
}

/** The number of non-whitespace characters of `text`. */
export function nonWhitespaceLength(text: string): number {
  return stripWhitespace(text).length;
}

/**
 * True if `text` is more than typing inserts: its content spans `minLines`
 * lines and it holds a line break (so `minLines: 1` means a whole line), or it
 * has `minChars` non-whitespace characters.
 */
export function isLargeInsertion(text: string, limits: SizeLimits): boolean {
  if (text.length === 0) {
    return false;
  }
  if (/[\r\n]/u.test(text) && contentLineSpan(text) >= limits.minLines) {
    return true;
  }
  return nonWhitespaceLength(text) >= limits.minChars;
}

/**
 * Normalises text for the paste comparison: LF line breaks, each line trimmed,
 * no blank lines at either end.
 *
 * Why: VS Code re-indents pasted lines (auto-indent on paste) and the clipboard
 * may hold CRLF text pasted into an LF document or the reverse.
 */
export function normalizeForPaste(text: string): string {
  return text
    .split(/\r\n|\r|\n/u)
    .map((line) => line.trim())
    .join('\n')
    .replace(/^\n+|\n+$/gu, '');
}

/**
 * True if the event inserts the clipboard: every change inserts it (a paste at
 * several cursors), or the changes' texts are its lines spread over the cursors
 * (VS Code's `editor.multiCursorPaste: spread`).
 */
export function isPaste(changes: readonly RecordedChange[], clipboard: string): boolean {
  const wanted = normalizeForPaste(clipboard);
  if (wanted.length === 0) {
    return false;
  }
  const texts = changes.map((change) => normalizeForPaste(change.text));
  if (texts.every((text) => text === wanted)) {
    return true;
  }
  return changes.length > 1 && normalizeForPaste(insertedSpans(changes).map((span) => span.change.text).join('\n')) === wanted;
}

/**
 * True if the event only moves whitespace around: with the pre-event text, the
 * replaced text and the inserted text hold the same non-whitespace characters in
 * the same order; without it, every change inserts whitespace only.
 *
 * Why: format-on-save and "Format Document" re-indent and re-space code the
 * user wrote; nothing new arrives that a scan should attribute to an assistant.
 */
export function isFormatting(changes: readonly RecordedChange[], textBefore: string | undefined): boolean {
  if (textBefore === undefined) {
    return changes.every((change) => isBlank(change.text));
  }
  const ordered = insertedSpans(changes).map((span) => span.change);
  const replaced = ordered.map((change) => textBefore.slice(change.rangeOffset, change.rangeOffset + change.rangeLength)).join('');
  const inserted = ordered.map((change) => change.text).join('');
  return stripWhitespace(replaced) === stripWhitespace(inserted);
}

/** An ECMAScript identifier (optionally a `#private` name). */
const IDENTIFIER = /^#?[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

/**
 * True if the event is a rename: at least two changes, each replacing the same
 * old identifier with the same new identifier and nothing else. Without the
 * pre-event text, "the same old identifier" is judged by equal replaced lengths.
 *
 * Why: a rename (F2, or rename-on-type) touches many places at once, possibly
 * in documents the user is not looking at, and can introduce a long name; it
 * writes no new code.
 */
export function isRename(changes: readonly RecordedChange[], textBefore: string | undefined): boolean {
  const first = changes[0];
  if (changes.length < 2 || first === undefined || !IDENTIFIER.test(first.text) || first.rangeLength === 0) {
    return false;
  }
  const oldText = textBefore?.slice(first.rangeOffset, first.rangeOffset + first.rangeLength);
  if (oldText !== undefined && (!IDENTIFIER.test(oldText) || oldText === first.text)) {
    return false;
  }
  return changes.every(
    (change) =>
      change.text === first.text &&
      change.rangeLength === first.rangeLength &&
      (textBefore === undefined || textBefore.slice(change.rangeOffset, change.rangeOffset + change.rangeLength) === oldText),
  );
}

/**
 * The ranges of the inserted texts in the post-event document, in document
 * order, contiguous ones merged, empty ones (pure deletions) dropped.
 */
export function postEventRanges(changes: readonly RecordedChange[], textAfter: string): Rng[] {
  const index = new LineIndex(textAfter);
  const spans: InsertedSpan[] = insertedSpans(changes).filter((span) => span.end > span.start);
  return mergeRanges(spans.map((span) => index.rangeAt(span.start, span.end)));
}
