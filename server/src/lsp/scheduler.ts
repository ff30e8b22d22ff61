/** Debounces scans per document and makes sure a scan for an old version never publishes. */

/** Runs a scan of `uri` at `version`; `isCurrent()` turns false as soon as a newer request exists. */
export type ScanJob = (uri: string, version: number, isCurrent: () => boolean) => Promise<void>;

/**
 * One pending scan per document.
 *
 * Why: a scan per keystroke wastes work the next keystroke throws away, so
 * scans wait for a pause (the debounce); an assistant insertion is scanned at
 * once because that is the moment the user looks. Each request gets a
 * generation number; a newer request cancels the older timer, and a scan that
 * is already running learns through `isCurrent()` that its results are stale.
 */
export class ScanScheduler {
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; version: number; due: number }>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly job: ScanJob,
    private readonly onError: (uri: string, error: unknown) => void,
  ) {}

  /**
   * Scans `uri` at `version` after `delayMs` (0: on the next turn of the event
   * loop), replacing any pending request, except that a pending request for
   * the same version that is due sooner is kept (an assistant insertion's
   * immediate scan is not pushed back by the debounce of the same change).
   */
  schedule(uri: string, version: number, delayMs: number): void {
    const due = Date.now() + delayMs;
    const pending = this.timers.get(uri);
    if (pending && pending.version === version && pending.due <= due) return;
    if (pending) clearTimeout(pending.timer);
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    const run = (): void => {
      this.timers.delete(uri);
      const isCurrent = (): boolean => this.generations.get(uri) === generation;
      if (!isCurrent()) return;
      this.job(uri, version, isCurrent).catch((error: unknown) => this.onError(uri, error));
    };
    // Even with no delay, a timer: changes already queued on the input stream are read first and make this scan stale.
    this.timers.set(uri, { timer: setTimeout(run, delayMs), version, due });
  }

  /** Cancels any pending or running scan of `uri` (closed document). */
  cancel(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending.timer);
    this.timers.delete(uri);
    this.generations.set(uri, (this.generations.get(uri) ?? 0) + 1);
  }

  /** Cancels everything (shutdown). */
  dispose(): void {
    for (const pending of this.timers.values()) clearTimeout(pending.timer);
    this.timers.clear();
  }
}
