/** Scans many files on worker threads (`--jobs`): the main thread and jobs−1 workers pull small batches; results come back in file order. */
import { Worker } from 'node:worker_threads';
import type { RuleCacheLocation } from '../shared/rule-cache-file';
import type { FileOutcome, FileTask } from './scan-one-file';

/** What a worker is started with: the rule paths to load once, and the marker main.ts looks for. */
export interface ScanWorkerData {
  vigilScanWorker: true;
  rulePaths: string[];
  /** The compiled bundled rules, as the main thread found them (its digest already checked). */
  ruleCache?: RuleCacheLocation;
}

/** Main → worker: scan these files, or stop. */
export type ScanWorkerRequest = { kind: 'batch'; tasks: FileTask[] } | { kind: 'stop' };

/** Worker → main: the outcomes of one batch. */
export interface ScanWorkerReply {
  outcomes: FileOutcome[];
}

/** Files per batch: small enough to balance the load, large enough that messaging costs little. */
const BATCH_SIZE = 8;

/** Source bytes one more thread must have to scan before starting it pays off (a worker spends ~0.5 s loading the parser and the rules). */
export const BYTES_PER_WORKER = 512 * 1024;

/**
 * How many worker threads to start for `files` files of `bytes` bytes in total with `--jobs
 * jobs` (the main thread is one of the jobs): none for small trees, where starting a worker
 * costs more than it saves, and at most one per {@link BYTES_PER_WORKER} of source.
 */
export function workerCount(files: number, bytes: number, jobs: number): number {
  if (jobs <= 1 || files < 2 * BATCH_SIZE) return 0;
  return Math.max(0, Math.min(jobs - 1, Math.floor(bytes / BYTES_PER_WORKER), Math.ceil(files / BATCH_SIZE) - 1));
}

/**
 * Scans `tasks` with this thread (with `scanHere`, its rules already loaded) and `workers`
 * worker threads (see {@link workerCount}) started from `workerEntry` (the CLI's main module, which turns into a
 * worker when it sees {@link ScanWorkerData}). `onOutcome` is called as files finish (for the
 * progress bar). The result is in task order whatever the timing, so the report does not
 * depend on `--jobs`.
 *
 * Why batches pulled by whoever is idle instead of a fixed split: file sizes vary by orders of
 * magnitude, and a fixed split leaves one thread with the one huge file while others idle.
 * Why the main thread works too: a worker spends its first few hundred milliseconds loading
 * TypeScript's parser and the rules, which the main thread has already done.
 */
export function scanInWorkers(
  tasks: readonly FileTask[],
  rulePaths: readonly string[],
  ruleCache: RuleCacheLocation | undefined,
  workers: number,
  workerEntry: string,
  onOutcome: (outcome: FileOutcome) => void,
  scanHere: (task: FileTask) => FileOutcome,
): Promise<FileOutcome[]> {
  return new Promise((resolve, reject) => {
    // Task indexes are positions in `tasks` (see FileTask), so the merge is direct.
    const results: FileOutcome[] = new Array<FileOutcome>(tasks.length);
    let next = 0;
    let finished = 0;
    let settled = false;
    const threads: Worker[] = [];
    const takeBatch = (): FileTask[] => {
      const batch = tasks.slice(next, next + BATCH_SIZE);
      next += batch.length;
      return batch;
    };
    const record = (outcome: FileOutcome): void => {
      results[outcome.index] = outcome;
      finished += 1;
      onOutcome(outcome);
    };
    const finishIfDone = (): void => {
      if (settled || finished < tasks.length) return;
      settled = true;
      for (const worker of threads) worker.postMessage({ kind: 'stop' } satisfies ScanWorkerRequest);
      resolve(results);
    };
    const send = (worker: Worker): void => {
      const batch = takeBatch();
      worker.postMessage(batch.length > 0 ? ({ kind: 'batch', tasks: batch } satisfies ScanWorkerRequest) : ({ kind: 'stop' } satisfies ScanWorkerRequest));
    };
    const data: ScanWorkerData = { vigilScanWorker: true, rulePaths: [...rulePaths], ...(ruleCache === undefined ? {} : { ruleCache: { ...ruleCache } }) };
    for (let i = 0; i < workers; i += 1) {
      const worker = new Worker(workerEntry, { workerData: data });
      threads.push(worker);
      worker.on('message', (reply: ScanWorkerReply) => {
        for (const outcome of reply.outcomes) record(outcome);
        finishIfDone();
        if (!settled) send(worker);
      });
      worker.on('error', (error) => {
        if (settled) return;
        settled = true;
        for (const each of threads) void each.terminate();
        reject(error);
      });
      send(worker);
    }
    // This thread takes a batch, then yields so replies from the workers are handled in between.
    const work = (): void => {
      if (settled) return;
      const batch = takeBatch();
      for (const task of batch) record(scanHere(task));
      finishIfDone();
      if (batch.length > 0) setImmediate(work);
    };
    setImmediate(work);
    finishIfDone();
  });
}
