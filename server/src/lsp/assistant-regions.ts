/** Per-document assistant-written regions, kept as offsets and mapped through every later edit. */
import type { AssistantEditSource } from '../protocol/messages';

/** One region an assistant wrote: `[start, end)` UTF-16 offsets into the document's current text. */
export interface AssistantRegion {
  id: string;
  start: number;
  end: number;
  source: AssistantEditSource;
}

/** One text change as offsets: `[start, end)` of the old text replaced by `newLength` characters. */
export interface OffsetEdit {
  start: number;
  end: number;
  newLength: number;
}

/**
 * Maps `region` through one edit; undefined when the edit removes it.
 *
 * Why these rules: an edit before a region shifts it; an edit inside grows or
 * shrinks it (the user is editing assistant code, which stays assistant code);
 * an edit that replaces the whole region removes it (nothing the assistant
 * wrote is left). Typing right at either boundary is the user's own text, so it
 * is not absorbed. An edit overlapping one end trims the region to what is left.
 */
export function mapRegion<R extends { start: number; end: number }>(region: R, edit: OffsetEdit): R | undefined {
  const delta = edit.newLength - (edit.end - edit.start);
  const { start, end } = region;
  if (edit.end <= start) {
    // Entirely before the region (an insertion at its start included): shift.
    return { ...region, start: start + delta, end: end + delta };
  }
  if (edit.start >= end) return region; // entirely after (an insertion at its end included)
  if (edit.start <= start && edit.end >= end) return undefined; // the whole region replaced or deleted
  let newStart: number;
  let newEnd: number;
  if (edit.start >= start && edit.end <= end) {
    newStart = start;
    newEnd = end + delta;
  } else if (edit.start < start) {
    // Overlaps the region's beginning: what is left of it follows the new text.
    newStart = edit.start + edit.newLength;
    newEnd = end + delta;
  } else {
    // Overlaps the region's end: the region stops where the edit starts.
    newStart = start;
    newEnd = edit.start;
  }
  return newEnd > newStart ? { ...region, start: newStart, end: newEnd } : undefined;
}

/**
 * The assistant regions of every open document.
 *
 * Why offsets and not line/character: every edit maps the same way whatever
 * its line structure, and findings carry offsets too, so "is this finding in
 * assistant code" is two comparisons.
 */
export class AssistantRegions {
  private readonly byUri = new Map<string, AssistantRegion[]>();
  private nextId = 1;

  /** Adds regions (offsets in the current text), merging ones that overlap or touch. Returns the regions now covering them. */
  add(uri: string, spans: readonly { start: number; end: number }[], source: AssistantEditSource): AssistantRegion[] {
    const list = [...(this.byUri.get(uri) ?? [])];
    for (const span of spans) {
      if (span.end <= span.start) continue;
      list.push({ id: `r${this.nextId++}`, start: span.start, end: span.end, source });
    }
    const merged = mergeRegions(list);
    this.byUri.set(uri, merged);
    return merged.filter((r) => spans.some((s) => s.start < r.end && s.end > r.start));
  }

  /** Replaces a document's regions (restoring persisted ones); fresh ids are given. */
  set(uri: string, regions: readonly { start: number; end: number; source: AssistantEditSource }[]): void {
    if (regions.length === 0) {
      this.byUri.delete(uri);
      return;
    }
    this.byUri.set(
      uri,
      mergeRegions(regions.filter((r) => r.end > r.start).map((r) => ({ id: `r${this.nextId++}`, start: r.start, end: r.end, source: r.source }))),
    );
  }

  /** Maps the document's regions through one edit. Returns true when any region changed. */
  applyEdit(uri: string, edit: OffsetEdit): boolean {
    const list = this.byUri.get(uri);
    if (!list || list.length === 0) return false;
    const next: AssistantRegion[] = [];
    let changed = false;
    for (const region of list) {
      const mapped = mapRegion(region, edit);
      if (mapped !== region) changed = true;
      if (mapped) next.push(mapped);
    }
    if (next.length === 0) this.byUri.delete(uri);
    else this.byUri.set(uri, next);
    return changed;
  }

  /** The document's regions, in offset order. */
  get(uri: string): readonly AssistantRegion[] {
    return this.byUri.get(uri) ?? [];
  }

  /** The first region that overlaps `[start, end)` (an empty range counts when it lies inside). */
  find(uri: string, start: number, end: number): AssistantRegion | undefined {
    return this.get(uri).find((r) => (start === end ? start >= r.start && start < r.end : start < r.end && end > r.start));
  }

  /** Removes one region ("mark reviewed"). Returns true if it existed. */
  remove(uri: string, id: string): boolean {
    const list = this.byUri.get(uri);
    if (!list) return false;
    const next = list.filter((r) => r.id !== id);
    if (next.length === list.length) return false;
    if (next.length === 0) this.byUri.delete(uri);
    else this.byUri.set(uri, next);
    return true;
  }

  /** Forgets a document's regions (it was closed; persistence keeps them). */
  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  /** Every document that has regions. */
  uris(): string[] {
    return [...this.byUri.keys()];
  }
}

/** Sorts regions and merges those that overlap or touch; the earlier region's id and source win. */
function mergeRegions(regions: readonly AssistantRegion[]): AssistantRegion[] {
  const sorted = [...regions].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: AssistantRegion[] = [];
  for (const region of sorted) {
    const last = out[out.length - 1];
    if (last && region.start <= last.end) {
      last.end = Math.max(last.end, region.end);
    } else {
      out.push({ ...region });
    }
  }
  return out;
}
