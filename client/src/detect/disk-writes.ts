/**
 * Files written on disk by coding agents (Copilot agent mode, Claude Code,
 * Cursor, Aider), told apart from files a branch switch, pull or formatter run
 * rewrote.
 *
 * An agent writes a few files, one burst at a time; git and formatters rewrite
 * many at once or next to a change under `.git/`. The tracker keeps the last
 * known text of each file (its baseline) to report only the lines an agent added.
 */
import { diffLines } from 'diff';
import { diffSpan } from './inline-commit';
import { LineIndex, isBlank, mergeRanges, stripWhitespace } from './text-ranges';
import type { Rng } from './types';

/** Tuning of {@link DiskWriteTracker}; every field has a default. */
export interface DiskWriteTrackerOptions {
  /** Writes less than this far apart belong to one burst (default 1500 ms). */
  batchWindowMs: number;
  /** More distinct files than this in one window is a batch: a checkout, pull or formatter run (default 6). */
  maxFilesPerBatch: number;
  /** A write this close (before or after) to a change under `.git/` is git's (default 3000 ms). */
  gitQuietMs: number;
  /** Total UTF-8 size of the kept baselines; least recently used ones are dropped beyond it (default 32 MiB). */
  maxBaselineBytes: number;
  /** Files bigger than this (UTF-8 bytes) are neither kept nor reported (default 1 000 000). */
  maxFileBytes: number;
  /** The clock, for calls that omit their time (default `Date.now`). */
  now: () => number;
}

/** The defaults of {@link DiskWriteTrackerOptions}. */
export const DEFAULT_DISK_WRITE_OPTIONS: Readonly<DiskWriteTrackerOptions> = Object.freeze({
  batchWindowMs: 1500,
  maxFilesPerBatch: 6,
  gitQuietMs: 3000,
  maxBaselineBytes: 32 * 1024 * 1024,
  maxFileBytes: 1_000_000,
  now: () => Date.now(),
});

/** What the file watcher and the editor say about one change on disk. */
export interface FileChangeInfo {
  /** The watcher reported a created file. */
  created: boolean;
  /** The file is open in the editor with unsaved edits. */
  dirty: boolean;
}

/** One agent write: the ranges of the lines it added, in the new text. */
export interface DiskWriteReport {
  uri: string;
  ranges: Rng[];
  /** The file did not exist before (the whole text is reported). */
  created: boolean;
}

/** A queued write of one file, not yet reported. */
interface PendingWrite {
  text: string;
  created: boolean;
  /** Too big to keep or diff: only counted towards batches. */
  tooLarge: boolean;
  firstAt: number;
  lastAt: number;
  /** Written within `gitQuietMs` of a change under `.git/`. */
  nearGit: boolean;
}

interface Baseline {
  text: string;
  bytes: number;
}

/** One write seen by the watcher, for burst detection. */
export interface WriteEvent {
  uri: string;
  at: number;
}

/** How many write events are kept for burst detection at most (a file rewritten every second for hours must not grow it without bound). */
const MAX_HISTORY = 5000;

/** Diffs with more line edits than this give up and report the whole differing span. */
const DEFAULT_MAX_EDIT_LENGTH = 2000;

/**
 * Tracks baselines and queued disk writes, and reports agent writes once they are settled.
 *
 * Usage: `setBaseline` on open and on save (and on an initial disk read),
 * `fileChanged` from the file watcher, `gitChanged` from a watcher on `.git/`,
 * and `flush` from a timer at {@link nextFlushAt}.
 */
export class DiskWriteTracker {
  private readonly options: DiskWriteTrackerOptions;
  /** In least-recently-used-first order (a Map keeps insertion order). */
  private readonly baselines = new Map<string, Baseline>();
  private totalBaselineBytes = 0;
  private readonly pending = new Map<string, PendingWrite>();
  private history: WriteEvent[] = [];
  private lastGitAt: number | undefined;

  constructor(options: Partial<DiskWriteTrackerOptions> = {}) {
    this.options = { ...DEFAULT_DISK_WRITE_OPTIONS, ...options };
  }

  /**
   * How long a write waits before it is judged: until no window that contains
   * it can still grow, and until a git change right after it would have arrived.
   */
  get settleMs(): number {
    return Math.max(this.options.batchWindowMs, this.options.gitQuietMs);
  }

  /** The total UTF-8 size of the kept baselines. */
  get baselineBytes(): number {
    return this.totalBaselineBytes;
  }

  /** Records the known text of a file (open document text or initial disk read); a file over `maxFileBytes` is forgotten instead. */
  setBaseline(uri: string, text: string): void {
    const bytes = Buffer.byteLength(text, 'utf8');
    this.dropBaseline(uri);
    if (bytes > this.options.maxFileBytes) {
      return;
    }
    this.baselines.set(uri, { text, bytes });
    this.totalBaselineBytes += bytes;
    for (const [oldest, baseline] of this.baselines) {
      if (this.totalBaselineBytes <= this.options.maxBaselineBytes || oldest === uri) {
        break;
      }
      this.baselines.delete(oldest);
      this.totalBaselineBytes -= baseline.bytes;
    }
  }

  /** Forgets a file (deleted, or no longer of interest): its baseline and any queued write. */
  forget(uri: string): void {
    this.dropBaseline(uri);
    this.pending.delete(uri);
  }

  /** True if a baseline of the file is kept. */
  hasBaseline(uri: string): boolean {
    return this.baselines.has(uri);
  }

  /** A change under `.git/` (HEAD, refs, index, ORIG_HEAD, FETCH_HEAD): writes within `gitQuietMs` of it are git's. */
  gitChanged(atMs: number = this.options.now()): void {
    this.lastGitAt = this.lastGitAt === undefined ? atMs : Math.max(this.lastGitAt, atMs);
    for (const write of this.pending.values()) {
      if (Math.abs(write.lastAt - atMs) <= this.options.gitQuietMs) {
        write.nearGit = true;
      }
    }
  }

  /**
   * Queues a file the watcher saw change. A file with unsaved edits in the
   * editor is skipped: the change on disk is not what the user sees, and the
   * editor will ask them which version to keep.
   */
  fileChanged(uri: string, newText: string, atMs: number, info: FileChangeInfo): void {
    if (info.dirty) {
      return;
    }
    const tooLarge = Buffer.byteLength(newText, 'utf8') > this.options.maxFileBytes;
    const nearGit = this.lastGitAt !== undefined && Math.abs(atMs - this.lastGitAt) <= this.options.gitQuietMs;
    const previous = this.pending.get(uri);
    this.pending.set(uri, {
      text: tooLarge ? '' : newText,
      created: info.created || (previous?.created ?? false),
      tooLarge,
      firstAt: previous?.firstAt ?? atMs,
      lastAt: atMs,
      nearGit: nearGit || (previous?.nearGit ?? false),
    });
    this.history.push({ uri, at: atMs });
    if (this.history.length > MAX_HISTORY) {
      this.history.splice(0, this.history.length - MAX_HISTORY);
    }
  }

  /** When the earliest queued write settles (call {@link flush} then), or undefined if nothing is queued. */
  nextFlushAt(): number | undefined {
    let earliest: number | undefined;
    for (const write of this.pending.values()) {
      const at = write.lastAt + this.settleMs;
      earliest = earliest === undefined ? at : Math.min(earliest, at);
    }
    return earliest;
  }

  /**
   * Judges every queued write that has settled (its last write at least
   * {@link settleMs} before `atMs`) and returns the agent writes among them;
   * writes not yet settled stay queued. Baselines always move to the new text.
   */
  flush(atMs: number = this.options.now()): DiskWriteReport[] {
    const ready = [...this.pending].filter(([, write]) => write.lastAt + this.settleMs <= atMs);
    if (ready.length === 0) {
      return [];
    }
    const inBurst = burstFiles(this.history, this.options.batchWindowMs, this.options.maxFilesPerBatch);
    const reports: DiskWriteReport[] = [];
    for (const [uri, write] of ready) {
      this.pending.delete(uri);
      const report = this.judge(uri, write, write.nearGit || inBurst.has(uri));
      if (report !== undefined) {
        reports.push(report);
      }
    }
    this.pruneHistory();
    return reports;
  }

  /** Decides one settled write and moves its baseline. */
  private judge(uri: string, write: PendingWrite, batched: boolean): DiskWriteReport | undefined {
    if (write.tooLarge) {
      this.dropBaseline(uri);
      return undefined;
    }
    const baseline = this.baselines.get(uri)?.text;
    this.setBaseline(uri, write.text);
    if (batched) {
      return undefined;
    }
    if (baseline === undefined) {
      // Without a baseline only a new file can be judged: all of it is the agent's.
      if (!write.created || isBlank(write.text)) {
        return undefined;
      }
      return { uri, ranges: [new LineIndex(write.text).rangeAt(0, write.text.length)], created: true };
    }
    if (baseline === write.text || stripWhitespace(baseline) === stripWhitespace(write.text)) {
      return undefined;
    }
    const ranges = insertedHunks(baseline, write.text);
    return ranges.length === 0 ? undefined : { uri, ranges, created: false };
  }

  private dropBaseline(uri: string): void {
    const old = this.baselines.get(uri);
    if (old !== undefined) {
      this.baselines.delete(uri);
      this.totalBaselineBytes -= old.bytes;
    }
  }

  /** Keeps only the write events that can still share a window with a queued write. */
  private pruneHistory(): void {
    let oldest = Infinity;
    for (const write of this.pending.values()) {
      oldest = Math.min(oldest, write.firstAt);
    }
    const keepFrom = oldest - this.options.batchWindowMs;
    this.history = this.history.filter((event) => event.at >= keepFrom);
  }
}

/**
 * The files written as part of a burst: more than `maxFiles` distinct files
 * within one window of `windowMs`.
 *
 * Why: a checkout, pull, stash or formatter run rewrites many files within
 * milliseconds, an agent a few; a sliding window (rather than "everything
 * since the last flush") keeps an agent that writes one file every second
 * from ever looking like a batch. O(n) over the events, sorted by time.
 */
export function burstFiles(events: readonly WriteEvent[], windowMs: number, maxFiles: number): Set<string> {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const burst = new Set<string>();
  const counts = new Map<string, number>();
  let end = 0;
  let markedUntil = 0;
  for (let start = 0; start < sorted.length; start++) {
    const first = sorted[start];
    if (first === undefined) {
      break;
    }
    for (let next = sorted[end]; next !== undefined && next.at - first.at <= windowMs; next = sorted[++end]) {
      counts.set(next.uri, (counts.get(next.uri) ?? 0) + 1);
    }
    if (counts.size > maxFiles) {
      for (let i = Math.max(start, markedUntil); i < end; i++) {
        const event = sorted[i];
        if (event !== undefined) {
          burst.add(event.uri);
        }
      }
      markedUntil = end;
    }
    const left = (counts.get(first.uri) ?? 1) - 1;
    if (left === 0) {
      counts.delete(first.uri);
    } else {
      counts.set(first.uri, left);
    }
  }
  return burst;
}

/**
 * The ranges of the lines `newText` adds to `oldText`, whole lines from their
 * start to the start of the next line, adjacent hunks merged.
 *
 * Why: a line diff (the `diff` package, `\r\n` and `\n` compared alike) is what
 * a reviewer reads as "the agent's change"; when the texts are too different to
 * diff quickly, the whole differing span (by common prefix and suffix),
 * widened to whole lines, is reported instead. Whitespace-only rewrites are the
 * caller's to filter (see {@link DiskWriteTracker}).
 */
export function insertedHunks(oldText: string, newText: string, maxEditLength: number = DEFAULT_MAX_EDIT_LENGTH): Rng[] {
  if (oldText === newText) {
    return [];
  }
  const index = new LineIndex(newText);
  const changes = diffLines(oldText, newText, { stripTrailingCr: true, maxEditLength });
  const starts = lfLineStarts(newText);
  if (changes === undefined) {
    const span = diffSpan(oldText, newText);
    if (span === undefined || span.afterEnd === span.start) {
      return [];
    }
    const first = index.positionAt(span.start).line;
    const last = index.positionAt(span.afterEnd - 1).line;
    return [index.rangeAt(index.offsetAt({ line: first, character: 0 }), index.offsetAt({ line: last + 1, character: 0 }))];
  }
  const ranges: Rng[] = [];
  let line = 0;
  for (const change of changes) {
    if (change.removed) {
      continue;
    }
    if (change.added) {
      const start = starts[line] ?? newText.length;
      const end = starts[line + change.count] ?? newText.length;
      ranges.push(index.rangeAt(start, end));
    }
    line += change.count;
  }
  return mergeRanges(ranges.filter((range) => range.start.line !== range.end.line || range.start.character !== range.end.character));
}

/** Offsets where the `diff` package's lines start: after each `\n` (it splits on `\n` and `\r\n` only). */
function lfLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    starts.push(i + 1);
  }
  return starts;
}
