/** The scan's progress bar on stderr: files done, findings so far, elapsed time; only on a terminal and never in CI. */

/** The slice of a stream the bar needs (stderr, or a fake in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): boolean;
}

/** Redraws at most this often, so a fast scan does not spend its time drawing. */
const REDRAW_MS = 80;

/**
 * True when a progress bar may be drawn: on a terminal, not in CI (`CI` set to anything but
 * `false`/`0`), and not turned off with `--no-progress`.
 *
 * Why: a bar's carriage returns are noise in a piped log or a CI job's output.
 */
export function shouldShowProgress(stream: ProgressStream, env: NodeJS.ProcessEnv, enabled: boolean): boolean {
  const ci = env.CI;
  const inCi = ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
  return enabled && stream.isTTY === true && !inCi;
}

/** The bar's one line for `done` of `total` files, `findings` so far, after `elapsedMs`. */
export function renderProgress(done: number, total: number, findings: number, elapsedMs: number, width: number): string {
  const seconds = (elapsedMs / 1000).toFixed(1);
  const counts = ` ${done}/${total} files, ${findings} finding${findings === 1 ? '' : 's'}, ${seconds}s`;
  const barWidth = Math.max(10, Math.min(30, width - counts.length - 3));
  const filled = total === 0 ? barWidth : Math.round((done / total) * barWidth);
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${counts}`;
}

/** A progress bar that redraws one stderr line in place and erases it when done. */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}

  /** Reports progress; draws when enough time has passed since the last draw. */
  update(done: number, findings: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < REDRAW_MS && done < this.total) return;
    this.lastDraw = now;
    const line = renderProgress(done, this.total, findings, now - this.started, this.stream.columns ?? 80);
    this.stream.write(`\r${line}\x1b[K`);
    this.drawn = true;
  }

  /** Erases the bar, so the report that follows starts on a clean line. */
  finish(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
